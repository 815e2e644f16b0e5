/** Test helpers for the scenario loader: the spec example, minimal documents, caught problems. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { ScenarioError, type ScenarioProblem } from "../../src/errors.js";
import { parseScenario } from "../../src/scenario/index.js";

export const SPEC_EXAMPLE_FILE = fileURLToPath(new URL("../fixtures/spec-example.yaml", import.meta.url));
export const SPEC_EXAMPLE = readFileSync(SPEC_EXAMPLE_FILE, "utf8");

/** The smallest valid scenario, one key per line so that tests can point at lines. */
export const MINIMAL = [
  "version: 1", // 1
  "name: minimal", // 2
  "duration: 1m", // 3
  "tenants:", // 4
  "  count: 10", // 5
  "traffic:", // 6
  "  rate: 100", // 7
  "  mix:", // 8
  '    - { op: "kms:GenerateDataKey", weight: 1 }', // 9
  "",
].join("\n");

/** Replaces exactly one occurrence of `from` (fails the test if it is not there exactly once). */
export function edit(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  expect(i, `"${from}" in the document`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(from, i + 1), `"${from}" only once`).toBe(-1);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

/** The problems of a document that must fail to load. */
export function problemsOf(text: string, file = "s.yaml"): ScenarioProblem[] {
  try {
    parseScenario(text, file);
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems;
    throw e;
  }
  throw new Error("expected a ScenarioError, but the scenario loaded");
}

/** Short form for assertions: "line:col path: message". */
export function brief(p: ScenarioProblem): string {
  return `${p.line}:${p.col} ${p.path}: ${p.message}`;
}
