/** Fabric Job Scheduler URLs, and reading ids back out of them. */

export const DEFAULT_BASE_URL = 'https://api.fabric.microsoft.com/v1';

const INSTANCE_PATH = /\/jobs\/(?:[^/]+\/)?instances\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

export class FabricUrls {
  readonly base: string;
  readonly origin: string;

  constructor(baseUrl: string = DEFAULT_BASE_URL) {
    const parsed = new URL(baseUrl);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`baseUrl must be http(s), got ${baseUrl}`);
    this.base = parsed.href.replace(/\/+$/, '');
    this.origin = parsed.origin;
  }

  jobs(workspaceId: string, itemId: string): string {
    return `${this.base}/workspaces/${workspaceId}/items/${itemId}/jobs`;
  }

  run(workspaceId: string, itemId: string, jobType: string, route: 'query' | 'path'): string {
    const jobs = this.jobs(workspaceId, itemId);
    return route === 'path'
      ? `${jobs}/${encodeURIComponent(jobType)}/instances`
      : `${jobs}/instances?jobType=${encodeURIComponent(jobType)}`;
  }

  /** The released notebook route (notebook/swagger.json `BackgroundJobs_RunOnDemandNotebook`; `beta=false` is required). */
  runNotebook(workspaceId: string, notebookId: string): string {
    return `${this.base}/workspaces/${workspaceId}/notebooks/${notebookId}/jobs/execute/instances?beta=false`;
  }

  instances(workspaceId: string, itemId: string): string {
    return `${this.jobs(workspaceId, itemId)}/instances`;
  }

  instance(workspaceId: string, itemId: string, jobInstanceId: string): string {
    return `${this.instances(workspaceId, itemId)}/${jobInstanceId}`;
  }

  schedules(workspaceId: string, itemId: string, jobType: string): string {
    return `${this.jobs(workspaceId, itemId)}/${encodeURIComponent(jobType)}/schedules`;
  }

  schedule(workspaceId: string, itemId: string, jobType: string, scheduleId: string): string {
    return `${this.schedules(workspaceId, itemId, jobType)}/${scheduleId}`;
  }

  /** The notebook job instance endpoint (beta: `?beta=true` is required). */
  notebookJobInstance(workspaceId: string, notebookId: string, jobInstanceId: string): string {
    return `${this.base}/workspaces/${workspaceId}/notebooks/${notebookId}/jobs/execute/instances/${jobInstanceId}?beta=true`;
  }

  /** A Data Pipeline run's activity runs (POST); the run id is the Job Scheduler's job instance id. */
  activityRuns(workspaceId: string, jobInstanceId: string): string {
    return `${this.base}/workspaces/${workspaceId}/datapipelines/pipelineruns/${jobInstanceId}/queryactivityruns`;
  }

  livySessions(workspaceId: string, collection: 'notebooks' | 'sparkJobDefinitions', itemId: string): string {
    return `${this.base}/workspaces/${workspaceId}/${collection}/${itemId}/livySessions`;
  }

  /** True when `url` is on the client's origin (the bearer token is only ever sent there). */
  isSameOrigin(url: string): boolean {
    try {
      return new URL(url).origin === this.origin;
    } catch {
      return false;
    }
  }
}

/** Resolves a possibly relative `Location` against the request URL; `undefined` when it is no URL at all. */
export function resolveLocation(location: string | undefined, requestUrl: string): string | undefined {
  if (location === undefined) return undefined;
  try {
    return new URL(location, requestUrl).href;
  } catch {
    return undefined;
  }
}

/**
 * The job instance id of an absolute job instance URL (`.../jobs/instances/{uuid}` or
 * `.../jobs/{jobType}/instances/{uuid}`); undefined for anything else, such as
 * `.../jobs/instances?jobType=X` or a URL that merely ends in some other UUID.
 */
export function jobInstanceIdFromLocation(location: string): string | undefined {
  try {
    return INSTANCE_PATH.exec(new URL(location).pathname)?.[1];
  } catch {
    return undefined;
  }
}

/** True when `url` is an absolute job instance URL (see jobInstanceIdFromLocation). */
export function isJobInstanceUrl(url: string): boolean {
  return jobInstanceIdFromLocation(url) !== undefined;
}
