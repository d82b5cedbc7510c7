/**
 * Fabric's timestamp format: UTC, seven fractional digits, no `Z` (e.g. `2023-04-22T06:35:00.7812154`).
 */

/** Formats epoch milliseconds the way Fabric formats job times (sub-millisecond digits are zero). */
export function formatFabricTime(ms: number): string {
  // toISOString gives `2023-04-22T06:35:00.781Z`: keep the milliseconds, pad to 7 digits, drop the Z.
  return `${new Date(ms).toISOString().slice(0, 23)}0000`;
}
