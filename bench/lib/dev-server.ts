/**
 * A Temporal dev server as a separate process with a file database, so that it can be SIGKILLed
 * and restarted on the same port and database (chaos), and measured apart from the worker (benchmark).
 */
import { obtainTemporalBinary } from '../../src/devserver/binaries.js';
import { SEARCH_ATTRIBUTES } from '../../src/shared.js';
import { Child, freePort } from './child.js';
import { readProc } from './proc-sampler.js';
import { RestartableServer, waitUntilAnswering } from './temporal-server.js';
import type { ServerCpu, TemporalServerProcess } from './temporal-server.js';

export interface DevServerProcessOptions {
  /** The SQLite file; kept across restarts. */
  dbFilename: string;
  /** Extra `--dynamic-config-value KEY=VALUE` settings. @default {} */
  dynamicConfig?: Record<string, string | number | boolean>;
  /** `--sqlite-pragma NAME=VALUE` settings, e.g. `{ journal_mode: 'WAL', synchronous: 'NORMAL' }`. @default {} (the server's own) */
  sqlitePragmas?: Record<string, string>;
  /** How long to wait for the server to answer after a (re)start. @default 60_000 */
  readyTimeoutMs?: number;
}

export class DevServerProcess extends RestartableServer implements TemporalServerProcess {
  readonly kind = 'dev';

  private constructor(
    private readonly binary: string,
    private readonly options: DevServerProcessOptions,
  ) {
    super();
  }

  /** Starts the server on a free port and waits until it answers. */
  static async start(options: DevServerProcessOptions): Promise<DevServerProcess> {
    const binary = await obtainTemporalBinary('temporal');
    const server = new DevServerProcess(binary, options);
    server.address = `127.0.0.1:${await freePort()}`;
    await server.launch();
    return server;
  }

  cpuSeconds(): ServerCpu {
    const pid = this.pid;
    return { server: pid === undefined ? 0 : (readProc(pid)?.cpuSeconds ?? 0), database: 0 };
  }

  describe(): string {
    const pragmas = Object.entries(this.options.sqlitePragmas ?? {}).map(([k, v]) => `${k}=${v}`);
    return `Temporal dev server (1 history shard, SQLite${pragmas.length > 0 ? ` ${pragmas.join(' ')}` : ''})`;
  }

  protected async launch(): Promise<void> {
    const port = this.address.split(':')[1]!;
    const args = ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', port, '--db-filename', this.options.dbFilename, '--log-level', 'error'];
    for (const name of Object.values(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=Keyword`);
    for (const [key, value] of Object.entries(this.options.dynamicConfig ?? {})) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
    for (const [key, value] of Object.entries(this.options.sqlitePragmas ?? {})) args.push('--sqlite-pragma', `${key}=${value}`);
    this.child = new Child({ name: 'temporal dev server', command: this.binary, args });
    await waitUntilAnswering(this.child, this.address, this.options.readyTimeoutMs ?? 60_000, (c) => c.workflowService.describeNamespace({ namespace: 'default' }));
  }

  async stop(): Promise<void> {
    await this.child?.stop();
  }
}
