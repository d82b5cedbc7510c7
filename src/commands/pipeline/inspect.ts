/**
 * `pipeline validate <file>` (every problem, exit 2; or a summary, exit 0) and `pipeline graph
 * <file>` (a Mermaid flowchart on stdout). Neither needs Temporal or any configuration.
 */
import type { Command } from 'commander';
import { pipelineToMermaid, topologicalOrder, type LoadedPipeline } from '../../pipeline/index.js';
import type { FabricPipelineInput } from '../../contracts/pipeline.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { addEnvironmentOptions, collectParam, loadForCommand, pipelineInputFromFile, type RawEnvironmentOptions, type RawPipelineInputOptions } from './file-input.js';

/** `a, b → c → d`: the steps by the earliest wave they can run in. */
function waves({ pipeline }: LoadedPipeline): string {
  const depth = new Map<string, number>();
  for (const id of topologicalOrder(pipeline.steps)) {
    const needs = pipeline.steps.find((step) => step.id === id)!.needs ?? [];
    depth.set(id, Math.max(0, ...needs.map((need) => depth.get(need)! + 1)));
  }
  const grouped: string[][] = [];
  for (const [id, level] of depth) (grouped[level] ??= []).push(id);
  return grouped.map((ids) => ids.join(', ')).join(' → ');
}

function summary(loaded: LoadedPipeline, input: FabricPipelineInput | undefined): string[] {
  const { pipeline } = loaded;
  const params = input?.params ?? pipeline.params ?? {};
  const paramText = Object.entries(params).map(([key, value]) => `${key}=${value === null ? '(required)' : JSON.stringify(value)}`);
  return [
    `${loaded.source}: OK — pipeline ${pipeline.name}, ${pipeline.steps.length} step${pipeline.steps.length === 1 ? '' : 's'}, maxParallel ${pipeline.maxParallel ?? 4}, onFailure ${pipeline.onFailure ?? 'fail'}`,
    `  order: ${waves(loaded)}`,
    ...(paramText.length > 0 ? [`  params: ${paramText.join(', ')}`] : []),
    ...(pipeline.steps.some((step) => step.compensate) ? [`  compensations: ${pipeline.steps.filter((s) => s.compensate).map((s) => s.id).join(', ')}`] : []),
  ];
}

/** Without --env: the file with each of its environments applied must be valid too. @throws UsageError listing every problem */
async function validateEveryEnvironment(file: string, environments: string[]): Promise<void> {
  const problems: string[] = [];
  for (const env of environments) {
    try {
      await loadForCommand(file, { env });
    } catch (error) {
      if ((error as Error | null)?.name !== 'UsageError') throw error;
      problems.push(...(error as UsageError).problems.slice(1).map((line) => `  environment ${env}: ${line.trim()}`));
    }
  }
  if (problems.length > 0) throw new UsageError([`${file}: invalid pipeline in some environments (${problems.length} problem${problems.length === 1 ? '' : 's'}):`, ...problems]);
}

export function registerPipelineInspectCommands(pipeline: Command, ctx: CliContext): void {
  addEnvironmentOptions(
    pipeline
      .command('validate')
      .description('check a pipeline file and list every problem (exit 2), or summarize it (exit 0); without --env, every environment')
      .argument('<file>', 'pipeline file (YAML or JSON)'),
  )
    .option('--param <name=value>', 'also check these run params (repeatable); required params must then be given', collectParam, [])
    .option('--logical-date <yyyy-mm-dd>', 'also check a logical date')
    .option('--json', 'print { valid, problems } on stdout')
    .action(
      ctx.handler(async (file: string, raw: RawPipelineInputOptions & { json?: boolean }) => {
        const resolveToo = (raw.param?.length ?? 0) > 0 || raw.logicalDate !== undefined;
        try {
          const loaded = await loadForCommand(file, raw);
          if (raw.env === undefined && raw.values === undefined) await validateEveryEnvironment(file, Object.keys(loaded.pipeline.environments ?? {}));
          const input = resolveToo ? (await pipelineInputFromFile(file, raw)).input : undefined;
          if (raw.json) ctx.json({ valid: true, problems: [] });
          else ctx.io.stdout.write(`${summary(loaded, input).join('\n')}\n`);
          return EXIT.ok;
        } catch (error) {
          if (!raw.json || (error as Error | null)?.name !== 'UsageError') throw error;
          ctx.json({ valid: false, problems: (error as { problems: string[] }).problems.slice(1).map((line) => line.trim()) });
          return EXIT.invalidInput;
        }
      }),
    );

  addEnvironmentOptions(pipeline.command('graph').description('print the pipeline as a Mermaid flowchart').argument('<file>', 'pipeline file (YAML or JSON)')).action(
      ctx.handler(async (file: string, raw: RawEnvironmentOptions) => {
        const loaded = await loadForCommand(file, raw);
        ctx.io.stdout.write(pipelineToMermaid(loaded.pipeline));
        return EXIT.ok;
      }),
    );
}
