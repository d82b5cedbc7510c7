/** Workflows registered on the fabric-temporal worker (the bundle's entry point). */
export { runFabricJob, stateQuery } from './run-fabric-job.js';
export { fabricPipeline, pipelineProgressQuery, pipelineRetryUpdate, pipelineSkipUpdate, pipelineAbortUpdate } from './pipeline.js';
export { fabricScheduledRun } from './scheduled-run.js';
