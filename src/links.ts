/**
 * Links a person can click: the Fabric portal's page of a job run, per item type, and the Temporal
 * Web UI's page of a workflow run. Pure (no imports), sandbox-safe.
 *
 * Fabric portal shapes (docs/job-workflow.md, "Links", says which are confirmed by Microsoft):
 * - notebook run snapshot `/groups/{ws}/synapsenotebooks/{item}/snapshots/{jobInstanceId}`: the
 *   `executionSnapshotUrl` of the notebook job instance examples in microsoft/fabric-rest-api-specs;
 * - Spark monitor `/workloads/de-ds/sparkmonitor/{item}/{livyId}`: their `sparkJobDetailsUrl`;
 * - pipeline run `/workloads/data-pipeline/monitoring/workspaces/{ws}/pipelines/{item}/{jobInstanceId}`:
 *   seen in public code (Airflow and other tools), not in Microsoft's documentation;
 * - monitoring hub `/monitoringhub`: the portal's own address of the Monitor page.
 */

export const DEFAULT_FABRIC_PORTAL_URL = 'https://app.fabric.microsoft.com';

/** The portal's query string for the Fabric experience (the spec examples use `power-bi`, which also works). */
const EXPERIENCE = 'experience=fabric-developer';

export interface FabricRunLinkInput {
  workspaceId: string;
  itemId: string;
  jobType: string;
  /** Unknown before the job has been created. */
  jobInstanceId?: string | undefined;
  /** A notebook's or Spark job definition's Livy session id, when the run details gave one. */
  livyId?: string | undefined;
}

/** Which page a job's link opens. */
export type FabricLinkKind = 'pipeline-run' | 'notebook-snapshot' | 'spark-monitor' | 'monitoring-hub';

const enc = encodeURIComponent;

function trimRoot(portalUrl: string): string {
  return portalUrl.replace(/\/+$/, '');
}

/** The page a job's link opens, by job type: a pipeline's run, a notebook's snapshot or Spark monitor, else the monitoring hub. */
export function fabricLinkKind(input: FabricRunLinkInput): FabricLinkKind {
  const jobType = input.jobType.toLowerCase();
  if (input.jobInstanceId === undefined) return 'monitoring-hub';
  if (jobType === 'pipeline') return 'pipeline-run';
  if ((jobType === 'runnotebook' || jobType === 'sparkjob') && input.livyId) return 'spark-monitor';
  if (jobType === 'runnotebook') return 'notebook-snapshot';
  return 'monitoring-hub';
}

/** The Fabric portal page of a job run. `portalUrl` is FABRIC_PORTAL_URL (default https://app.fabric.microsoft.com). */
export function fabricRunUrl(input: FabricRunLinkInput, portalUrl: string = DEFAULT_FABRIC_PORTAL_URL): string {
  const root = trimRoot(portalUrl);
  const ws = enc(input.workspaceId);
  const item = enc(input.itemId);
  const job = enc(input.jobInstanceId ?? '');
  switch (fabricLinkKind(input)) {
    case 'pipeline-run':
      return `${root}/workloads/data-pipeline/monitoring/workspaces/${ws}/pipelines/${item}/${job}?${EXPERIENCE}`;
    case 'spark-monitor':
      return `${root}/workloads/de-ds/sparkmonitor/${item}/${enc(input.livyId!)}?${EXPERIENCE}`;
    case 'notebook-snapshot':
      return `${root}/groups/${ws}/synapsenotebooks/${item}/snapshots/${job}?${EXPERIENCE}`;
    case 'monitoring-hub':
      return `${root}/monitoringhub?${EXPERIENCE}`;
  }
}

export interface TemporalUiLocation {
  /** TEMPORAL_UI_URL when set. */
  configuredUrl?: string | undefined;
  /** The connection's host:port (TEMPORAL_ADDRESS or the profile's). */
  address: string;
}

/**
 * The Temporal Web UI root: TEMPORAL_UI_URL when set; else derived where the connection makes it
 * known: Temporal Cloud (`*.tmprl.cloud`) → https://cloud.temporal.io; a dev server on this machine
 * (`localhost`, `127.0.0.1`, `::1`) → the same host on port + 1000 (`temporal server start-dev`'s
 * default UI port). Undefined otherwise: a self-hosted UI's address is not knowable.
 */
export function temporalUiRoot(location: TemporalUiLocation): string | undefined {
  if (location.configuredUrl) return trimRoot(location.configuredUrl);
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(location.address.trim());
  if (!match) return undefined;
  const host = match[1]!.toLowerCase();
  const port = match[2] === undefined ? 7233 : Number(match[2]);
  if (host.endsWith('.tmprl.cloud')) return 'https://cloud.temporal.io';
  if (['localhost', '127.0.0.1', '[::1]'].includes(host) && port + 1000 <= 65535) return `http://${host}:${port + 1000}`;
  return undefined;
}

/** The Web UI page of a workflow run (its history); the latest run's page without `runId`. */
export function temporalWorkflowUrl(uiRoot: string, namespace: string, workflowId: string, runId?: string): string {
  const base = `${trimRoot(uiRoot)}/namespaces/${enc(namespace)}/workflows/${enc(workflowId)}`;
  return runId ? `${base}/${enc(runId)}/history` : base;
}
