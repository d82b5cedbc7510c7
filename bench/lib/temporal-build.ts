/**
 * Builds a released Temporal server (`temporal-server` and its `temporal-sql-tool`) from the Go
 * module proxy, outside the repository, and caches it: ~/.cache/fabric-temporal-cluster/<version>/
 * holds the module's source (its config and schema files are used too) and bin/. Nothing of
 * Temporal's is committed here; only this recipe is.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const TEMPORAL_SERVER_MODULE = 'go.temporal.io/server';
/** The server release the cluster runs. @see https://github.com/temporalio/temporal/releases */
export const TEMPORAL_SERVER_VERSION = 'v1.32.2';
/** v1.32.2's go.mod asks for Go >= 1.26.10; GOTOOLCHAIN makes an older `go` fetch it through the proxy. */
export const GO_TOOLCHAIN = 'go1.26.10';

export interface TemporalBuild {
  /** The module's source tree (config/, schema/). */
  srcDir: string;
  server: string;
  sqlTool: string;
  /** Seconds the build took now; 0 when it came from the cache. */
  buildSeconds: number;
}

export interface BuildOptions {
  /** @default $FABRIC_CLUSTER_CACHE or ~/.cache/fabric-temporal-cluster */
  cacheDir?: string;
  version?: string;
  log?: (line: string) => void;
}

export function clusterCacheDir(o: BuildOptions = {}): string {
  return o.cacheDir ?? process.env.FABRIC_CLUSTER_CACHE ?? join(homedir(), '.cache', 'fabric-temporal-cluster');
}

function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? GO_TOOLCHAIN, GOFLAGS: '-buildvcs=false' };
}

function goBuild(srcDir: string, out: string, pkg: string, log: (line: string) => void): Promise<void> {
  log(`go build -o ${out} ${pkg} (in ${srcDir})`);
  return new Promise((resolve, reject) => {
    const child = spawn('go', ['build', '-o', out, pkg], { cwd: srcDir, env: goEnv(), stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`go build ${pkg} failed with exit code ${code}`))));
  });
}

/** The cached build, or a new one (a few minutes on 2 cores; needs `go` on PATH and network access to the module proxy). */
export async function ensureTemporalBuild(o: BuildOptions = {}): Promise<TemporalBuild> {
  const log = o.log ?? (() => undefined);
  const version = o.version ?? TEMPORAL_SERVER_VERSION;
  const root = join(clusterCacheDir(o), version);
  const srcDir = join(root, 'src');
  const server = join(root, 'bin', 'temporal-server');
  const sqlTool = join(root, 'bin', 'temporal-sql-tool');
  const done = join(root, 'build.ok');
  if (existsSync(done) && existsSync(server) && existsSync(sqlTool)) return { srcDir, server, sqlTool, buildSeconds: 0 };

  const t0 = Date.now();
  mkdirSync(join(root, 'bin'), { recursive: true });
  log(`building Temporal server ${version} from the Go module proxy into ${root} (cached for later runs)`);
  const info = JSON.parse(execFileSync('go', ['mod', 'download', '-json', `${TEMPORAL_SERVER_MODULE}@${version}`], { env: goEnv(), encoding: 'utf8' })) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download ${TEMPORAL_SERVER_MODULE}@${version} failed: ${info.Error ?? 'no directory'}`);
  // The module cache is read-only; build in a writable copy (go.sum pins every dependency).
  rmSync(srcDir, { recursive: true, force: true });
  cpSync(info.Dir, srcDir, { recursive: true });
  execFileSync('chmod', ['-R', 'u+w', srcDir]);
  await goBuild(srcDir, server, './cmd/server', log);
  await goBuild(srcDir, sqlTool, './cmd/tools/sql', log);
  const buildSeconds = Math.round((Date.now() - t0) / 1000);
  writeFileSync(done, `${version} built in ${buildSeconds} s\n`);
  log(`Temporal server ${version} built in ${buildSeconds} s`);
  return { srcDir, server, sqlTool, buildSeconds };
}
