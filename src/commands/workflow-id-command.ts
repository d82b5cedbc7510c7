/** The commands that act on one run given by its workflow id: `status`, `cancel`, `pipeline status|cancel`. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { parseWorkflowId } from './parse/ids.js';

export interface WorkflowIdCommandSpec {
  name: string;
  description: string;
  /** Help for the `<workflowId>` argument. */
  idHelp: string;
  /** Adds the command's own options (beyond `--json`); their values reach `action`. */
  options?: (command: Command) => Command;
}

/**
 * Registers `<name> <workflowId> [--json]`. The id is checked (exit 2 when it is not one) before
 * `action` runs; the number `action` resolves to is the exit code.
 */
export function addWorkflowIdCommand<O extends object = object>(
  parent: Command,
  ctx: CliContext,
  spec: WorkflowIdCommandSpec,
  action: (workflowId: string, json: boolean, options: O) => Promise<number>,
): void {
  const command = parent.command(spec.name).description(spec.description).argument('<workflowId>', spec.idHelp);
  (spec.options ? spec.options(command) : command)
    .option('--json', 'print one JSON object on stdout')
    .action(ctx.handler(async (rawId: string, options: O & { json?: boolean }) => action(parseWorkflowId('<workflowId>', rawId), options.json === true, options)));
}
