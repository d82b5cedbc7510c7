/**
 * What every command gets: output streams, the configuration (loaded on first use) and the
 * Temporal client (connected on first use, closed when the CLI ends). Commands validate their
 * input before asking for either, so invalid input never needs a valid config or a server.
 */
import type { Client } from '@temporalio/client';
import { loadCliProcessConfig, type CliProcessConfig, type Env } from '../config.js';
import { EXIT } from './exit-codes.js';
import type { ConnectedClient } from './temporal-client.js';
import type { Tracing } from '../observability/tracing.js';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Whether stderr is a terminal (live progress updates one line in place). */
  stderrIsTTY: boolean;
  env: Env;
}

export class CliContext {
  private loaded: CliProcessConfig | undefined;
  private connected: ConnectedClient | undefined;
  private tracing: Tracing | undefined;

  /** The connection flags (--address, --namespace, --profile), as the variables they override. */
  private connectionOverrides: Env = {};

  /** `--verbose`: errors show what lies under them (e.g. Azure's credential chain). */
  private verboseFlag = false;

  /** The exit code the command chose (see exit-codes.ts). */
  exitCode: number = EXIT.ok;

  constructor(readonly io: CliIo) {}

  /** Wraps a command's action: the number it resolves to becomes the CLI's exit code. */
  handler<A extends unknown[]>(action: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
    return async (...args: A) => {
      this.exitCode = await action(...args);
    };
  }

  /**
   * Applies the global connection flags before the configuration is read: like the temporal CLI's
   * flags, they win over TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_PROFILE and the profile file.
   */
  overrideConnection(flags: { address?: string; namespace?: string; profile?: string; verbose?: boolean }): void {
    this.verboseFlag = flags.verbose === true;
    const overrides: Record<string, string> = {};
    if (flags.address !== undefined) overrides.TEMPORAL_ADDRESS = flags.address;
    if (flags.namespace !== undefined) overrides.TEMPORAL_NAMESPACE = flags.namespace;
    if (flags.profile !== undefined) overrides.TEMPORAL_PROFILE = flags.profile;
    this.connectionOverrides = overrides;
  }

  /** `--verbose`, or FABRIC_LOG_LEVEL=debug. */
  get verbose(): boolean {
    return this.verboseFlag || this.io.env.FABRIC_LOG_LEVEL?.trim().toLowerCase() === 'debug';
  }

  /** @throws ConfigError listing every problem (exit 3). */
  config(): CliProcessConfig {
    this.loaded ??= loadCliProcessConfig({ ...this.io.env, ...this.connectionOverrides });
    return this.loaded;
  }

  /** @throws ConfigError or InfrastructureError (exit 3). */
  async client(): Promise<Client> {
    // Loaded on first use: commands that need no server (--help, --version, pipeline validate) start
    // without the Temporal SDK, its native core, the codec or OpenTelemetry (docs/cli.md, Start-up).
    const [{ connectTemporalClient, installCliRuntime }, { encryptionDataConverter }, { startTracingFromEnv }] = await Promise.all([
      import('./temporal-client.js'),
      import('../codec/data-converter.js'),
      import('../observability/tracing-config.js'),
    ]);
    installCliRuntime(this.io.stderr);
    // With OTEL_* set, the workflow start is the root span of the run's trace (off otherwise).
    this.tracing ??= await startTracingFromEnv(this.io.env, this.io.env.OTEL_SERVICE_NAME?.trim() || 'fabric-temporal-cli');
    this.connected ??= await connectTemporalClient(
      this.config().temporal,
      encryptionDataConverter(this.config().encryption),
      this.tracing ? [this.tracing.clientInterceptor] : [],
    );
    return this.connected.client;
  }

  /** A human message, on stderr. */
  info(line: string): void {
    this.io.stderr.write(`${line}\n`);
  }

  /** The machine-readable result, on stdout: exactly one JSON object. */
  json(value: unknown): void {
    this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  async close(): Promise<void> {
    const connected = this.connected;
    this.connected = undefined;
    await connected?.close();
    await this.tracing?.close();
  }
}
