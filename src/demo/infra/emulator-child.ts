/**
 * The Fabric emulator as a child process (`node --import tsx src/emulator/main.ts --port 0 ...`):
 * the product never imports the emulator, it runs it. Resolves once it prints its URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../emulator/main.ts', import.meta.url));
const LISTENING = /Fabric emulator listening on (http:\/\/\S+\/v1)/;

export interface EmulatorChildOptions {
  /** The bearer token the emulator requires. */
  token: string;
  /** JSON scenario file (docs/emulator.md). */
  scenarioFile: string;
  /** How long to wait for the listening line. @default 60_000 */
  readyTimeoutMs?: number;
}

export interface EmulatorChild {
  /** `http://127.0.0.1:PORT/v1` */
  apiUrl: string;
  pid: number;
  /** SIGTERM (the emulator closes and exits 0), SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the emulator on a free port. @throws with the emulator's own message when it cannot start. */
export function startEmulatorChild(options: EmulatorChildOptions): Promise<EmulatorChild> {
  const args = ['--import', 'tsx', MAIN, '--port', '0', '--host', '127.0.0.1', '--token', options.token, '--scenario-file', options.scenarioFile];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = async (graceMs = 5_000): Promise<void> => {
    const gone = exited(child);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(timer);
  };
  let output = '';
  let settled = false;
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop(0);
      const said = output.trim().split('\n').filter(Boolean).at(-1);
      reject(new Error(said ? `${why}: ${said}` : why));
    };
    const timer = setTimeout(() => fail(`no answer within ${options.readyTimeoutMs ?? 60_000} ms`), options.readyTimeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4_000);
      const match = LISTENING.exec(output);
      if (!match || settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ apiUrl: match[1]!, pid: child.pid!, stop });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4_000)));
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before listening`));
  });
}
