import { describe, expect, it } from 'vitest';
import { ctrlC, latchCtrlC, waitWithLiveView } from './live-wait.js';

describe('Ctrl-C while waiting', () => {
  it('a Ctrl-C that comes after the latch but before the wait ends the wait at once; the process lives on', async () => {
    latchCtrlC();
    process.emit('SIGINT', 'SIGINT'); // no wait yet: with the latch, it is kept instead of killing the process
    let refreshes = 0;
    const outcome = new Promise<string>(() => undefined); // a run that never ends
    const ended = await waitWithLiveView({ outcome, refresh: async () => void refreshes++, everyMs: 10, until: ctrlC });
    expect(ended).toBe('interrupted');
    expect(refreshes).toBeLessThanOrEqual(1);
    expect(process.listenerCount('SIGINT')).toBeGreaterThanOrEqual(1);
  });
});
