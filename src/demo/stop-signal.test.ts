import { afterEach, describe, expect, it } from 'vitest';
import { listenForStopSignals, type StopSignals } from './stop-signal.js';

let listening: StopSignals | undefined;
afterEach(() => listening?.dispose());

describe('stop signals', () => {
  it('the first signal aborts; repeats inside the window are ignored; a later one forces', () => {
    const stops: string[] = [];
    const forces: string[] = [];
    let now = 1_000;
    const realNow = Date.now;
    Date.now = () => now;
    try {
      listening = listenForStopSignals({ onStop: (s) => stops.push(s), onForce: (s) => forces.push(s), repeatWindowMs: 2_000 });
      expect(listening.signal.aborted).toBe(false);
      process.emit('SIGTERM', 'SIGTERM');
      expect(listening.signal.aborted).toBe(true);
      expect(listening.received()).toBe('SIGTERM');
      now += 50;
      process.emit('SIGINT', 'SIGINT'); // e.g. the same Ctrl-C relayed by tsx
      expect(forces).toEqual([]);
      now += 2_000;
      process.emit('SIGINT', 'SIGINT');
      expect(stops).toEqual(['SIGTERM']);
      expect(forces).toEqual(['SIGINT']);
    } finally {
      Date.now = realNow;
    }
  });

  it('dispose removes the listeners', () => {
    const before = process.listenerCount('SIGINT');
    listening = listenForStopSignals({ onStop: () => undefined, onForce: () => undefined });
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    listening.dispose();
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
