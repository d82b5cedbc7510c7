/**
 * The links of a pipeline run: the Web UI's page of the pipeline workflow, and per step the Fabric
 * portal's page of its job and the Web UI's page of its step workflow.
 */
import type { Client } from '@temporalio/client';
import type { FabricPipelineInput, PipelineProgress } from '../../contracts/pipeline.js';
import type { CliContext } from '../context.js';
import { fabricUrlOf, temporalUrlOf, type RunLinks } from '../links.js';
import { stepsWithResolved } from '../../names/index.js';
import { recordedRun } from '../workflow-input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: string): boolean => UUID.test(value);

export interface PipelineLinks {
  temporalUrl?: string;
  steps: Record<string, RunLinks>;
}

/**
 * The input a pipeline run was started with, its steps' names replaced by the ids its look-ups
 * resolved (so that links are built from ids); undefined when it cannot be read.
 */
export async function pipelineInputOf(client: Client, workflowId: string, runId: string | null): Promise<FabricPipelineInput | undefined> {
  try {
    const recorded = await recordedRun(client, workflowId, runId ?? undefined);
    const input = recorded.input as FabricPipelineInput | undefined;
    return input && Array.isArray(input.steps) ? { ...input, steps: stepsWithResolved(input.steps, recorded.resolved) } : undefined;
  } catch {
    return undefined;
  }
}

/** Every link that can be built (a step whose item is still a template gets no Fabric link). */
export function pipelineLinks(ctx: CliContext, workflowId: string, runId: string | null, progress: PipelineProgress | undefined, input: FabricPipelineInput | undefined): PipelineLinks {
  const temporalUrl = temporalUrlOf(ctx, workflowId, runId);
  const steps: Record<string, RunLinks> = {};
  for (const step of progress?.steps ?? []) {
    const definition = input?.steps.find((candidate) => candidate.id === step.id);
    const ids = definition && isUuid(definition.workspaceId) && isUuid(definition.itemId) ? definition : undefined;
    const fabricUrl = fabricUrlOf(ctx, ids && {
      workspaceId: ids.workspaceId,
      itemId: ids.itemId,
      jobType: ids.jobType,
      jobInstanceId: step.jobInstanceId ?? undefined,
      livyId: step.details?.livyId,
    });
    const stepUrl = step.workflowId ? temporalUrlOf(ctx, step.workflowId) : undefined;
    steps[step.id] = { ...(fabricUrl !== undefined && { fabricUrl }), ...(stepUrl !== undefined && { temporalUrl: stepUrl }) };
  }
  return { ...(temporalUrl !== undefined && { temporalUrl }), steps };
}
