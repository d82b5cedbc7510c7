/**
 * Job metrics from the status activity: wraps `getJobStatus` so that every attempt counts as a
 * poll and the first terminal status seen for a job instance counts the job and its duration.
 *
 * ```ts
 * const activities = instrumentActivities(createActivities(fabric), metrics);
 * ```
 *
 * Counting happens in the activity, not the workflow (workflows must stay deterministic and free of
 * I/O). A job is counted once per worker process; if the poll that saw the terminal status is
 * retried on another worker (its result was lost to a crash or a timeout), that worker counts it
 * too. Such duplicates are rare and documented in docs/observability.md.
 */
import type { FabricActivities } from '../activities/index.js';
import type { FabricMetrics } from './metrics.js';

/** The same activities, with getJobStatus recording `fabric_polls_total` and `fabric_jobs_total`. */
export function instrumentActivities<A extends Pick<FabricActivities, 'getJobStatus'>>(activities: A, metrics: FabricMetrics): A {
  const getJobStatus: FabricActivities['getJobStatus'] = async (input) => {
    metrics.recordPoll();
    const output = await activities.getJobStatus(input);
    if (output.found) metrics.recordJob(output.instance);
    return output;
  };
  return { ...activities, getJobStatus };
}
