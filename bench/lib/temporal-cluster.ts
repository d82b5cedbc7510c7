/**
 * A real Temporal cluster for the benchmark and the chaos run: the released server built from the
 * Go module proxy (temporal-build.ts), all four services in one `temporal-server start` process,
 * persistence and visibility on a throw-away PostgreSQL 15 (postgres.ts), schema set up with the
 * server's own `temporal-sql-tool` and the schema files shipped in the module, the config taken
 * from the module's config/development-postgres12.yaml with N history shards, every port on
 * 127.0.0.1. `stop()` tears everything down (server, PostgreSQL, files).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common';
import { parse, stringify } from 'yaml';
import { SEARCH_ATTRIBUTES } from '../../src/shared.js';
import { Child, freePortBelow } from './child.js';
import { onInterrupt } from './cleanup.js';
import { PostgresInstance } from './postgres.js';
import { readProc } from './proc-sampler.js';
import { ensureTemporalBuild } from './temporal-build.js';
import type { TemporalBuild } from './temporal-build.js';
import { RestartableServer, waitUntilAnswering } from './temporal-server.js';
import type { ServerCpu, TemporalServerProcess } from './temporal-server.js';

export interface ClusterOptions {
  /** History shards (fixed for the life of a cluster). @default 8 */
  historyShards?: number;
  /** Extra dynamic config values, on top of the module's development-sql.yaml. @default {} */
  dynamicConfig?: Record<string, unknown>;
  /** How long to wait for the server to answer after a (re)start. @default 180_000 */
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

/** temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD (wire value fixed by the API). */
const KEYWORD = 2;
const DBS = { temporal: 'temporal', visibility: 'temporal_visibility' } as const;

/** The parts of the server's YAML config this file changes. */
interface ServerConfig {
  log: unknown;
  persistence: { numHistoryShards: number; datastores: Record<string, { sql: Record<string, unknown> }> };
  global: Record<string, unknown>;
  services: Record<string, { rpc: Record<string, unknown> }>;
  clusterMetadata: { clusterInformation: { active: { rpcAddress: string } } };
  archival: unknown;
  namespaceDefaults?: unknown;
  dynamicConfigClient: unknown;
}

export class TemporalCluster extends RestartableServer implements TemporalServerProcess {
  readonly kind = 'cluster';
  /** Seconds from the start of `start()` until the namespace answered (build excluded). */
  setupSeconds = 0;
  private readonly unregister = onInterrupt(() => this.stop());

  private constructor(
    private readonly build: TemporalBuild,
    readonly postgres: PostgresInstance,
    private readonly dir: string,
    private readonly options: ClusterOptions,
  ) {
    super();
  }

  get historyShards(): number {
    return this.options.historyShards ?? 8;
  }

  /** Builds (or takes the cached build), starts PostgreSQL, sets up the schema, starts the server, registers the namespace. */
  static async start(options: ClusterOptions = {}): Promise<TemporalCluster> {
    const log = options.log ?? (() => undefined);
    const build = await ensureTemporalBuild({ log });
    const t0 = Date.now();
    const postgres = await PostgresInstance.start({ log });
    const dir = mkdtempSync(join(tmpdir(), 'fabric-cluster-'));
    const cluster = new TemporalCluster(build, postgres, dir, options);
    try {
      cluster.setupSchema();
      await cluster.writeConfig();
      await cluster.launch();
      await cluster.registerNamespace();
      cluster.setupSeconds = Math.round((Date.now() - t0) / 100) / 10;
      log(`temporal cluster: ${cluster.address}, ${cluster.historyShards} history shards, PostgreSQL ${postgres.address}; set up in ${cluster.setupSeconds} s`);
      return cluster;
    } catch (err) {
      await cluster.stop();
      throw err;
    }
  }

  private sqlTool(db: string, args: string[]): void {
    const [host, port] = this.postgres.address.split(':') as [string, string];
    const common = ['--ep', host, '-p', port, '-u', this.postgres.superuser, '--pw', 'unused-trust-auth', '--pl', 'postgres12', '--db', db, '--quiet'];
    execFileSync(this.build.sqlTool, [...common, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  }

  /** As the module's Makefile does it (install-schema-postgresql12): create, base version, versioned updates. */
  private setupSchema(): void {
    const schema = join(this.build.srcDir, 'schema', 'postgresql', 'v12');
    for (const [db, folder] of [
      [DBS.temporal, 'temporal'],
      [DBS.visibility, 'visibility'],
    ] as const) {
      this.sqlTool(db, ['create']);
      this.sqlTool(db, ['setup-schema', '-v', '0.0']);
      this.sqlTool(db, ['update-schema', '-d', join(schema, folder, 'versioned')]);
    }
  }

  private async writeConfig(): Promise<void> {
    const src = join(this.build.srcDir, 'config');
    const config = parse(readFileSync(join(src, 'development-postgres12.yaml'), 'utf8')) as ServerConfig;
    config.log = { stdout: true, level: 'warn' };
    config.persistence.numHistoryShards = this.historyShards;
    for (const store of Object.values(config.persistence.datastores)) {
      store.sql.connectAddr = this.postgres.address;
      store.sql.user = this.postgres.superuser;
    }
    // The default store's pool bounds how many shard transactions run at once.
    const main = config.persistence.datastores['postgres-default'];
    if (main) Object.assign(main.sql, { maxConns: 50, maxIdleConns: 50 });
    delete config.global.pprof;
    delete config.global.metrics;
    // Membership ports go into a smallint column: all ports below 32768.
    const port = () => freePortBelow(32_768);
    for (const service of Object.values(config.services)) {
      service.rpc.grpcPort = await port();
      service.rpc.membershipPort = await port();
      service.rpc.bindOnLocalHost = true;
      if ('httpPort' in service.rpc) service.rpc.httpPort = await port();
    }
    this.address = `127.0.0.1:${String(config.services.frontend?.rpc.grpcPort)}`;
    config.clusterMetadata.clusterInformation.active.rpcAddress = this.address;
    config.archival = { history: { state: 'disabled' }, visibility: { state: 'disabled' } };
    delete config.namespaceDefaults;
    const dynamic = parse(readFileSync(join(src, 'dynamicconfig', 'development-sql.yaml'), 'utf8')) as Record<string, unknown>;
    // New search attributes are usable at once (as on the dev server), not after a cache refresh.
    dynamic['system.forceSearchAttributesCacheRefreshOnRead'] = [{ value: true, constraints: {} }];
    for (const [key, value] of Object.entries(this.options.dynamicConfig ?? {})) dynamic[key] = [{ value, constraints: {} }];
    writeFileSync(join(this.dir, 'dynamicconfig.yaml'), stringify(dynamic));
    config.dynamicConfigClient = { filepath: join(this.dir, 'dynamicconfig.yaml'), pollInterval: '10s' };
    writeFileSync(join(this.dir, 'temporal.yaml'), stringify(config));
  }

  protected async launch(): Promise<void> {
    this.child = new Child({
      name: 'temporal-server',
      command: this.build.server,
      args: ['--config-file', join(this.dir, 'temporal.yaml'), '--allow-no-auth', 'start'],
      keepLines: 80,
    });
    await waitUntilAnswering(this.child, this.address, this.options.readyTimeoutMs ?? 180_000, (c) => c.workflowService.getSystemInfo({}));
  }

  /** The `default` namespace and the project's search attributes; waits until the namespace answers. */
  private async registerNamespace(): Promise<void> {
    const connection = await Connection.connect({ address: this.address });
    try {
      const ws = connection.workflowService;
      await ws.registerNamespace({ namespace: 'default', workflowExecutionRetentionPeriod: msToTs('1 day') }).catch((err: Error) => {
        if (!/already/i.test(err.message)) throw err;
      });
      const deadline = Date.now() + 60_000;
      for (;;) {
        try {
          await connection.operatorService.addSearchAttributes({
            namespace: 'default',
            searchAttributes: Object.fromEntries(Object.values(SEARCH_ATTRIBUTES).map((name) => [name, KEYWORD])),
          });
          break;
        } catch (err) {
          if (/already/i.test((err as Error).message)) break;
          if (Date.now() > deadline) throw err;
          await sleep(1_000);
        }
      }
      for (;;) {
        try {
          await ws.describeNamespace({ namespace: 'default' });
          await ws.countWorkflowExecutions({ namespace: 'default', query: '' });
          return;
        } catch (err) {
          if (Date.now() > deadline) throw err;
          await sleep(1_000);
        }
      }
    } finally {
      await connection.close();
    }
  }

  cpuSeconds(): ServerCpu {
    const pid = this.pid;
    return { server: pid === undefined ? 0 : (readProc(pid)?.cpuSeconds ?? 0), database: this.postgres.cpuSeconds() };
  }

  describe(): string {
    return `Temporal ${this.buildVersion()} cluster (${this.historyShards} history shards, PostgreSQL 15)`;
  }

  private buildVersion(): string {
    return this.build.srcDir.split('/').at(-2) ?? 'server';
  }

  /** Stops the server (SIGTERM), PostgreSQL, and removes their files. */
  async stop(): Promise<void> {
    await this.child?.stop(20_000).catch(() => undefined);
    await this.postgres.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
    this.unregister();
  }
}
