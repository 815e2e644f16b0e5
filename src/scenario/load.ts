/**
 * Scenario YAML -> LoadedScenario (the base Scenario and one per variant), or a ScenarioError that
 * carries every problem found, each with file, line and column.
 *
 * Pipeline: YAML parse (size and nesting limits, syntax problems: yamlSource.ts) -> zod schema of
 * the written form (types, enums, unknown keys) -> normalise (units, defaults) -> cross-field rules
 * and warnings (checkDocument.ts). Variants are applied to the written document and go through the
 * same pipeline; their problems and warnings point at the override when it caused them, and repeat
 * nothing already reported for the base. Warnings are data like problems: on `LoadedScenario`
 * with their positions, and on each resolved Scenario as "path: message" lines.
 */
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import * as z from "zod";
import { ScenarioError, type ScenarioProblem } from "../errors.js";
import { checkDocument } from "./checkDocument.js";
import type { RawProblem } from "./issues.js";
import { MAX_PROBLEMS, MAX_SCENARIO_BYTES } from "./limits.js";
import { emptyKeyBefore, positionOf, type SourceMap } from "./positions.js";
import { WrittenScenarioSchema } from "./schema.js";
import { formatPath, knownKeysAt } from "./schemaPaths.js";
import type { LoadedScenario, Scenario } from "./types.js";
import { applyVariant, sourcePathOf } from "./variants.js";
import { formatKiB, readYaml } from "./yamlSource.js";

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `unknown key "count"` right after an empty `tenants:` that knows `count`: say it was meant to be indented. */
function indentHint(src: SourceMap, p: RawProblem): string {
  if (p.at !== "key" || !p.message.startsWith("unknown key ")) return p.message;
  const before = emptyKeyBefore(src, p.path);
  const key = String(p.path[p.path.length - 1]);
  if (!before || !knownKeysAt(WrittenScenarioSchema, [...p.path.slice(0, -1), before.key]).includes(key)) return p.message;
  return `unknown key "${key}" here; did you mean to indent it under "${before.key}" (line ${before.line}), which has no value?`;
}

function located(file: string, src: SourceMap, p: RawProblem, pathForPosition = p.path, prefix = ""): ScenarioProblem {
  const { line, col } = positionOf(src, pathForPosition, { key: p.at === "key" });
  return { file, line, col, path: formatPath(p.path), message: prefix + indentHint(src, p) };
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

/** In file order; past MAX_PROBLEMS, one last line counts the rest. */
function reportable(file: string, problems: ScenarioProblem[]): ScenarioProblem[] {
  const sorted = unique(problems).sort(byPosition);
  if (sorted.length <= MAX_PROBLEMS) return sorted;
  const rest = sorted.length - MAX_PROBLEMS;
  return [...sorted.slice(0, MAX_PROBLEMS), { file, line: null, col: null, path: "", message: `and ${rest.toLocaleString("en-US")} more problem(s) like those above, not shown` }];
}

/** "path: message", as a resolved Scenario carries its warnings. */
function asText(p: ScenarioProblem): string {
  return p.path ? `${p.path}: ${p.message}` : p.message;
}

function withWarnings(s: Scenario, warnings: ScenarioProblem[]): Scenario {
  if (warnings.length) s.warnings = warnings.map(asText);
  return s;
}

const key = (p: RawProblem) => `${formatPath(p.path)}|${p.message}`;

/** Parses and resolves a scenario. Throws ScenarioError with all problems; `file` is for messages. */
export function parseScenario(text: string, file: string): LoadedScenario {
  if (typeof text !== "string") throw new TypeError(`Expected text to be a string, got ${typeof text}`);
  if (typeof file !== "string") throw new TypeError(`Expected file to be a string, got ${typeof file}`);
  const source = readYaml(text, file);
  if (!source.ok) throw new ScenarioError(source.problems, { cause: source.cause });
  const { src, data } = source;

  const base = checkDocument(data, null);
  const problems = base.problems.map((p) => located(file, src, p));
  const warnings = base.warnings.map((p) => located(file, src, p));
  const seen = new Set(base.problems.map(key));
  const seenWarnings = new Map(base.warnings.map((w, i) => [key(w), warnings[i]]));
  const variants: Scenario[] = [];
  // Past MAX_PROBLEMS the variants would only repeat what the base already says.
  if (isPlainObject(data) && isPlainObject(data.variants) && problems.length < MAX_PROBLEMS) {
    const { variants: written, ...baseDoc } = data;
    for (const [name, overrides] of Object.entries(written as Record<string, unknown>)) {
      if (!isPlainObject(overrides)) continue; // the schema reported it for the base
      const applied = applyVariant(WrittenScenarioSchema, baseDoc, name, overrides);
      problems.push(...applied.problems.map((p) => located(file, src, p)));
      if (applied.problems.length) continue;
      const result = checkDocument(applied.variant.document, name);
      const prefix = `in variant "${name}": `;
      for (const p of result.problems) {
        const where = sourcePathOf(applied.variant.overrides, p.path);
        if (!where.inOverride && seen.has(key(p))) continue;
        const problem = located(file, src, p, where.path, prefix);
        if (where.inOverride) problem.path = formatPath(where.path);
        problems.push(problem);
      }
      if (!result.scenario) continue;
      const own: ScenarioProblem[] = [];
      for (const w of result.warnings) {
        const where = sourcePathOf(applied.variant.overrides, w.path);
        const inherited = where.inOverride ? undefined : seenWarnings.get(key(w));
        if (inherited) {
          own.push(inherited);
          continue;
        }
        const warning = located(file, src, w, where.path, prefix);
        if (where.inOverride) warning.path = formatPath(where.path);
        own.push(warning);
        warnings.push(warning);
      }
      variants.push(withWarnings(result.scenario, own));
    }
  }
  if (problems.length || !base.scenario) throw new ScenarioError(reportable(file, problems));
  return { file, base: withWarnings(base.scenario, warnings.slice(0, base.warnings.length)), variants, warnings: unique(warnings).sort(byPosition) };
}

/**
 * Reads and parses a scenario file. Only a regular file of at most MAX_SCENARIO_BYTES is read (a
 * FIFO or device would block or never end); anything else is a ScenarioError naming the file.
 */
export async function loadScenarioFile(file: string): Promise<LoadedScenario> {
  if (typeof file !== "string") throw new TypeError(`Expected file to be a string, got ${typeof file}`);
  return parseScenario(await readScenarioText(file), file);
}

function unreadable(file: string, why: string, cause?: unknown): ScenarioError {
  return new ScenarioError([{ file, line: null, col: null, path: "", message: `cannot read scenario file: ${why}` }], { cause });
}

async function readScenarioText(file: string): Promise<string> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : (e as Error).message;
    throw unreadable(file, why, e);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw unreadable(file, "it is a directory");
    if (!stat.isFile()) throw unreadable(file, `it is not a regular file (${stat.isFIFO() ? "a named pipe" : stat.isCharacterDevice() ? "a character device" : stat.isSocket() ? "a socket" : "a special file"}); give a scenario file`);
    if (stat.size > MAX_SCENARIO_BYTES) throw unreadable(file, `it is ${formatKiB(stat.size)}; a scenario file may be at most ${formatKiB(MAX_SCENARIO_BYTES)}`);
    const buffer = Buffer.alloc(MAX_SCENARIO_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_SCENARIO_BYTES) throw unreadable(file, `it grew past ${formatKiB(MAX_SCENARIO_BYTES)} while being read; a scenario file may be at most ${formatKiB(MAX_SCENARIO_BYTES)}`);
    return buffer.toString("utf8", 0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** JSON Schema (draft 2020-12) of the written form, generated from the zod schema. */
export function scenarioJsonSchema(): object {
  return z.toJSONSchema(WrittenScenarioSchema, { target: "draft-2020-12", io: "input", unrepresentable: "any" });
}
