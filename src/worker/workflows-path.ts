/**
 * Where the workflow bundle's entry point is: `../workflows/index.ts` next to this file under tsx
 * (src/), `../workflows/index.js` in the compiled package (dist/).
 */
import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function workflowsPath(): string {
  const here = fileURLToPath(import.meta.url);
  const dir = join(dirname(here), '..', 'workflows');
  const own = extname(here) === '.ts' ? ['.ts', '.js'] : ['.js', '.ts'];
  for (const ext of own) {
    const candidate = join(dir, `index${ext}`);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`cannot find the workflows entry point (index.ts or index.js) in ${dir}`);
}
