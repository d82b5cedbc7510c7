/**
 * The scenarios in force: a default one and one per item, each with its own fault queue.
 */
import { FaultQueue } from './faults.js';
import { resolveScenario } from './scenario.js';
import type { ResolvedScenario, Scenario } from './types.js';

interface Entry {
  scenario: ResolvedScenario;
  faults: FaultQueue;
}

function entry(scenario: Scenario | undefined): Entry {
  const resolved = resolveScenario(scenario);
  return { scenario: resolved, faults: new FaultQueue(resolved.faults) };
}

export class ScenarioRegistry {
  private defaultEntry: Entry;
  private readonly items = new Map<string, Entry>();

  /** `initialDefault` and `initialItems` are what reset() goes back to. */
  constructor(
    private readonly initialDefault: Scenario | undefined,
    private readonly initialItems: Record<string, Scenario> = {},
  ) {
    this.defaultEntry = entry(initialDefault);
    this.reset();
  }

  /** Replaces the scenario of an item (or the default one) and restarts its fault queue. */
  set(itemId: string | 'default', scenario: Scenario): ResolvedScenario {
    const e = entry(scenario);
    if (itemId === 'default') this.defaultEntry = e;
    else this.items.set(itemId.toLowerCase(), e);
    return e.scenario;
  }

  /** Removes an item's own scenario (the item falls back to the default); `default` restores the startup default. */
  clear(itemId: string | 'default'): void {
    if (itemId === 'default') this.defaultEntry = entry(this.initialDefault);
    else this.items.delete(itemId.toLowerCase());
  }

  /** The scenario and fault queue in force for an item. Items without their own share the default's queue. */
  for(itemId: string): Entry {
    return this.items.get(itemId.toLowerCase()) ?? this.defaultEntry;
  }

  /** Every scenario in force, for GET /_emulator/scenarios. */
  snapshot(): { default: ResolvedScenario; items: Record<string, ResolvedScenario> } {
    return {
      default: this.defaultEntry.scenario,
      items: Object.fromEntries([...this.items].map(([id, e]) => [id, e.scenario])),
    };
  }

  /** Back to the startup scenarios, with fresh fault queues. */
  reset(): void {
    this.defaultEntry = entry(this.initialDefault);
    this.items.clear();
    for (const [itemId, scenario] of Object.entries(this.initialItems)) this.items.set(itemId.toLowerCase(), entry(scenario));
  }
}
