/** The commands that act on one run given by its workflow id: `status`, `cancel`, `pipeline status|cancel`. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { parseWorkflowId } from './parse/ids.js';

export interface WorkflowIdCommandSpec {
  name: string;
  description: string;
  /** Help for the `<workflowId>` argument. */
  idHelp: string;
}

/**
 * Registers `<name> <workflowId> [--json]`. The id is checked (exit 2 when it is not one) before
 * `action` runs; the number `action` resolves to is the exit code.
 */
export function addWorkflowIdCommand(parent: Command, ctx: CliContext, spec: WorkflowIdCommandSpec, action: (workflowId: string, json: boolean) => Promise<number>): void {
  parent
    .command(spec.name)
    .description(spec.description)
    .argument('<workflowId>', spec.idHelp)
    .option('--json', 'print one JSON object on stdout')
    .action(ctx.handler(async (rawId: string, options: { json?: boolean }) => action(parseWorkflowId('<workflowId>', rawId), options.json === true)));
}
