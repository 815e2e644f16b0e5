/**
 * One written document (the base, or a variant applied to it) -> Scenario, problems and warnings:
 * schema, normalise, cross-field rules, warnings.
 *
 * When the schema fails, the rules still run on the sections that passed it: each failed section
 * is replaced by a placeholder (required ones) or removed (optional ones), and only the rules that
 * read passed sections run (rules.ts). So `duration: 10x` and `warmup` > duration in a file that
 * also has `p99 < p50` get all three reported at once.
 */
import { errorMap, issuesToProblems, reservedKeyProblems, type RawProblem } from "./issues.js";
import { normalise } from "./normalise.js";
import { checkRules, type Section } from "./rules.js";
import { WrittenScenarioSchema } from "./schema.js";
import { formatPath } from "./schemaPaths.js";
import type { Scenario } from "./types.js";
import { unitWarnings } from "./unitWarnings.js";

export interface CheckedDocument {
  scenario: Scenario | null;
  problems: RawProblem[];
  /** Warnings of a document that loads (none are collected for one that does not). */
  warnings: RawProblem[];
}

/** Stand-ins for required sections that failed the schema; no rule reads them. */
const PLACEHOLDERS: Readonly<Record<string, unknown>> = {
  version: 1,
  name: "placeholder",
  duration: "1m",
  tenants: { count: 1 },
  traffic: { rate: 0, mix: [{ op: "kms:GenerateRandom", weight: 1 }] },
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Cross-field problems of the sections that passed the schema, or none when nothing can be salvaged. */
function salvagedRuleProblems(data: unknown, failed: ReadonlySet<string>, variant: string | null): RawProblem[] {
  if (!isPlainObject(data)) return [];
  const doc: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key !== "variants" && Object.hasOwn(WrittenScenarioSchema.shape, key) && !failed.has(key)) doc[key] = value;
  }
  for (const [key, value] of Object.entries(PLACEHOLDERS)) if (failed.has(key) || !(key in doc)) doc[key] = value;
  const parsed = WrittenScenarioSchema.safeParse(doc);
  if (!parsed.success) return [];
  return checkRules(parsed.data, normalise(parsed.data, variant), (section: Section) => !failed.has(section)).problems;
}

/** Schema, normalise, rules and warnings of one document; `variant` names it in the Scenario. */
export function checkDocument(data: unknown, variant: string | null): CheckedDocument {
  const parsed = WrittenScenarioSchema.safeParse(data, { error: errorMap, reportInput: true });
  const reserved = reservedKeyProblems(data);
  if (!parsed.success) {
    const problems = issuesToProblems(parsed.error.issues, WrittenScenarioSchema);
    const reported = new Set(problems.map((p) => formatPath(p.path)));
    const failed = new Set(parsed.error.issues.filter((i) => i.path.length > 0).map((i) => String(i.path[0])));
    const rules = salvagedRuleProblems(data, failed, variant).filter((p) => !reported.has(formatPath(p.path)));
    return { scenario: null, problems: [...problems, ...reserved.filter((p) => !reported.has(formatPath(p.path))), ...rules], warnings: [] };
  }
  const scenario = normalise(parsed.data, variant);
  const findings = checkRules(parsed.data, scenario);
  const problems = [...reserved, ...findings.problems];
  if (problems.length) return { scenario: null, problems, warnings: [] };
  return { scenario, problems, warnings: [...unitWarnings(data, WrittenScenarioSchema), ...findings.warnings] };
}
