/**
 * Fuzz: the loader either returns a resolved scenario or throws a ScenarioError with located
 * problems; it never throws anything else, and what it returns keeps the invariants of `Scenario`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ScenarioError } from "../../src/errors.js";
import { formatDuration, parseScenario } from "../../src/scenario/index.js";
import type { LoadedScenario, Scenario } from "../../src/scenario/types.js";
import { SPEC_EXAMPLE } from "./helpers.js";

type Path = (string | number)[];

/** Every path in the spec example (leaves and inner nodes). */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

const BASE = parse(SPEC_EXAMPLE) as Record<string, unknown>;
const PATHS = pathsOf(BASE).filter((p) => p.length > 0);

/** Values a user might plausibly (or implausibly) write. */
const yamlishValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom("5m", "250ms", "0s", "1d", "4KiB", "1GiB", "-1", ".inf", "", "yearly", "per-tenant", "kms:Sign", "uniform", "none", "SM2", "__proto__", "5m15s", "1e309s", "99999999999999999999999d"),
  fc.integer({ min: -10, max: 10 }),
  fc.constantFrom(0, 1, -1, 0.5, 2 ** 32, 2 ** 53, Number.MAX_VALUE, Infinity, -Infinity, NaN),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  fc.jsonValue({ maxDepth: 2 }),
  fc.dictionary(fc.constantFrom("zipf", "everyDays", "uniform", "exponential", "p50", "p99", "maxAge", "ttl", "type", "x"), fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.constant([1, 2])), { maxKeys: 2 }),
);

function setPath(doc: unknown, path: Path, value: unknown): void {
  let node = doc as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) {
    const next = node[seg];
    if (!next || typeof next !== "object") return;
    node = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined) delete node[last];
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
}

/** Scenario invariants the rest of kmsplan relies on. */
function checkInvariants(s: Scenario): void {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  expect(sum(s.traffic.mix.map((m) => m.share))).toBeCloseTo(1, 9);
  expect(sum(s.tenants.classifications.map((c) => c.share))).toBeCloseTo(1, 9);
  expect(s.durationMs).toBeGreaterThan(s.warmupMs);
  expect(Number.isFinite(s.durationMs)).toBe(true);
  for (const step of s.traffic.shape) {
    expect(step.ratePerSec).toBeGreaterThanOrEqual(0);
    expect(step.atMs).toBeGreaterThanOrEqual(0);
  }
  expect(s.tenants.count).toBeGreaterThanOrEqual(1);
  expect(s.clients.retry.maxAttempts).toBeGreaterThanOrEqual(1);
}

/** Runs the loader and checks the outcome; returns "ok" or "problems" for statistics. */
function load(text: string): "ok" | "problems" {
  let loaded: LoadedScenario;
  try {
    loaded = parseScenario(text, "fuzz.yaml");
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    expect(e.problems.length).toBeGreaterThan(0);
    for (const p of e.problems) {
      expect(p.file).toBe("fuzz.yaml");
      expect(p.message.length).toBeGreaterThan(0);
      if (p.line !== null) expect(p.line).toBeGreaterThanOrEqual(1);
      if (p.col !== null) expect(p.col).toBeGreaterThanOrEqual(1);
    }
    return "problems";
  }
  for (const s of [loaded.base, ...loaded.variants]) checkInvariants(s);
  return "ok";
}

describe("parseScenario fuzz", () => {
  it("survives random values at random paths of the spec example", () => {
    const seen = { ok: 0, problems: 0 };
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PATHS), fc.option(yamlishValue, { nil: undefined })), { minLength: 1, maxLength: 4 }), (edits) => {
        const doc = structuredClone(BASE);
        for (const [path, value] of edits) setPath(doc, path, value);
        seen[load(stringify(doc))]++;
      }),
      { numRuns: 1500, seed: 20261129 },
    );
    // Both outcomes occur: the generator reaches valid and invalid documents.
    expect(seen.ok).toBeGreaterThan(25);
    expect(seen.problems).toBeGreaterThan(25);
  });

  it("survives random new keys and variants", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), fc.string({ maxLength: 20 }), yamlishValue, (path, key, value) => {
        const doc = structuredClone(BASE);
        setPath(doc, [...path, key], value);
        setPath(doc, ["variants", "v"], { [key]: value, [path.join(".")]: value });
        load(stringify(doc));
      }),
      { numRuns: 800, seed: 7 },
    );
  });

  it("survives text mutations of the spec example", () => {
    const lines = SPEC_EXAMPLE.split("\n");
    fc.assert(
      fc.property(
        fc.nat(SPEC_EXAMPLE.length),
        fc.nat(40),
        fc.string({ maxLength: 8, unit: fc.constantFrom(..." :-{}[],#&*!|>'\"\t\n%@`?ab1.") }),
        fc.nat(lines.length - 1),
        fc.nat(lines.length - 1),
        (at, cut, insert, lineA, lineB) => {
          load(SPEC_EXAMPLE.slice(0, at) + insert + SPEC_EXAMPLE.slice(at + cut));
          const swapped = [...lines];
          [swapped[lineA], swapped[lineB]] = [swapped[lineB], swapped[lineA]];
          load(swapped.join("\n"));
        },
      ),
      { numRuns: 800, seed: 42 },
    );
  });

  it("survives arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        load(text);
      }),
      { numRuns: 500, seed: 1 },
    );
  });

  it("resolves a duration written in ms and with units to the same value", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 10 }), (ms) => {
        const asNumber = parseScenario(SPEC_EXAMPLE.replace("duration: 10m", `duration: ${ms}`).replace("warmup: 30s", "warmup: 0"), "a.yaml");
        const asText = parseScenario(SPEC_EXAMPLE.replace("duration: 10m", `duration: ${formatDuration(ms)}`).replace("warmup: 30s", "warmup: 0s"), "a.yaml");
        expect(asText.base.durationMs).toBe(ms);
        // The bare number warns (read as ms); the written unit does not. Otherwise they are the same
        // (a short run also warns, in both, that the shape's step at 5m never happens).
        expect(asNumber.warnings.map((w) => w.path)).toEqual(["duration", ...asText.warnings.map((w) => w.path)]);
        const strip = ({ warnings: _w, ...s }: Scenario) => s;
        expect(strip(asText.base)).toEqual(strip(asNumber.base));
        expect(asText.variants.map(strip)).toEqual(asNumber.variants.map(strip));
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it("survives alias bombs and deep nesting", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);
    expect(load(bomb.join("\n"))).toBe("problems");
    expect(load("[".repeat(2000) + "]".repeat(2000))).toBe("problems");
    expect(load(`variants: { v: { ${"a.".repeat(500)}b: 1 } }`)).toBe("problems");
  });
});
