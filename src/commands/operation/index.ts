/**
 * The Fabric long-running operation commands (the `fabricOperation` workflow, docs/operations-kinds.md):
 *
 *   sql-endpoint refresh-metadata   refresh a SQL analytics endpoint's table metadata
 *   lakehouse load-table            load files of a lakehouse into a table
 *   deployment-pipeline deploy      deploy one stage of a deployment pipeline to another
 *   operation run                   any Fabric POST answered as a long-running operation
 *
 * Each waits for the operation (live progress on stderr) or returns once started with `--no-wait`;
 * `--json` prints one object on stdout; exit 0 Succeeded, 1 otherwise, 2 bad input (nothing started).
 * The shared flags (timeout, poll bounds, connection, pool) follow the job table's rules.
 */
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { FABRIC_OPERATION_WORKFLOW, operationKindProblems, operationNamedTarget, type FabricOperationInput, type FabricOperationResult, type OperationKind } from '../../contracts/fabric-operation.js';
import { operationReference } from '../../names/job-targets.js';
import { checkTargets, describeResolved } from '../fabric-names.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { addProgressIntervalOption, parseProgressInterval } from '../follow.js';
import { latchCtrlC } from '../live-wait.js';
import { ProblemCollector } from '../parse/collect.js';
import { parseFieldFlags } from '../parse/job-options.js';
import { parseJsonObject, parseJsonValue } from '../parse/json-input.js';
import { parseWorkflowId } from '../parse/ids.js';
import { asFlag, assertConfiguredNames, configuredUses } from '../configured-names.js';
import { addFieldFlags } from '../job-flags.js';
import { OPERATION_FIELD_LIST } from '../../contracts/operation-fields.js';
import { startUnderNewId } from '../start-workflow.js';
import { followOperation } from './follow.js';

type Raw = Record<string, unknown> & { workflowId?: string; wait?: boolean; json?: boolean; progressInterval?: string };
type OperationWorkflow = (input: FabricOperationInput) => Promise<FabricOperationResult>;

/** A kind's command: its flags, and how they become the kind's fields (`flagOf` names the flag of each field for messages). */
export interface KindCommand {
  kind: OperationKind;
  group: string;
  name: string;
  description: string;
  /** The workflow id's prefix. */
  idPrefix: string;
  flags: (command: Command) => Command;
  fields: (raw: Raw, c: ProblemCollector) => Record<string, unknown>;
  flagOf: Record<string, string>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);

/** `--mode append` → `Append`: one of `allowed`, case-insensitive; the original text otherwise (the kind's rules then name it). */
function choice(text: string | undefined, allowed: readonly string[]): string | undefined {
  if (text === undefined) return undefined;
  return allowed.find((a) => a.toLowerCase() === text.toLowerCase()) ?? text;
}

const KINDS: readonly KindCommand[] = [
  {
    kind: 'sqlEndpointRefreshMetadata',
    group: 'sql-endpoint',
    name: 'refresh-metadata',
    description: "refresh the table metadata of a SQL analytics endpoint (after a lakehouse's tables changed) and wait until it ends",
    idPrefix: 'fabric-sql-refresh',
    flags: (c) =>
      c
        .option('--workspace <name|uuid>', 'the workspace: its name or id (not needed when --sql-endpoint is a path)')
        .requiredOption('--sql-endpoint <ref>', 'the SQL analytics endpoint: its id, its name (Sales, or Sales.SQLEndpoint) or "Workspace.Workspace/Name"')
        .option('--recreate-tables', 'drop and recreate every table of the endpoint during the refresh (Fabric default: no)')
        .option('--refresh-timeout <minutes>', "Fabric's own limit on the refresh, in minutes (Fabric default 15)"),
    fields: (raw, c) => {
      const request: Record<string, unknown> = {};
      if (raw.recreateTables === true) request.recreateTables = true;
      const minutes = str(raw.refreshTimeout);
      if (minutes !== undefined) {
        const value = Number(minutes);
        if (!/^\d+(\.\d+)?$/.test(minutes) || !(value > 0)) c.add(`--refresh-timeout ${JSON.stringify(minutes)}: must be a positive number of minutes`);
        else request.timeout = { value, timeUnit: 'Minutes' };
      }
      return { workspaceId: str(raw.workspace), sqlEndpointId: str(raw.sqlEndpoint), request };
    },
    flagOf: { workspaceId: '--workspace', sqlEndpointId: '--sql-endpoint', 'request.timeout': '--refresh-timeout', 'request.recreateTables': '--recreate-tables' },
  },
  {
    kind: 'lakehouseLoadTable',
    group: 'lakehouse',
    name: 'load-table',
    description: 'load files of a lakehouse (Files/...) into a Delta table and wait until it ends',
    idPrefix: 'fabric-load-table',
    flags: (c) =>
      c
        .option('--workspace <name|uuid>', 'the workspace: its name or id (not needed when --lakehouse is a path)')
        .requiredOption('--lakehouse <ref>', 'the lakehouse: its id, its name (Sales, or Sales.Lakehouse) or "Workspace.Workspace/Name"')
        .requiredOption('--table <name>', 'the table: letters, digits and underscores')
        .requiredOption('--path <Files/...>', 'the file or folder to load, relative to the lakehouse, e.g. Files/sales/2024.csv')
        .option('--path-type <File|Folder>', 'whether --path is a file or a folder (default File)')
        .option('--mode <Overwrite|Append>', 'replace the table or add to it; Append (and no mode) is never sent twice, Overwrite may be (default: Fabric\'s)')
        .option('--format <Csv|Parquet>', 'the files\' format (default: Fabric\'s)')
        .option('--header', 'CSV: the files have a header line')
        .option('--delimiter <text>', 'CSV: the delimiter')
        .option('--file-extension <ext>', 'only files with this extension (folder loads)')
        .option('--recursive', 'folder loads: search files in subfolders too'),
    fields: (raw) => {
      const format = choice(str(raw.format), ['Csv', 'Parquet']);
      const formatOptions =
        format === undefined
          ? raw.header === true || raw.delimiter !== undefined
            ? { format: 'Csv', ...(raw.header === true && { header: true }), ...(typeof raw.delimiter === 'string' && { delimiter: raw.delimiter }) }
            : undefined
          : { format, ...(raw.header === true && { header: true }), ...(typeof raw.delimiter === 'string' && { delimiter: raw.delimiter }) };
      const request = {
        relativePath: str(raw.path),
        pathType: choice(str(raw.pathType), ['File', 'Folder']) ?? 'File',
        ...(raw.mode !== undefined && { mode: choice(str(raw.mode), ['Overwrite', 'Append']) }),
        ...(raw.fileExtension !== undefined && { fileExtension: str(raw.fileExtension) }),
        ...(raw.recursive === true && { recursive: true }),
        ...(formatOptions !== undefined && { formatOptions }),
      };
      return { workspaceId: str(raw.workspace), lakehouseId: str(raw.lakehouse), tableName: str(raw.table), request };
    },
    flagOf: {
      workspaceId: '--workspace',
      lakehouseId: '--lakehouse',
      tableName: '--table',
      'request.relativePath': '--path',
      'request.pathType': '--path-type',
      'request.mode': '--mode',
      'request.formatOptions': '--format',
      'request.fileExtension': '--file-extension',
    },
  },
  {
    kind: 'deploymentPipelineDeploy',
    group: 'deployment-pipeline',
    name: 'deploy',
    description: 'deploy the content of one stage of a deployment pipeline to another and wait until it ends',
    idPrefix: 'fabric-deploy',
    flags: (c) =>
      c
        .requiredOption('--pipeline <uuid>', 'the deployment pipeline id')
        .requiredOption('--from <stage>', 'the source stage: its id or display name (e.g. Development)')
        .requiredOption('--to <stage>', 'the target stage: its id or display name (e.g. Test)')
        .option('--note <text>', 'a note describing the deployment (at most 1024 characters)')
        .option('--items <json|@file>', 'only these items: a JSON array of {"sourceItemId","itemType"} (default: every supported item)')
        .option('--allow-cross-region', 'allow a deployment across regions'),
    fields: (raw, c) => {
      const items = c.optional(str(raw.items), (t) => parseJsonValue('--items', t));
      const request = {
        ...(raw.note !== undefined && { note: raw.note }),
        ...(items !== undefined && { items }),
        ...(raw.allowCrossRegion === true && { options: { allowCrossRegionDeployment: true } }),
      };
      return { deploymentPipelineId: str(raw.pipeline), sourceStage: str(raw.from), targetStage: str(raw.to), request };
    },
    flagOf: { deploymentPipelineId: '--pipeline', sourceStage: '--from', targetStage: '--to', 'request.note': '--note', 'request.items': '--items' },
  },
  {
    kind: 'fabricOperation',
    group: 'operation',
    name: 'run',
    description: 'POST to any Fabric API that answers as a long-running operation (202 + x-ms-operation-id) and wait until it ends',
    idPrefix: 'fabric-operation',
    flags: (c) =>
      c
        .requiredOption('--path <api-path>', 'the API path under the Fabric root, e.g. /workspaces/<id>/items/<id>/getDefinition')
        .option('--body <json|@file>', 'the JSON object to send (default: no body)')
        .option('--idempotent', 'sending the request twice does no harm: a start whose answer was lost is sent again (default: never sent twice)'),
    fields: (raw, c) => ({
      path: str(raw.path),
      ...(raw.body !== undefined && { body: c.optional(str(raw.body), (t) => parseJsonObject('--body', t)) }),
      ...(raw.idempotent === true && { idempotent: true }),
    }),
    flagOf: { path: '--path', body: '--body', idempotent: '--idempotent' },
  },
];

/** The shared flags (timeout, poll bounds, connection, pool: the operation field table) and the command's own. */
function addSharedFlags(command: Command): Command {
  return addProgressIntervalOption(
    addFieldFlags(command, OPERATION_FIELD_LIST, { required: false })
      .option('--workflow-id <id>', 'workflow id (default <kind>-<uuid>); an id already used is refused')
      .option('--no-wait', 'return once the workflow has started')
      .option('--json', 'print one JSON object on stdout'),
  );
}

/** The input the flags define, every problem reported at once. @throws UsageError */
export function parseOperationFlags(spec: KindCommand, raw: Raw): { workflowId: string; input: FabricOperationInput } {
  const c = new ProblemCollector();
  const fields = spec.fields(raw, c);
  const shared = c.take(() => parseFieldFlags(OPERATION_FIELD_LIST, raw)) as Partial<Pick<FabricOperationInput, 'timeoutMs' | 'pollInterval' | 'connection' | 'pool'>> | undefined;
  const input = { kind: spec.kind, ...fields } as Record<string, unknown>;
  if (isEmptyObject(input.request)) delete input.request;
  for (const p of operationKindProblems(input)) {
    const flag = spec.flagOf[p.field] ?? spec.flagOf[p.field.split('.')[0]!] ?? p.field;
    c.add(`${flag}: ${p.message}`);
  }
  const workflowId = c.optional(raw.workflowId, (t) => parseWorkflowId('--workflow-id', t));
  c.throwIfAny();
  const { timeoutMs, pollInterval, connection, pool } = shared ?? {};
  Object.assign(input, {
    ...(timeoutMs !== undefined && { timeoutMs }),
    ...(pollInterval !== undefined && { pollInterval }),
    ...(connection !== undefined && { connection }),
    ...(pool !== undefined && { pool }),
  });
  return { workflowId: workflowId ?? `${spec.idPrefix}-${randomUUID()}`, input: input as unknown as FabricOperationInput };
}

function isEmptyObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}

/**
 * A lakehouse or SQL endpoint given by name is resolved before anything starts, with the run's
 * connection (among items of its type): an unknown name exits 2 with the closest ones. The workflow
 * keeps the names and resolves them once more, in its history.
 */
async function checkOperationNames(ctx: CliContext, spec: KindCommand, input: FabricOperationInput): Promise<void> {
  const named = operationNamedTarget(input);
  if (!named) return;
  const target = { ...operationReference(named, '', input.connection), labels: { workspace: '--workspace', item: spec.flagOf[named.fileKey === 'lakehouse' ? 'lakehouseId' : 'sqlEndpointId']! } };
  const resolved = (await checkTargets(ctx, { operation: target })).operation!;
  ctx.info(`Resolved: ${describeResolved(resolved)}`);
}

async function runKind(ctx: CliContext, spec: KindCommand, raw: Raw): Promise<number> {
  const { workflowId, input } = parseOperationFlags(spec, raw);
  const progressIntervalMs = parseProgressInterval(raw.progressInterval);
  assertConfiguredNames(ctx, configuredUses(OPERATION_FIELD_LIST, input, asFlag));
  await checkOperationNames(ctx, spec, input);
  const config = ctx.config();
  const client = await ctx.client();
  const taskQueue = config.jobs.taskQueue;
  latchCtrlC();
  const handle = await startUnderNewId<OperationWorkflow>(
    client,
    FABRIC_OPERATION_WORKFLOW,
    { taskQueue, workflowId, args: [input], workflowIdReusePolicy: 'REJECT_DUPLICATE', memo: { kind: input.kind } },
    () => `--workflow-id ${JSON.stringify(workflowId)}: a workflow with this id already exists; nothing was started`,
  );
  const runId = handle.firstExecutionRunId;
  ctx.info(`Started workflow ${workflowId} (run ${runId}) on task queue ${taskQueue}`);
  if (raw.wait === false) {
    if (raw.json) ctx.json({ workflowId, runId, kind: input.kind });
    else ctx.io.stdout.write(`${workflowId}\n`);
    return EXIT.ok;
  }
  return followOperation(ctx, client, workflowId, { json: raw.json === true, progressIntervalMs });
}

export function registerOperationCommands(program: Command, ctx: CliContext): void {
  const groups = new Map<string, Command>();
  const groupHelp: Record<string, string> = {
    'sql-endpoint': 'SQL analytics endpoints: metadata refresh (a Fabric long-running operation)',
    lakehouse: 'lakehouses: table load (a Fabric long-running operation)',
    'deployment-pipeline': 'deployment pipelines: deploy between stages (a Fabric long-running operation)',
    operation: 'any Fabric long-running operation',
  };
  for (const spec of KINDS) {
    let group = groups.get(spec.group);
    if (!group) {
      group = program.command(spec.group).description(groupHelp[spec.group] ?? spec.group);
      groups.set(spec.group, group);
    }
    const command = addSharedFlags(spec.flags(group.command(spec.name).description(spec.description)));
    command.action(ctx.handler(async (raw: Raw) => runKind(ctx, spec, raw)));
  }
}

/** The command of a kind (its flags and their parsing), e.g. for tests. */
export function operationCommand(kind: OperationKind): KindCommand {
  return KINDS.find((k) => k.kind === kind)!;
}
