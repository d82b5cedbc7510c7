/** Shared set-up of the Fabric client integration tests: a real emulator over real HTTP. */
import { randomUUID } from 'node:crypto';
import { EmulatorAdmin, startEmulator, type EmulatorOptions, type RunningEmulator, type Scenario } from '../../src/emulator/index.js';
import { FabricClient, StaticTokenCredential, type FabricClientOptions, type FabricRequestEvent } from '../../src/fabric/index.js';

export const TOKEN = 'emulator-test-token';

export interface Fixture {
  emulator: RunningEmulator;
  admin: EmulatorAdmin;
  /** Events of every client made by `client()`, in order. */
  events: FabricRequestEvent[];
  client(options?: Partial<FabricClientOptions>): FabricClient;
  /** A fresh item (own scenario, own jobs) in a fresh workspace. */
  item(scenario?: Scenario): Promise<{ workspaceId: string; itemId: string }>;
  close(): Promise<void>;
}

export async function startFixture(options: EmulatorOptions = {}): Promise<Fixture> {
  const emulator = await startEmulator({ port: 0, token: TOKEN, ...options });
  const admin = new EmulatorAdmin(emulator.adminUrl);
  const events: FabricRequestEvent[] = [];
  return {
    emulator,
    admin,
    events,
    client: (over = {}) =>
      new FabricClient({
        credential: new StaticTokenCredential(TOKEN),
        baseUrl: emulator.apiUrl,
        timeoutMs: 5_000,
        onRequest: (e) => events.push(e),
        ...over,
      }),
    item: async (scenario) => {
      const ids = { workspaceId: randomUUID(), itemId: randomUUID() };
      if (scenario) await admin.setScenario(ids.itemId, scenario);
      return ids;
    },
    close: () => emulator.close(),
  };
}

/** Runs `fn` and returns what it threw (fails the test when it does not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await fn();
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to throw');
}

/** Polls `fn` until it returns a defined value (at most `attempts` times, `delayMs` apart). */
export async function eventually<T>(fn: () => Promise<T | undefined>, attempts = 100, delayMs = 50): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await fn();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, delayMs));
  }
  throw new Error(`condition not met after ${attempts} attempts`);
}
