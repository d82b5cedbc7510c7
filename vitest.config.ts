import { defineConfig } from 'vitest/config';
import { nodeVersionProblem, packageEngines } from './src/entry-point.js';

// `npm test` on a Node.js older than the engines range: one line naming the version and the fix.
const tooOld = nodeVersionProblem('npm test', packageEngines());
if (tooOld) {
  process.stderr.write(`${tooOld}\n`);
  process.exit(3);
}

// Workers use Temporal's native bridge, which misbehaves in worker threads: run test files in forks.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // One Temporal dev server and one prebuilt workflow bundle for the whole run (test/helpers/temporal.ts).
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration test files share one dev server but each runs an emulator and a worker; keep the 2-core machines calm.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
