/**
 * Monthly cost per variant as stacked bars: keys, rotation and requests, the three things a key
 * strategy trades. Where a result also prices the month at its end-of-run rate (`cost.endOfRun`,
 * for traffic that grows), that total is drawn as a point above the bar.
 */
import type { RunResult } from "../../../metrics/result.js";
import { formatUsd } from "../../format.js";
import { COLORS } from "../palette.js";
import type { ChartSpec, SeriesSpec } from "../types.js";
import type { LabelledResult } from "./poolDemand.js";

/** `cost.endOfRun` total (USD a month), whichever shape the result gives it in; undefined if absent. */
export function endOfRunTotalUsd(r: RunResult): number | undefined {
  const e = (r.cost as { endOfRun?: unknown }).endOfRun;
  if (!e || typeof e !== "object") return undefined;
  const o = e as { total?: unknown; monthlyUsd?: { total?: unknown } };
  const t = typeof o.total === "number" ? o.total : typeof o.monthlyUsd?.total === "number" ? o.monthlyUsd.total : undefined;
  return t !== undefined && Number.isFinite(t) ? t : undefined;
}

/** `cost.basis` in words (which rate the month is priced at), whichever shape it has; undefined if absent. */
export function costBasisText(r: RunResult): string | undefined {
  const b = (r.cost as { basis?: unknown }).basis;
  if (typeof b === "string") return b;
  if (b && typeof b === "object") {
    return Object.entries(b as Record<string, unknown>)
      .filter(([, v]) => typeof v === "string" || typeof v === "number")
      .map(([k, v]) => `${k}: ${v}`)
      .join("; ") || undefined;
  }
  return undefined;
}

export function costChart(id: string, items: readonly LabelledResult[]): ChartSpec | null {
  if (items.length === 0) return null;
  const m = items.map((i) => i.result.cost.monthlyUsd);
  const series: SeriesSpec[] = [
    { label: "keys", values: m.map((c) => c.keys), color: COLORS.keys, style: "bars" },
    { label: "rotation", values: m.map((c) => c.rotation), color: COLORS.rotation, style: "bars" },
    { label: "requests", values: m.map((c) => c.requests), color: COLORS.requests, style: "bars" },
  ];
  const endOfRun = items.map((i) => endOfRunTotalUsd(i.result));
  if (endOfRun.some((v) => v !== undefined)) {
    series.push({ label: "total at the end-of-run rate", values: endOfRun.map((v) => v ?? null), color: COLORS.endOfRun, style: "points" });
  }
  const cheapest = items.reduce((best, i) => (i.result.cost.monthlyUsd.total < best.result.cost.monthlyUsd.total ? i : best));
  return {
    id,
    kind: "bars",
    title: "Monthly cost: keys, rotation and requests",
    caption:
      items.length > 1
        ? `Totals: ${items.map((i) => `${i.label} ${formatUsd(i.result.cost.monthlyUsd.total)}`).join(", ")}. Cheapest: ${cheapest.label}. The measured request rate, extrapolated to a 30-day month.`
        : `Total ${formatUsd(m[0].total)} a month: the measured request rate, extrapolated to a 30-day month.`,
    x: { label: "", values: items.map((_, i) => i), categories: items.map((i) => i.label) },
    y: { label: "USD per month", unit: "usd" },
    series,
    stacked: true,
  };
}
