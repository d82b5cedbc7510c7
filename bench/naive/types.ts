/** Input and output of the benchmark's naive baseline (one long activity per job). */
export interface NaiveJobInput {
  workspaceId: string;
  itemId: string;
  jobType: string;
  executionData?: Record<string, unknown>;
}

export interface NaiveJobResult {
  jobInstanceId: string;
  status: string;
  polls: number;
}

export interface NaiveActivities {
  runJobAndPoll(input: NaiveJobInput): Promise<NaiveJobResult>;
}

export const NAIVE_WORKFLOW = 'naiveFabricJob';
