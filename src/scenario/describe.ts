/**
 * Text helpers for problem messages: how a written value is shown ("got ...") and the
 * "did you mean" suggestion for misspelt keys and values.
 */

const MAX_SHOWN_CHARS = 60;

/** A written value as it appears in messages: -5, "per-tennant", true, a list, a mapping, nothing. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") {
    const shown = JSON.stringify(value);
    return shown.length > MAX_SHOWN_CHARS ? `${shown.slice(0, MAX_SHOWN_CHARS - 4)}..."` : shown;
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return value.length ? `a list of ${value.length}` : "an empty list";
  if (typeof value === "object") return "a mapping";
  return typeof value;
}

/**
 * Levenshtein distance (insert, delete, substitute = 1 each), two-row table.
 * Example: distance("tenents", "tenants") = 1; distance("per-tennant", "per-tenant") = 1.
 */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The closest candidate when it is close enough to be a likely typo: distance <= 2 and at most a
 * third of the word (case-insensitive), else null. Example: closest("tenents", ["tenants", "keys"]) = "tenants".
 */
export function closest(word: string, candidates: readonly string[]): string | null {
  if (word.length > 100) return null;
  const w = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.min(2, Math.max(1, Math.floor(word.length / 3))) ? best : null;
}

/** `; did you mean "x"?` or "" when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const c = closest(word, candidates);
  return c !== null && c !== word ? `; did you mean "${c}"?` : "";
}
