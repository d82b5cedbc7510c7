/**
 * Controls of the corpus's checks: valid input does reach the Temporal stand-in and the emulator,
 * so "nothing reached them" in the corpus means something.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ITEM, WS, startCorpus } from './harness.js';
import type { Corpus } from './harness.js';

let corpus: Corpus;
beforeAll(async () => {
  corpus = await startCorpus();
});
afterAll(async () => {
  await corpus?.close();
});

describe('corpus controls', () => {
  it('a valid command connects to the Temporal stand-in (and fails there with exit 3)', async () => {
    const out = await corpus.run({ name: 'valid list', args: ['list'], exit: 3, mentions: [] });
    expect(out.code).toBe(3);
    expect(out.stderr).toContain('cannot reach Temporal');
    expect((await corpus.reached()).temporal).toBeGreaterThan(0);
  });

  it('a valid Fabric command reaches the emulator', async () => {
    const out = await corpus.run({ name: 'valid fabric-schedule list', args: ['fabric-schedule', 'list', '--workspace', WS, '--item', ITEM, '--job-type', 'RunNotebook'], exit: 2, mentions: [] });
    expect(out.code, out.stderr).toBe(0);
    expect((await corpus.reached()).fabric).toBe(1);
  });
});
