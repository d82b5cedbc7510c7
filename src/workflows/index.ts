/** Workflows registered on the fabric-temporal worker (the bundle's entry point). */
export { runFabricJob, stateQuery } from './run-fabric-job.js';
