/**
 * `pipeline validate <file>...` (every problem of every file, in every environment without --env, exit 2; or a summary each, exit 0) and `pipeline graph
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
      .description('check pipeline files and list every problem (exit 2), or summarize each (exit 0); without --env, every environment')
      .argument('<files...>', 'pipeline files (YAML or JSON)'),
  )
    .option('--param <name=value>', 'also check these run params (repeatable); required params must then be given', collectParam, [])
    .option('--logical-date <yyyy-mm-dd>', 'also check a logical date')
    .option('--json', 'print { valid, problems, files: [{ file, valid, problems }] } on stdout')
    .action(
      ctx.handler(async (files: string[], raw: RawPipelineInputOptions & { json?: boolean }) => {
        const resolveToo = (raw.param?.length ?? 0) > 0 || raw.logicalDate !== undefined;
        const results: { file: string; valid: boolean; problems: string[] }[] = [];
        for (const file of files) {
          try {
            const loaded = await loadForCommand(file, raw);
            if (raw.env === undefined && raw.values === undefined) await validateEveryEnvironment(file, Object.keys(loaded.pipeline.environments ?? {}));
            const input = resolveToo ? (await pipelineInputFromFile(file, raw)).input : undefined;
            if (!raw.json) ctx.io.stdout.write(`${summary(loaded, input).join('\n')}\n`);
            results.push({ file, valid: true, problems: [] });
          } catch (error) {
            if ((error as Error | null)?.name !== 'UsageError') throw error;
            const lines = (error as { problems: string[] }).problems;
            if (!raw.json) for (const line of lines) ctx.info(line.startsWith(' ') ? line : `fabric-temporal: ${line}`);
            // The first line names the file and the count; the problems follow (or it is the only one).
            results.push({ file, valid: false, problems: (lines.length > 1 ? lines.slice(1) : lines).map((line) => line.trim()) });
          }
        }
        const valid = results.every((result) => result.valid);
        if (raw.json) {
          const problems = results.flatMap((result) => (results.length === 1 ? result.problems : result.problems.map((problem) => `${result.file}: ${problem}`)));
          ctx.json({ valid, problems, files: results });
        }
        return valid ? EXIT.ok : EXIT.invalidInput;
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
