/**
 * A small typed client of the emulator's admin API, for tests, chaos runs and benchmarks.
 */
import type { CatalogDefinition, CatalogSnapshot } from './catalog.js';
import type { EmulatorJob, EmulatorStats, RequestLogEntry, ResolvedScenario, Scenario } from './types.js';

/** The admin API answered with an error status. */
export class EmulatorAdminError extends Error {
  override name = 'EmulatorAdminError';
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export class EmulatorAdmin {
  /** @param adminUrl The `adminUrl` of a running emulator (`http://host:port/_emulator`). */
  constructor(private readonly adminUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.adminUrl.replace(/\/+$/, '')}${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}),
    });
    const text = await res.text();
    if (!res.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        // not JSON: keep the text
      }
      throw new EmulatorAdminError(res.status, `Emulator admin ${method} ${path} failed (${res.status}): ${message}`);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  /** Sets the scenario of an item (or the default one); returns it with defaults filled in. */
  async setScenario(itemId: string | 'default', scenario: Scenario): Promise<ResolvedScenario> {
    const res = await this.call<{ scenario: ResolvedScenario }>('PUT', `/scenarios/${encodeURIComponent(itemId)}`, scenario);
    return res.scenario;
  }

  /** Removes an item's own scenario; `'default'` restores the startup default. */
  async clearScenario(itemId: string | 'default'): Promise<void> {
    await this.call('DELETE', `/scenarios/${encodeURIComponent(itemId)}`);
  }

  async scenarios(): Promise<{ default: ResolvedScenario; items: Record<string, ResolvedScenario> }> {
    return this.call('GET', '/scenarios');
  }

  /**
   * Sets how many Spark jobs a workspace's capacity runs at once (`'default'`: every workspace
   * without its own limit; null removes the limit). Beyond it, notebook and table maintenance run
   * requests get HTTP 430.
   */
  async setSparkJobLimit(workspaceId: string | 'default', maxConcurrentSparkJobs: number | null): Promise<void> {
    await this.call('PUT', `/capacity/${encodeURIComponent(workspaceId)}`, { maxConcurrentSparkJobs });
  }

  /** Replaces the catalog (workspaces and items with names and types, and its faults); returns it with ids filled in. */
  async setCatalog(catalog: CatalogDefinition): Promise<CatalogSnapshot> {
    return this.call('PUT', '/catalog', catalog);
  }

  async catalog(): Promise<CatalogSnapshot> {
    return this.call('GET', '/catalog');
  }

  /** Every job (of one item when given), with its status now. */
  async jobs(itemId?: string): Promise<EmulatorJob[]> {
    const query = itemId === undefined ? '' : `?itemId=${encodeURIComponent(itemId)}`;
    return (await this.call<{ value: EmulatorJob[] }>('GET', `/jobs${query}`)).value;
  }

  /** Request log entries with seq greater than `since` (all kept entries by default). */
  async requests(since?: number): Promise<RequestLogEntry[]> {
    const query = since === undefined ? '' : `?since=${since}`;
    return (await this.call<{ value: RequestLogEntry[] }>('GET', `/requests${query}`)).value;
  }

  async stats(): Promise<EmulatorStats> {
    return this.call('GET', '/stats');
  }

  /** Drops jobs, schedules and the request log; restores the startup scenarios and catalog. */
  async reset(): Promise<void> {
    await this.call('POST', '/reset');
  }
}
