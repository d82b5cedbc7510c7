#!/usr/bin/env node
/**
 * The `fabric-temporal` CLI (bin). Commands live in src/commands/, one file each; exit codes and
 * output are described in docs/cli.md.
 */
import { nodeVersionProblem, packageEngines, packageVersion } from './entry-point.js';

// commander answers --help and --version itself; only the Node.js version is checked here.
const tooOld = nodeVersionProblem('fabric-temporal', packageEngines());
if (tooOld) {
  process.stderr.write(`${tooOld}\n`);
  process.exit(3);
}
const argv = process.argv.slice(2);
// `--version` alone needs no command: answered before they are loaded (docs/cli.md, Start-up).
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${packageVersion()}\n`);
  process.exit(0);
}
const { runCli } = await import('./commands/index.js');

const code = await runCli(argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
});
process.exit(code);
