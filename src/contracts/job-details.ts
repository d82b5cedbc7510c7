/**
 * What a finished job produced, beyond its status: a notebook's exit value and Spark monitoring
 * links, a Spark job definition's Livy session, a Data Pipeline's activity runs. Read once when a job
 * ends (fetchJobDetails); every field is optional, because a details fetch that fails leaves it out.
 * Plain JSON, sandbox-safe (no imports). Field names follow Fabric's (docs/fabric-client.md).
 */

/** One activity run of a Data Pipeline run, reduced to what a person or a downstream step needs. */
export interface ActivityRunSummary {
  activityName: string;
  activityType: string;
  /** Fabric's activity status, e.g. `Succeeded`, `Failed`, `InProgress`, `Cancelled`. */
  status: string;
  /** ISO 8601 with `Z`, as Fabric sends it. */
  activityRunStart?: string;
  activityRunEnd?: string;
  durationInMs?: number;
  /** Only when Fabric sent a non-empty error code or message. */
  error?: { errorCode: string; message: string; failureType?: string };
  /** The activity's `output` (e.g. a Copy's rowsCopied, a notebook activity's exit value). */
  output?: unknown;
}

/** Which activity runs of a Data Pipeline job to fetch when it ends. */
export const ACTIVITY_RUNS_MODES = ['failed', 'all', 'none'] as const;
/** `failed`: the failed activity runs, fetched only when the job failed; `all`: every activity run, always; `none`: never. */
export type ActivityRunsMode = (typeof ACTIVITY_RUNS_MODES)[number];

export interface JobRunDetails {
  /** Notebook: what `notebookutils.notebook.exit(value)` returned (a string; often JSON). */
  exitValue?: string;
  /** Notebook (Spark compute) and Spark job definition: the Livy session id. */
  livyId?: string;
  /** Notebook run in high-concurrency mode (Spark): the session tag, and whether Fabric `Created` the session or attached the run to an existing one. */
  sessionTag?: string;
  sessionSource?: string;
  /** Notebook and Spark job definition: the Spark application id. */
  sparkApplicationId?: string;
  /** Notebook (beta API) monitoring links, as Fabric sends them. */
  sparkUiUrl?: string;
  sparkJobDetailsUrl?: string;
  driverLogUrl?: string;
  executionSnapshotUrl?: string;
  /** Spark job definition: the Livy session's state and, when cancelled, why. */
  livyState?: string;
  cancellationReason?: string;
  /** Data Pipeline: the activity runs (see ActivityRunsMode). */
  activityRuns?: ActivityRunSummary[];
  /**
   * A SQL analytics endpoint metadata refresh step (`kind: sqlEndpointRefreshMetadata`): Fabric's
   * per-table sync statuses (TableSyncStatus: tableName, status Success|Failure|NotRun, times, error).
   */
  tables?: { tableName: string; status: string; startDateTime?: string; endDateTime?: string; lastSuccessfulSyncDateTime?: string; error?: { errorCode: string; message: string } }[];
  /** A long-running operation step: the operation's result (`GET /operations/{id}/result`), when it has one. */
  operationResult?: unknown;
}
