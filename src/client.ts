#!/usr/bin/env node
/**
 * The `fabric-temporal` CLI (bin). Commands live in src/commands/, one file each; exit codes and
 * output are described in docs/cli.md.
 */
import { runCli } from './commands/index.js';
import { nodeVersionProblem, packageEngines } from './entry-point.js';

// commander answers --help and --version itself; only the Node.js version is checked here.
const tooOld = nodeVersionProblem('fabric-temporal', packageEngines());
if (tooOld) {
  process.stderr.write(`${tooOld}\n`);
  process.exit(3);
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
});
process.exit(code);
