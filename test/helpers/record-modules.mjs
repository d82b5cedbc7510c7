// Preloaded with `node --import`: records every module the process loads (their resolved URLs) and
// writes them, one per line, to RECORD_MODULES_FILE when the process exits. test/cli/startup.test.ts
// uses it to prove which dependencies a command loads.
import { registerHooks } from 'node:module';
import { writeFileSync } from 'node:fs';

const loaded = new Set();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    loaded.add(resolved.url);
    return resolved;
  },
});
process.on('exit', () => writeFileSync(process.env.RECORD_MODULES_FILE, [...loaded].join('\n')));
