/**
 * Fabric's timestamp format: UTC, seven fractional digits, no `Z` (e.g. `2023-04-22T06:35:00.7812154`).
 */

/** Formats epoch milliseconds the way Fabric formats job times (sub-millisecond digits are zero). */
export function formatFabricTime(ms: number): string {
  // toISOString gives `2023-04-22T06:35:00.781Z`: keep the milliseconds, pad to 7 digits, drop the Z.
  return `${new Date(ms).toISOString().slice(0, 23)}0000`;
}

/** ISO 8601 with seven fractional digits and `Z`, as activity runs show times (`2024-05-23T13:43:03.6397566Z`). */
export function formatActivityRunTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}0000Z`;
}

/** `YYYY-MM-DDTHH:mm:ssZ`, as Livy sessions show times. */
export function formatLivyTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
