/** Closest-name suggestions ("did you mean"). Pure and sandbox-safe. */

/** Levenshtein distance (insertions, deletions, substitutions each cost 1). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Up to `max` candidates close to `word`, closest first: case-insensitive edit distance within
 * about a third of the word's length (at least 2), or a candidate that contains the word or is
 * contained in it (`orders` → `Load orders`).
 */
export function closestNames(word: string, candidates: Iterable<string>, max = 3): string[] {
  const w = word.toLowerCase().trim();
  const limit = Math.max(2, Math.floor(w.length / 3));
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of new Set(candidates)) {
    const c = candidate.toLowerCase().trim();
    const distance = editDistance(w, c);
    const contains = w.length >= 3 && (c.includes(w) || w.includes(c));
    if (distance <= limit || contains) scored.push({ candidate, score: contains ? Math.min(distance, limit) : distance });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, max)
    .map((s) => s.candidate);
}
