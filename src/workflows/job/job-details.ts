/**
 * Reading what a finished job produced, from `runFabricJob`: once, when the job ends Completed,
 * Failed or Deduped, for the job types that have details (notebooks, Data Pipelines, Spark job
 * definitions). A notebook's terminal status poll, read from its notebook job instance, already
 * carries them (src/activities/job-status.ts): then no command is issued. Otherwise the
 * `fetchJobDetails` activity reads them. It never changes the outcome: a failure (even of the
 * activity itself) is logged and the details are left out. The activity is behind a patch, so runs
 * started before it replay without it (src/workflows/patches.ts).
 */
import { log, patched, proxyActivities } from '@temporalio/workflow';
import type { FetchJobDetailsInput } from '../../activities/types.js';
import { PATCHES } from '../patches.js';
import type { ActivityRunsMode, JobRunDetails } from '../../contracts/job-details.js';


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

/** The details of an ended job (`polled`: those the terminal poll carried), or undefined (none published, none read, or the read failed). */
export async function readJobDetails(job: EndedJob, activityRuns: ActivityRunsMode | undefined, polled?: JobRunDetails): Promise<JobRunDetails | undefined> {
  if (!JOB_TYPES_WITH_DETAILS.includes(job.jobType.toLowerCase())) return undefined;
  // Read by the poll that saw the end (a notebook on its notebook route): deterministic on replay, the
  // poll's answer is in the history; polls recorded before carry none and replay the activity below.
  if (polled !== undefined) return Object.keys(polled).length > 0 ? polled : undefined;
  if (job.jobType.toLowerCase() === 'pipeline' && (activityRuns === 'none' || (activityRuns !== 'all' && job.status !== 'Failed'))) return undefined;
  if (!patched(PATCHES.jobDetailsAtEnd.id)) return undefined;
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
