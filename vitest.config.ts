import { defineConfig } from 'vitest/config';
import { nodeVersionProblem, packageEngines } from './src/entry-point.js';

// `npm test` on a Node.js older than the engines range: one line naming the version and the fix.
const tooOld = nodeVersionProblem('npm test', packageEngines());
if (tooOld) {
  process.stderr.write(`${tooOld}\n`);
  process.exit(3);
}

/**
 * The integration tier: files that start or reach something real (the shared Temporal dev server, the
 * emulator or another HTTP server, a worker, a CLI or demo process, the package tarball). Everything
 * else is the unit tier: no server, no process, no network. A new test file that needs any of these
 * goes here (a whole directory, or the file by name).
 */
const integration = [
  'src/fabric/quirks.test.ts',
  ...['activities', 'bad-input', 'cli', 'demo', 'devserver', 'docs', 'emulator', 'fabric', 'faults', 'names', 'package', 'preflight', 'reconcile', 'schedules', 'smoke', 'ui', 'workflows'].map(
    (dir) => `test/${dir}/**/*.test.ts`,
  ),
  'test/chaos/chaos.test.ts',
  'test/codec/history.test.ts',
  'test/codec/server.test.ts',
  ...['metrics-server', 'rate-limit', 'request-log', 'tracing', 'worker-metrics', 'worker-process'].map((name) => `test/observability/${name}.test.ts`),
  ...['cli', 'conditions', 'failure', 'operations', 'pause', 'refresh-connections', 'repair', 'scheduling'].map((name) => `test/pipeline/${name}.test.ts`),
];
const all = ['src/**/*.test.ts', 'test/**/*.test.ts'];

// Workers use Temporal's native bridge, which misbehaves in worker threads: run test files in forks.
// `npm test` runs both projects; `npm run test:unit` only the unit one (vitest --project unit).
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration test files share one dev server but each runs an emulator and a worker; keep the 2-core machines calm.
    maxWorkers: 2,
    fileParallelism: true,
    projects: [
      { extends: true, test: { name: 'unit', include: all, exclude: integration } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: integration,
          // One Temporal dev server and one prebuilt workflow bundle for the whole run (test/helpers/temporal.ts).
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
