/**
 * Pipeline files: schema, loading (YAML/JSON), validation with every problem listed, resolution
 * into the `fabricPipeline` workflow's input, graph helpers and Mermaid. Not part of the workflow bundle.
 */
export { loadPipelineFile, parsePipelineText, type LoadedPipeline } from './load.js';
export { applyEnvironment, envTemplatesUsed, loadValuesFile, environmentsSchema, type EnvironmentSelection, type EnvironmentValues } from './environments.js';
export { validatePipeline, type PipelineValidation } from './validate.js';
export { resolvePipeline, parseParamAssignments, isIsoDate, type ResolveOptions } from './resolve.js';
export { PipelineValidationError, formatIssue, runInputIssue, type PipelineIssue, type RunInputProblem } from './issues.js';
export { pipelineFileSchema, type PipelineFile, type PipelineFileStep, type PipelineFileCompensation } from './schema.js';
export { findCycles, topologicalOrder, transitiveNeeds, transitiveDependants, type GraphNode } from './graph.js';
export { pipelineToMermaid } from './mermaid.js';
