/**
 * A throw-away PostgreSQL instance for the benchmark cluster: `initdb` into a temporary directory,
 * `pg_ctl start` on a free loopback port, `pg_ctl stop` and the directory removed at the end.
 * PostgreSQL refuses to run as root, so under root every command runs as a dedicated system user
 * (`postgres` when the distribution's package created it, else `fabric-bench-pg`, created here).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './child.js';
import { onInterrupt } from './cleanup.js';
import { readProc, readProcTreeCpu } from './proc-sampler.js';

/** Where Debian's postgresql-15 package puts its programs (`initdb`, `pg_ctl` are not on PATH there). */
const DEBIAN_BIN = '/usr/lib/postgresql/15/bin';

export interface PostgresOptions {
  /** Directory with `initdb`, `pg_ctl`, `postgres`. @default $PG_BIN, else /usr/lib/postgresql/15/bin, else PATH */
  binDir?: string;
  /** The database superuser the server connects as (trust auth on loopback only). @default 'temporal' */
  superuser?: string;
  /** `-c name=value` server settings on top of the defaults below. @default {} */
  settings?: Record<string, string | number>;
  log?: (line: string) => void;
}

function binDir(o: PostgresOptions): string {
  const dir = o.binDir ?? process.env.PG_BIN ?? (existsSync(join(DEBIAN_BIN, 'initdb')) ? DEBIAN_BIN : '');
  return dir;
}

function userExists(name: string): boolean {
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Under root: the unprivileged user that owns and runs the instance (created when missing). */
function systemUser(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  if (userExists('postgres')) return 'postgres';
  const name = 'fabric-bench-pg';
  if (!userExists(name)) execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', name], { stdio: 'inherit' });
  return name;
}

export class PostgresInstance {
  private readonly unregister = onInterrupt(() => this.stop());

  private constructor(
    readonly dir: string,
    readonly port: number,
    readonly superuser: string,
    private readonly bin: string,
    private readonly user: string | undefined,
  ) {}

  /** `host:port` for clients. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** The postmaster's pid (its backends are its children). */
  get pid(): number | undefined {
    try {
      const pid = Number(readFileSync(join(this.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
      return readProc(pid) ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  /** CPU seconds of the postmaster and all its backends, live and ended. */
  cpuSeconds(): number {
    const pid = this.pid;
    return pid === undefined ? 0 : readProcTreeCpu(pid);
  }

  private run(program: string, args: string[]): string {
    const file = this.bin ? join(this.bin, program) : program;
    const [cmd, argv] = this.user ? ['runuser', ['-u', this.user, '--', file, ...args]] : [file, args];
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: this.dir });
  }

  /** initdb + start; resolves once the server accepts connections. */
  static async start(o: PostgresOptions = {}): Promise<PostgresInstance> {
    const user = systemUser();
    const dir = mkdtempSync(join(tmpdir(), 'fabric-pg-'));
    if (user) execFileSync('chown', [user, dir]);
    const pg = new PostgresInstance(dir, await freePort(), o.superuser ?? 'temporal', binDir(o), user);
    try {
      pg.run('initdb', ['-D', join(dir, 'data'), '-U', pg.superuser, '--auth=trust', '-E', 'UTF8', '--no-instructions']);
      const settings: Record<string, string | number> = {
        listen_addresses: '127.0.0.1',
        port: pg.port,
        unix_socket_directories: dir,
        // One server process per Temporal service and store pool (frontend, history, matching, worker).
        max_connections: 300,
        shared_buffers: '256MB',
        ...o.settings,
      };
      const opts = Object.entries(settings)
        .map(([k, v]) => `-c ${k}=${String(v)}`)
        .join(' ');
      pg.run('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'postgres.log'), '-o', opts, '-w', '-t', '120', 'start']);
      o.log?.(`postgres: ${pg.address} (data in ${dir}, run as ${user ?? 'the current user'})`);
      return pg;
    } catch (err) {
      pg.remove();
      const out = (err as { stderr?: string }).stderr ?? '';
      throw new Error(`could not start PostgreSQL in ${dir}: ${(err as Error).message}\n${out}`, { cause: err });
    }
  }

  /** Size of the data directory in bytes (du). */
  diskBytes(): number {
    try {
      return Number(execFileSync('du', ['-sb', join(this.dir, 'data')], { encoding: 'utf8' }).split('\t')[0]) || 0;
    } catch {
      return 0;
    }
  }

  /** `pg_ctl stop -m fast`, then the directory is removed. */
  async stop(): Promise<void> {
    try {
      if (this.pid !== undefined) this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', '-t', '60', 'stop']);
    } catch {
      const pid = this.pid;
      if (pid !== undefined) process.kill(pid, 'SIGKILL');
    }
    this.remove();
  }

  private remove(): void {
    this.unregister();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

