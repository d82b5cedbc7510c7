/**
 * Fabric item types and the job types they run. Pure and sandbox-safe.
 *
 * ITEM_TYPES is the `ItemType` enum of Microsoft's published spec (microsoft/fabric-rest-api-specs,
 * common/definitions.json, "Additional item types may be added over time"): a reference's
 * `.ItemType` suffix must be one of them, so a typo (`.Notbook`) is caught before any request.
 *
 * JOB_TYPES_BY_ITEM_TYPE: the job types each item type runs through the Job Scheduler, from
 * microsoft/fabric-cli's `ITJobMap` (src/fabric_cli/core/fab_types.py: SparkJobDefinition → sparkjob,
 * Notebook → RunNotebook, DataPipeline → Pipeline, Lakehouse → TableMaintenance) and the spec's
 * per-item job routes and examples (lakehouse/swagger.json: tableMaintenance and
 * refreshMaterializedLakeViews; dataflow/swagger.json: execute and applyChanges, whose job
 * instances report `Execute` and `ApplyChanges`). An item type with one job type gets it inferred;
 * one with several (a Lakehouse, a Dataflow) or none needs an explicit job type.
 */

export const ITEM_TYPES = [
  'Dashboard', 'Report', 'SemanticModel', 'PaginatedReport', 'Datamart', 'Lakehouse', 'Eventhouse', 'Environment',
  'KQLDatabase', 'KQLQueryset', 'KQLDashboard', 'DataPipeline', 'Notebook', 'SparkJobDefinition', 'MLExperiment',
  'MLModel', 'Warehouse', 'Eventstream', 'SQLEndpoint', 'MirroredWarehouse', 'MirroredDatabase', 'Reflex',
  'GraphQLApi', 'MountedDataFactory', 'SQLDatabase', 'CopyJob', 'VariableLibrary', 'Dataflow', 'ApacheAirflowJob',
  'WarehouseSnapshot', 'DigitalTwinBuilder', 'DigitalTwinBuilderFlow', 'MirroredAzureDatabricksCatalog', 'Map',
  'AnomalyDetector', 'UserDataFunction', 'GraphModel', 'GraphQuerySet', 'SnowflakeDatabase', 'OperationsAgent',
  'CosmosDBDatabase', 'Ontology', 'EventSchemaSet', 'DataAgent', 'MirroredCatalog', 'AppBackend', 'OrgApp',
  'OrgAppAudience', 'DataBuildToolJob', 'AzureDatabricksStorage', 'Plan',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** The job types of each item type that runs jobs (see the module comment for the sources). */
export const JOB_TYPES_BY_ITEM_TYPE: Readonly<Partial<Record<ItemType, readonly string[]>>> = {
  Notebook: ['RunNotebook'],
  DataPipeline: ['Pipeline'],
  SparkJobDefinition: ['sparkjob'],
  Lakehouse: ['TableMaintenance', 'RefreshMaterializedLakeViews'],
  Dataflow: ['Execute', 'ApplyChanges'],
};

/** Every job type of the table above, once. */
export const KNOWN_JOB_TYPES: readonly string[] = [...new Set(Object.values(JOB_TYPES_BY_ITEM_TYPE).flat())];

/** The spec's spelling of an item type, matched case-insensitively (`notebook` → `Notebook`); undefined when unknown. */
export function canonicalItemType(text: string): ItemType | undefined {
  const lower = text.toLowerCase();
  return ITEM_TYPES.find((type) => type.toLowerCase() === lower);
}

/** Why no job type could be inferred: the message names the item and lists the choices. Matched by `name`. */
export class JobTypeNotInferable extends Error {
  override readonly name = 'JobTypeNotInferable';
  constructor(
    message: string,
    readonly itemType: string,
    /** The job types this item type runs (empty when none is known). */
    readonly choices: readonly string[],
  ) {
    super(message);
  }
}

/**
 * The job type to run: `explicit` when given (it always wins), else the only job type of `itemType`.
 * @param what names the item in the message, e.g. `item "Sales lake.Lakehouse"`.
 * @param flag how the caller sets the job type, e.g. `--job-type` or `jobType`.
 * @throws JobTypeNotInferable when the item type has several job types or none.
 */
export function inferJobType(itemType: string, explicit: string | undefined, what: string, flag = '--job-type'): string {
  if (explicit !== undefined && explicit.trim() !== '') return explicit;
  const canonical = canonicalItemType(itemType);
  const choices = canonical === undefined ? [] : (JOB_TYPES_BY_ITEM_TYPE[canonical] ?? []);
  if (choices.length === 1) return choices[0]!;
  if (choices.length > 1) {
    throw new JobTypeNotInferable(`${what} is a ${itemType}, which runs several job types: give ${flag} (one of ${choices.join(', ')})`, itemType, choices);
  }
  throw new JobTypeNotInferable(
    `${what} is a ${itemType}, which has no job type of its own: give ${flag} (job types known: ${KNOWN_JOB_TYPES.join(', ')})`,
    itemType,
    choices,
  );
}
