/**
 * startEmulator's options: validated up front, with messages that name the problem.
 */
import { describe, expect, it } from 'vitest';
import { startEmulator, validateScenarioFile } from '../../src/emulator/index.js';

describe('startEmulator options', () => {
  it('rejects an invalid default scenario or item scenario with ScenarioValidationError', async () => {
    await expect(startEmulator({ defaultScenario: { durationMs: -5 } })).rejects.toMatchObject({
      name: 'ScenarioValidationError',
      message: expect.stringContaining('defaultScenario.durationMs') as unknown,
    });
    await expect(startEmulator({ scenarios: { 'not-a-uuid': {} } })).rejects.toMatchObject({
      name: 'ScenarioValidationError',
      message: "options.items: 'not-a-uuid' is not an item id (UUID)",
    });
  });

  it('rejects a page size that is not a positive integer', async () => {
    await expect(startEmulator({ pageSize: 0 })).rejects.toThrow('pageSize must be a positive integer');
  });

  it('listens on a random port by default and closes cleanly', async () => {
    const emulator = await startEmulator();
    expect(emulator.port).toBeGreaterThan(0);
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
    expect(emulator.apiUrl).toBe(`${emulator.url}/v1`);
    expect(emulator.adminUrl).toBe(`${emulator.url}/_emulator`);
    await emulator.close();
    await expect(fetch(`${emulator.adminUrl}/stats`)).rejects.toThrow();
  });
});

describe('validateScenarioFile', () => {
  it('accepts default and items, and rejects unknown top-level fields', () => {
    const id = '6f1c0a0e-0000-4000-8000-000000000001';
    expect(validateScenarioFile({ default: { durationMs: 1 }, items: { [id]: { outcome: 'Failed' } } })).toEqual({
      default: { durationMs: 1 },
      items: { [id]: { outcome: 'Failed' } },
    });
    expect(() => validateScenarioFile({ defaults: {} })).toThrow('Unrecognized key');
  });
});
