#!/usr/bin/env node
/**
 * The `fabric-temporal` CLI (bin). Commands live in src/commands/, one file each; exit codes and
 * output are described in docs/cli.md.
 */
import { runCli } from './commands/index.js';

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
});
process.exit(code);
