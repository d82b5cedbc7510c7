import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from './problems.js';
import { parsePoolsFile, parsePoolsSpec, poolsSection, readPoolSlots } from './pools.js';

const problems = (env: Record<string, string>) => {
  const result = poolsSection(env);
  return result.ok ? [] : result.problems.map(formatProblem);
};

describe('FABRIC_POOLS', () => {
  it('parses name=slots pairs', () => {
    expect(parsePoolsSpec('spark-f8=3, warehouse=10')).toEqual({ slots: { 'spark-f8': 3, warehouse: 10 }, problems: [] });
    expect(poolsSection({ FABRIC_POOLS: 'a=1' })).toEqual({ ok: true, value: { source: 'env', slots: { a: 1 } } });
    expect(poolsSection({})).toEqual({ ok: true, value: { source: 'none', slots: {} } });
  });

  it('names every bad entry', () => {
    expect(problems({ FABRIC_POOLS: 'a=0,b,=3,c=x,a=2,d=1,,-e=1,f=10001' })).toEqual([
      'FABRIC_POOLS="a=0,b,=3,c=x,a=2,d=1,,-e=1,f=10001": "b" is not name=slots',
      'FABRIC_POOLS="a=0,b,=3,c=x,a=2,d=1,,-e=1,f=10001": "=3" is not name=slots',
      'FABRIC_POOLS="a=0,b,=3,c=x,a=2,d=1,,-e=1,f=10001": an empty entry (two commas in a row, or a trailing comma)',
      'FABRIC_POOLS="a=0,b,=3,c=x,a=2,d=1,,-e=1,f=10001": pool "a": slots must be a whole number from 1 to 10000, got "0"',
      'FABRIC_POOLS="a=0,b,=3,c=x,a=2,d=1,,-e=1,f=10001": pool "c": slots must be a whole number from 1 to 10000, got "x"',
      'FABRIC_POOLS="a=0,b,=3,c=x,a=2,d=1,,-e=1,f=10001": pool "-e": the name must start with a letter or digit and hold at most 64 letters, digits, ".", "_" and "-"',
      'FABRIC_POOLS="a=0,b,=3,c=x,a=2,d=1,,-e=1,f=10001": pool "f": slots must be a whole number from 1 to 10000, got "10001"',
    ]);
    expect(problems({ FABRIC_POOLS: 'a=1,a=2' })).toEqual(['FABRIC_POOLS="a=1,a=2": pool "a" is given twice']);
  });

  it('refuses both variables at once', () => {
    expect(problems({ FABRIC_POOLS: 'a=1', FABRIC_POOLS_FILE: 'x.yaml' })).toEqual(['FABRIC_POOLS="a=1": set FABRIC_POOLS or FABRIC_POOLS_FILE, not both']);
  });
});

describe('FABRIC_POOLS_FILE', () => {
  it('reads YAML or JSON, and again on every read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pools-'));
    const path = join(dir, 'pools.yaml');
    writeFileSync(path, 'spark-f8: 3\nwarehouse: 10\n');
    const result = poolsSection({ FABRIC_POOLS_FILE: path });
    expect(result).toEqual({ ok: true, value: { source: 'file', path, slots: { 'spark-f8': 3, warehouse: 10 } } });
    writeFileSync(path, '{ "spark-f8": 5 }');
    expect(readPoolSlots((result as { ok: true; value: Parameters<typeof readPoolSlots>[0] }).value)).toEqual({ 'spark-f8': 5 });
    writeFileSync(path, 'spark-f8: none');
    expect(() => readPoolSlots((result as { ok: true; value: Parameters<typeof readPoolSlots>[0] }).value)).toThrow(/pool "spark-f8": slots must be a whole number/);
  });

  it('names an unreadable file and a file that is not a mapping', () => {
    expect(problems({ FABRIC_POOLS_FILE: '/nonexistent/pools.yaml' })).toEqual(['FABRIC_POOLS_FILE="/nonexistent/pools.yaml": cannot read the file: ENOENT']);
    expect(parsePoolsFile('- a\n- b\n').problems).toEqual(['must be a mapping of pool names to slot counts, e.g. "spark-f8: 3"']);
    expect(parsePoolsFile('a: [').problems[0]).toMatch(/^not valid YAML or JSON: /);
  });
});
