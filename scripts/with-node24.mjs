#!/usr/bin/env node
// Runs a command on a Node.js the project supports (package.json engines.node, >= 22). On an older
// Node (the Debian image's 20) it installs Node 24 LTS from the npm registry (the `node@24` package)
// into .cache/node24/, announces that in one line on stderr, and runs the command with that Node first
// on PATH. The one implementation `npm test`, `npm run test:unit` and `.ci/run` share.
// Plain JavaScript on purpose: it must run on the old Node it replaces.
//
//   node scripts/with-node24.mjs <command> [args…]   run the command
//   node scripts/with-node24.mjs --bin-dir           print the directory to put first on PATH ('' when none needed)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const engines = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines?.node ?? '>=0';
const minimum = Number(/>=\s*(\d+)/.exec(engines)?.[1] ?? 0);
const found = Number(process.versions.node.split('.')[0]);
const prefix = join(root, '.cache', 'node24');
const binDir = join(prefix, 'node_modules', '.bin');
const windows = process.platform === 'win32';

function fail(message) {
  process.stderr.write(`with-node24: ${message}\n`);
  process.exit(3);
}

/** The bin directory holding Node 24 (installing it once), or '' when this Node is recent enough. */
function node24BinDir() {
  if (found >= minimum) return '';
  process.stderr.write(
    `Node.js ${process.versions.node} found, the project needs ${engines.replace(/\s+/g, '')}: using Node.js 24 from the npm registry (node@24) in .cache/node24\n`,
  );
  if (!existsSync(join(binDir, windows ? 'node.cmd' : 'node'))) {
    mkdirSync(prefix, { recursive: true });
    const npm = spawnSync(
      windows ? 'npm.cmd' : 'npm',
      ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', 'node@24'],
      { stdio: ['ignore', 'ignore', 'inherit'], shell: windows },
    );
    if (npm.status !== 0) fail(`npm install node@24 into ${prefix} failed (exit ${npm.status}); install Node.js 24 LTS and run the command again`);
  }
  return binDir;
}

const args = process.argv.slice(2);
if (args.length === 0) fail('usage: node scripts/with-node24.mjs <command> [args…] | --bin-dir');
const dir = node24BinDir();
if (args[0] === '--bin-dir') {
  process.stdout.write(`${dir}\n`);
  process.exit(0);
}
const env = { ...process.env };
if (dir) {
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  // node_modules/.bin stays first (npm put it there) so `vitest` is the project's; node is Node 24.
  env[key] = [join(root, 'node_modules', '.bin'), dir, env[key]].filter(Boolean).join(delimiter);
}
const child = spawnSync(args[0], args.slice(1), { stdio: 'inherit', env, shell: windows });
if (child.error) fail(`${args[0]}: ${child.error.message}`);
process.exit(child.status ?? (child.signal ? 1 : 0));
