/**
 * Reading what a finished job produced (`fetchJobDetails`), from `runFabricJob`: once, when the job
 * ends Completed, Failed or Deduped, for the job types that have details (notebooks, Data Pipelines,
 * Spark job definitions). It never changes the outcome: a failure (even of the activity itself) is
 * logged and the details are left out. New in a later version: behind a patch, so runs started
 * before it replay without the activity.
 */
import { log, patched, proxyActivities } from '@temporalio/workflow';
import type { FetchJobDetailsInput } from '../../activities/types.js';
import type { ActivityRunsMode, JobRunDetails } from '../../contracts/job-details.js';

/** The patch id of the details read at the job's end. */
export const JOB_DETAILS_PATCH = 'fetch-job-details-at-end';

/** Job types whose runs have details Fabric publishes (case-insensitive). */
const JOB_TYPES_WITH_DETAILS = ['runnotebook', 'pipeline', 'sparkjob'];

const { fetchJobDetails } = proxyActivities<{ fetchJobDetails(input: FetchJobDetailsInput): Promise<JobRunDetails> }>({
  startToCloseTimeout: '1 minute',
  // The activity itself never fails for Fabric's answers; these attempts cover a lost worker.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds', maximumAttempts: 3 },
});

export interface EndedJob {
  workspaceId: string;
  itemId: string;
  jobType: string;
  jobInstanceId: string;
  status: string;
  startTimeUtc: string | null;
  endTimeUtc: string | null;
  /** The run's named connection. @default 'default' */
  connection?: string;
}

/** The details of an ended job, or undefined (none published, none read, or the read failed). */
export async function readJobDetails(job: EndedJob, activityRuns: ActivityRunsMode | undefined): Promise<JobRunDetails | undefined> {
  if (!JOB_TYPES_WITH_DETAILS.includes(job.jobType.toLowerCase())) return undefined;
  if (job.jobType.toLowerCase() === 'pipeline' && (activityRuns === 'none' || (activityRuns !== 'all' && job.status !== 'Failed'))) return undefined;
  if (!patched(JOB_DETAILS_PATCH)) return undefined;
  try {
    const details = await fetchJobDetails({ ...job, ...(activityRuns !== undefined && { activityRuns }) });
    return Object.keys(details).length > 0 ? details : undefined;
  } catch (error) {
    log.warn(`Could not read the details of job instance ${job.jobInstanceId}; the outcome stands`, {
      jobInstanceId: job.jobInstanceId,
      error: (error as Error)?.message,
    });
    return undefined;
  }
}
