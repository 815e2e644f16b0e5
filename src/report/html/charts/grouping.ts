/**
 * Variants that produced identical data share one chart: in the flagship, the three key layouts
 * draw from the same account pool and throttle second for second alike, and one chart saying so
 * is clearer than three copies. Groups keep the order of their first member.
 */
import type { RunResult } from "../../../metrics/result.js";
import type { LabelledResult } from "./poolDemand.js";

export interface ResultGroup {
  labels: string[];
  /** The first member (all members' keyed data is identical). */
  result: RunResult;
}

/** Groups by `key(result)`; results whose key is undefined are left out (nothing to draw). */
export function groupIdentical(items: readonly LabelledResult[], key: (r: RunResult) => string | undefined): ResultGroup[] {
  const groups = new Map<string, ResultGroup>();
  for (const { label, result } of items) {
    const k = key(result);
    if (k === undefined) continue;
    const g = groups.get(k);
    if (g) g.labels.push(label);
    else groups.set(k, { labels: [label], result });
  }
  return [...groups.values()];
}

/**
 * How a chart names the results it draws: nothing for a lone result; in the title when the
 * results split into several groups ("with-bucket-keys"); in the caption when they all share one
 * chart ("Identical for per-tenant, per-classification and per-account.").
 */
export function groupNaming(g: ResultGroup, groups: number, total: number): { title?: string; note?: string } {
  if (total <= 1) return {};
  if (groups > 1) return { title: g.labels.join(", ") };
  const names = g.labels.length === 2 ? g.labels.join(" and ") : `${g.labels.slice(0, -1).join(", ")} and ${g.labels[g.labels.length - 1]}`;
  return { note: `Identical for ${names}.` };
}

/** A DOM-id-safe form of a label: "kms:GenerateDataKey" -> "kms-generatedatakey". */
export function idPart(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "x";
}
