/**
 * The demo's side of the infrastructure host (host.ts): spawn it, wait until the Temporal dev
 * server and the Fabric emulator are up, stop it. The host runs in its own process group, so a
 * Ctrl-C in the terminal reaches the demo only and the demo stops things in order (worker first).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isInfraMessage, type InfraFailed, type InfraReady } from './protocol.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HOST = fileURLToPath(new URL('./host.ts', import.meta.url));

/** The dev server or the emulator could not start. */
export class InfraStartError extends Error {
  override name = 'InfraStartError';
  constructor(
    readonly component: InfraFailed['component'] | 'host',
    message: string,
    /** The last line the host and what it started printed, if any (e.g. a broken binary's complaint). */
    readonly lastOutput: string | undefined,
  ) {
    super(message);
  }
}

export interface InfraOptions {
  /** The bearer token the emulator requires. */
  token: string;
  /** The emulator's scenario file. */
  scenarioFile: string;
  /** Called with each notice of the host (e.g. the Temporal CLI is being installed). @default ignored */
  onNotice?: (line: string) => void;
}

export interface InfraHandle {
  /** The host's pid (its process group holds the dev server and the emulator). */
  pid: number;
  /** Resolves when both are up. @throws InfraStartError */
  ready: Promise<InfraReady>;
  /**
   * Stops both (at any time, also while starting) and resolves once the host has exited. After
   * `deadlineMs` the host's whole process group is SIGKILLed. @default deadlineMs 20_000
   */
  stop(deadlineMs?: number): Promise<void>;
}

function lastLine(text: string): string | undefined {
  return text.trim().split('\n').at(-1)?.trim() || undefined;
}

/** Spawns the host. */
export function launchInfra(options: InfraOptions): InfraHandle {
  const child: ChildProcess = fork(HOST, ['--token', options.token, '--scenario-file', options.scenarioFile], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-8_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const ready = new Promise<InfraReady>((resolve, reject) => {
    child.on('message', (message) => {
      if (!isInfraMessage(message)) return;
      if (message.type === 'notice') options.onNotice?.(message.message);
      if (message.type === 'ready') resolve(message);
      if (message.type === 'failed') reject(new InfraStartError(message.component, message.message, lastLine(output)));
    });
    child.once('error', (error) => reject(new InfraStartError('host', error.message, undefined)));
    void exited.then(() => {
      reject(new InfraStartError('host', `the infrastructure host exited (${child.signalCode ?? `code ${child.exitCode}`}) before it was ready`, lastLine(output)));
    });
  });
  ready.catch(() => undefined);

  let stopping: Promise<void> | undefined;
  const stop = (deadlineMs = 20_000): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.disconnect();
      else child.kill('SIGTERM');
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, deadlineMs);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };
  return { pid: child.pid!, ready, stop };
}
