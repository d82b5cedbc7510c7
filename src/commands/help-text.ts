/**
 * What `--help` adds to commander's own text, for every command at once: "(required)" on required
 * flags, examples per command, and the environment variables the command reads. Applied once the
 * commands are registered (program.ts), so command files keep only their flags.
 */
import type { Command } from 'commander';

const TEMPORAL_ENV = 'TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_*, TEMPORAL_PROFILE, TEMPORAL_CONFIG_FILE (or --address, --namespace, --profile)';
const CLI_ENV = `${TEMPORAL_ENV}; FABRIC_TASK_QUEUE (default fabric-jobs), FABRIC_SEARCH_ATTRIBUTES, FABRIC_ENCRYPTION_KEYS / FABRIC_ENCRYPTION_KEY_FILE`;
const FABRIC_ENV = 'FABRIC_API_URL, FABRIC_AUTH and what it needs (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, ..., FABRIC_TOKEN), FABRIC_REQUEST_TIMEOUT_MS';

const IDS = '--workspace 4b9a...-... --item 0f8f...-...';

/** Examples by command path (`run`, `pipeline run`, ...). */
const EXAMPLES: Record<string, string[]> = {
  run: [
    `fabric-temporal run ${IDS} --job-type RunNotebook --timeout 2h`,
    `fabric-temporal run ${IDS} --job-type Pipeline --execution-data @params.json --workflow-id nightly-2024-06-01 --json`,
    'fabric-temporal run --workspace "Sales Prod" --item "Load orders.Notebook"',
  ],
  start: [`fabric-temporal start ${IDS} --job-type sparkjob`, `id=$(fabric-temporal start ${IDS} --job-type RunNotebook) && fabric-temporal status --wait "$id"`],
  status: ['fabric-temporal status fabric-RunNotebook-dc5a8ba4-...', 'fabric-temporal status nightly-2024-06-01 --wait --progress-interval 30s --json'],
  cancel: ['fabric-temporal cancel fabric-RunNotebook-dc5a8ba4-...'],
  list: ['fabric-temporal list --running', 'fabric-temporal list --limit 200 --json'],
  'pipeline run': ['fabric-temporal pipeline run examples/pipelines/nightly-sales.yaml --param region=emea', 'fabric-temporal pipeline run nightly.yaml --logical-date 2024-06-01 --json'],
  'pipeline start': ['fabric-temporal pipeline start nightly.yaml --workflow-id nightly-2024-06-01'],
  'pipeline validate': ['fabric-temporal pipeline validate examples/pipelines/*.yaml', 'fabric-temporal pipeline validate nightly.yaml --param region=emea --json'],
  'pipeline graph': ['fabric-temporal pipeline graph nightly.yaml > nightly.mmd'],
  'pipeline status': ['fabric-temporal pipeline status pipeline-nightly-1a2b3c4d', 'fabric-temporal pipeline status pipeline-nightly-1a2b3c4d --wait'],
  'pipeline retry': ['fabric-temporal pipeline retry pipeline-nightly-1a2b3c4d transform'],
  'pipeline skip': ['fabric-temporal pipeline skip pipeline-nightly-1a2b3c4d transform'],
  'pipeline abort': ['fabric-temporal pipeline abort pipeline-nightly-1a2b3c4d'],
  'pipeline cancel': ['fabric-temporal pipeline cancel pipeline-nightly-1a2b3c4d'],
  'jobs list': [`fabric-temporal jobs list ${IDS} --limit 5`, `fabric-temporal jobs list ${IDS} --json`],
  'jobs get': [`fabric-temporal jobs get 5f351a69-... ${IDS} --json`],
  'jobs cancel': [`fabric-temporal jobs cancel 5f351a69-... ${IDS}`],
  workspaces: ['fabric-temporal workspaces --json'],
  items: ['fabric-temporal items --workspace "Sales Prod" --type Notebook'],
};

/** Commands that look workspace and item names up in Fabric when they are given names. */
const RESOLVING = new Set(['run', 'start', 'pipeline run', 'pipeline start', 'schedule create', 'schedule update']);

/** `pipeline run` for the command `run` under `pipeline`. */
function pathOf(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function environmentOf(path: string): string | undefined {
  if (path.startsWith('fabric-schedule') || path.startsWith('jobs') || path === 'workspaces' || path === 'items') return FABRIC_ENV;
  if (path === 'pipeline validate' || path === 'pipeline graph') return undefined;
  return RESOLVING.has(path) ? `${CLI_ENV}; for workspace and item names also ${FABRIC_ENV}` : CLI_ENV;
}

function decorate(command: Command): void {
  for (const option of command.options) {
    if (option.mandatory && !/\(required\)/.test(option.description)) option.description = `${option.description} (required)`;
  }
  const path = pathOf(command);
  const hasAction = command.commands.length === 0;
  if (path && hasAction) {
    const parts: string[] = [];
    const examples = EXAMPLES[path];
    if (examples) parts.push(`Examples:\n${examples.map((line) => `  ${line}`).join('\n')}`);
    const env = environmentOf(path);
    if (env) parts.push(`Environment: ${env} (docs/configuration.md).`);
    if (parts.length > 0) command.addHelpText('after', `\n${parts.join('\n\n')}`);
  }
  for (const sub of command.commands) decorate(sub);
}

/** Decorates the program and every command under it; call once all commands are registered. */
export function decorateHelp(program: Command): void {
  program.addHelpText(
    'after',
    `\nEnvironment: ${CLI_ENV}; for fabric-schedule, jobs, workspaces, items and names: ${FABRIC_ENV}. Every variable: docs/configuration.md.\n\nExit codes: 0 ok, 1 the job or run ended otherwise (Failed, Cancelled, ...), 2 bad input (nothing started), 3 Temporal, Fabric or configuration problems, 130 Ctrl-C while waiting.\n\nExamples:\n  fabric-temporal run ${IDS} --job-type RunNotebook\n  fabric-temporal pipeline run examples/pipelines/nightly-sales.yaml --param region=emea\n  fabric-temporal <command> --help`,
  );
  for (const command of program.commands) decorate(command);
}
