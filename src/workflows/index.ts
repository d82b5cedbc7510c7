/** Workflows registered on the fabric-temporal worker (the bundle's entry point). */
export { runFabricJob, stateQuery } from './job/run-fabric-job.js';
export { fabricPipeline, pipelineProgressQuery, pipelineRetryUpdate, pipelineSkipUpdate, pipelineAbortUpdate } from './pipeline/pipeline.js';
export { fabricScheduledRun } from './schedule/scheduled-run.js';
export { fabricReconcile } from './reconcile/reconcile.js';
export { fabricPool, poolStateQuery } from './pool/pool.js';
export { semanticModelRefresh, refreshStateQuery } from './refresh/semantic-model-refresh.js';
export { fabricOperation, operationStateQuery } from './operation/fabric-operation.js';
