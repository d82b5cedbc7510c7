import { describe, expect, it } from 'vitest';
import { stepGraphSvg } from './graph.js';

describe('step graph', () => {
  it('lays steps out left to right from needs, one node per step, escaped', () => {
    const svg = stepGraphSvg([
      { id: 'a', needs: [], state: 'completed', caption: 'completed' },
      { id: 'b<x>', needs: ['a'], state: 'failed', caption: 'failed: "boom"' },
      { id: 'c', needs: ['b<x>', 'missing'], state: 'skipped', caption: 'skipped' },
    ]);
    const x = (id: string) => Number(new RegExp(`data-step="${id}"[^>]*>(?:<title>[^<]*</title>)?<rect class="[^"]*" x="([\\d.]+)"`).exec(svg)?.[1]);
    expect(x('a')).toBeLessThan(x('b&lt;x&gt;'));
    expect(x('b&lt;x&gt;')).toBeLessThan(x('c'));
    expect(svg.match(/<path class="edge"/g)).toHaveLength(2);
    expect(svg).not.toContain('<x>');
    expect(svg).toContain('data-state="failed"');
  });
});
