/**
 * Scenario YAML -> LoadedScenario (the base Scenario and one per variant), or a ScenarioError that
 * carries every problem found, each with file, line and column.
 *
 * Pipeline: YAML parse (syntax problems) -> zod schema of the written form (types, enums, unknown
 * keys) -> normalise (units, defaults) -> cross-field rules. Variants are applied to the written
 * document and go through the same pipeline; their problems point at the override when it caused
 * them, and repeat nothing already reported for the base.
 */
import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument, type YAMLError } from "yaml";
import * as z from "zod";
import { ScenarioError, type ScenarioProblem } from "../errors.js";
import { errorMap, issuesToProblems, reservedKeyProblems, type RawProblem } from "./issues.js";
import { normalise } from "./normalise.js";
import { positionOf, type SourceMap } from "./positions.js";
import { checkRules } from "./rules.js";
import { WrittenScenarioSchema } from "./schema.js";
import { formatPath } from "./schemaPaths.js";
import type { LoadedScenario, Scenario } from "./types.js";
import { applyVariant, sourcePathOf } from "./variants.js";

/** Most alias expansions `toJS` may do (the `yaml` default is 100): guards against alias bombs. */
const MAX_ALIAS_COUNT = 1_000;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Schema, normalise, rules: a Scenario, or the problems (paths in the validated document). */
function validate(data: unknown, variant: string | null): { scenario: Scenario | null; problems: RawProblem[] } {
  const parsed = WrittenScenarioSchema.safeParse(data, { error: errorMap, reportInput: true });
  const reserved = reservedKeyProblems(data);
  if (!parsed.success) {
    const problems = issuesToProblems(parsed.error.issues, WrittenScenarioSchema);
    const reported = new Set(problems.map((p) => formatPath(p.path)));
    return { scenario: null, problems: [...problems, ...reserved.filter((p) => !reported.has(formatPath(p.path)))] };
  }
  const scenario = normalise(parsed.data, variant);
  const problems = [...reserved, ...checkRules(parsed.data, scenario)];
  return { scenario: problems.length ? null : scenario, problems };
}

function yamlProblem(file: string, e: YAMLError): ScenarioProblem {
  // yaml's message: "<what> at line L, column C:\n\n<excerpt>"; keep the first part.
  const what = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  return { file, line: e.linePos?.[0].line ?? null, col: e.linePos?.[0].col ?? null, path: "", message: `YAML syntax error: ${what}` };
}

function located(file: string, src: SourceMap, p: RawProblem, pathForPosition = p.path, prefix = ""): ScenarioProblem {
  const { line, col } = positionOf(src, pathForPosition, { key: p.at === "key" });
  return { file, line, col, path: formatPath(p.path), message: prefix + p.message };
}

function byPosition(a: ScenarioProblem, b: ScenarioProblem): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0);
}

/** Drops repeats: the same message at the same place, with or without a variant prefix. */
function unique(problems: ScenarioProblem[]): ScenarioProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.col}:${p.path}:${p.message.replace(/^in variant "[^"]*": /, "")}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Parses and resolves a scenario. Throws ScenarioError with all problems; `file` is for messages. */
export function parseScenario(text: string, file: string): LoadedScenario {
  if (typeof text !== "string") throw new TypeError(`Expected text to be a string, got ${typeof text}`);
  if (typeof file !== "string") throw new TypeError(`Expected file to be a string, got ${typeof file}`);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, logLevel: "error", uniqueKeys: true });
  if (doc.errors.length) throw new ScenarioError(doc.errors.map((e) => yamlProblem(file, e)));
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new ScenarioError([{ file, line: null, col: null, path: "", message: `YAML: ${message}` }], { cause: e });
  }
  const src: SourceMap = { doc, lineCounter };
  if (data === null || data === undefined) {
    throw new ScenarioError([{ file, line: 1, col: 1, path: "", message: "expected a scenario mapping (version, name, duration, tenants, traffic, ...), got an empty document" }]);
  }

  const base = validate(data, null);
  const problems = base.problems.map((p) => located(file, src, p));
  const seen = new Set(base.problems.map((p) => `${formatPath(p.path)}|${p.message}`));
  const variants: Scenario[] = [];
  if (isPlainObject(data) && isPlainObject(data.variants)) {
    const { variants: written, ...baseDoc } = data;
    for (const [name, overrides] of Object.entries(written as Record<string, unknown>)) {
      if (!isPlainObject(overrides)) continue; // the schema reported it for the base
      const applied = applyVariant(WrittenScenarioSchema, baseDoc, name, overrides);
      problems.push(...applied.problems.map((p) => located(file, src, p)));
      if (applied.problems.length) continue;
      const result = validate(applied.variant.document, name);
      for (const p of result.problems) {
        const where = sourcePathOf(applied.variant.overrides, p.path);
        if (!where.inOverride && seen.has(`${formatPath(p.path)}|${p.message}`)) continue;
        const problem = located(file, src, p, where.path, `in variant "${name}": `);
        if (where.inOverride) problem.path = formatPath(where.path);
        problems.push(problem);
      }
      if (result.scenario) variants.push(result.scenario);
    }
  }
  if (problems.length || !base.scenario) throw new ScenarioError(unique(problems).sort(byPosition));
  return { file, base: base.scenario, variants };
}

/** Reads and parses a scenario file; an unreadable file is a ScenarioError too. */
export async function loadScenarioFile(file: string): Promise<LoadedScenario> {
  if (typeof file !== "string") throw new TypeError(`Expected file to be a string, got ${typeof file}`);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : (e as Error).message;
    throw new ScenarioError([{ file, line: null, col: null, path: "", message: `cannot read scenario file: ${why}` }], { cause: e });
  }
  return parseScenario(text, file);
}

/** JSON Schema (draft 2020-12) of the written form, generated from the zod schema. */
export function scenarioJsonSchema(): object {
  return z.toJSONSchema(WrittenScenarioSchema, { target: "draft-2020-12", io: "input", unrepresentable: "any" });
}
