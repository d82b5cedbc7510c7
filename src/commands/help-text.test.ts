import { describe, expect, it } from 'vitest';
import { runCli } from './program.js';

async function help(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const io = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, stderrIsTTY: false, env: {} };
  const code = await runCli([...args, '--help'], io);
  return { code, stdout };
}

describe('--help', () => {
  it('marks required flags, shows examples and names the environment variables', async () => {
    const run = await help(['run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--workspace <name\|uuid> +Fabric workspace: its name or id/);
    expect(run.stdout).toMatch(/for workspace and item names also FABRIC_API_URL, FABRIC_AUTH/);
    expect(run.stdout).toContain('Examples:\n  fabric-temporal run --workspace');
    expect(run.stdout).toMatch(/Environment: TEMPORAL_ADDRESS, .*FABRIC_TASK_QUEUE/);
    const jobs = await help(['jobs', 'list']);
    expect(jobs.stdout).toMatch(/Environment: FABRIC_API_URL, FABRIC_AUTH/);
    expect(jobs.stdout).not.toContain('TEMPORAL_ADDRESS');
    const items = await help(['items']);
    expect(items.stdout).toMatch(/Environment: FABRIC_API_URL, FABRIC_AUTH/);
    const validate = await help(['pipeline', 'validate']);
    expect(validate.stdout).toContain('fabric-temporal pipeline validate examples/pipelines/*.yaml');
    expect(validate.stdout).not.toContain('Environment:');
    const root = await help([]);
    expect(root.stdout).toContain('--address <host:port>');
    expect(root.stdout).toContain('Exit codes: 0 ok, 1 ');
  });
});
