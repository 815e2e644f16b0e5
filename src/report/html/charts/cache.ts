/**
 * Data-key cache hit rate over time, from the result's timeline (cache hits and misses per
 * second), with the misses per second - each one a KMS call - on the right axis. Drawn only where
 * a cache is modelled (hits + misses > 0) and the result has a timeline.
 */
import type { RunResult } from "../../../metrics/result.js";
import { formatPct } from "../../format.js";
import { COLORS } from "../palette.js";
import { padTo, timeAxis, timelineOf } from "../timeSeries.js";
import type { ChartSpec } from "../types.js";

/** Per second: hits / (hits + misses) in percent, null in a second without lookups. */
export function hitRatePct(hits: readonly number[], misses: readonly number[]): (number | null)[] {
  const n = Math.max(hits.length, misses.length);
  const out: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    const h = hits[i] ?? 0, m = misses[i] ?? 0;
    out.push(h + m > 0 ? (100 * h) / (h + m) : null);
  }
  return out;
}

export function hasCache(r: RunResult): boolean {
  return Boolean(r.cache) && r.cache.hits + r.cache.misses > 0;
}

function cacheArrays(r: RunResult): { hits: number[]; misses: number[] } | undefined {
  const t = timelineOf(r);
  if (!hasCache(r) || !t?.cacheHitsPerSec || !t.cacheMissesPerSec) return undefined;
  return { hits: t.cacheHitsPerSec, misses: t.cacheMissesPerSec };
}

export function cacheChart(id: string, r: RunResult): ChartSpec | null {
  const a = cacheArrays(r);
  if (!a) return null;
  const n = Math.max(a.hits.length, a.misses.length);
  return {
    id,
    kind: "time",
    title: "Data-key cache hit rate per second",
    caption: `Over the window: ${formatPct(r.cache.hitRate)} hits; ${r.cache.stampedeMisses} miss(es) while a miss for the same entry was in flight (the Encryption SDK does not coalesce them). Each miss is a KMS call.`,
    x: timeAxis(r, n),
    y: { label: "hit rate", unit: "pct", min: 0, max: 100 },
    y2: { label: "misses/s", unit: "perSec" },
    series: [
      { label: "hit rate", values: hitRatePct(a.hits, a.misses), color: COLORS.hitRate, style: "line" },
      { label: "misses/s (KMS calls)", values: padTo(a.misses, n), color: COLORS.misses, style: "line", axis: "y2" },
    ],
  };
}

/** Predicted and measured hit rate overlaid (both results need a timeline). */
export function cacheCompareChart(id: string, predicted: RunResult, measured: RunResult): ChartSpec | null {
  const p = cacheArrays(predicted), m = cacheArrays(measured);
  if (!p || !m) return null;
  const n = Math.max(p.hits.length, m.hits.length);
  return {
    id,
    kind: "time",
    title: "Data-key cache hit rate per second, predicted and measured",
    x: timeAxis(predicted, n),
    y: { label: "hit rate", unit: "pct", min: 0, max: 100 },
    series: [
      { label: "predicted hit rate", values: padTo(hitRatePct(p.hits, p.misses), n), color: COLORS.predicted, style: "line" },
      { label: "measured hit rate", values: padTo(hitRatePct(m.hits, m.misses), n), color: COLORS.measured, style: "line" },
    ],
  };
}
