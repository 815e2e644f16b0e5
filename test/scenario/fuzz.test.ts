/**
 * Fuzz: the loader either returns a resolved scenario or throws a ScenarioError with located
 * problems; it never throws anything else, and what it returns keeps the invariants of `Scenario`.
 * Then a mutation fuzzer over the repository's scenarios, the documents that crashed or hung the
 * loader before, and special files.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ScenarioError } from "../../src/errors.js";
import { formatDuration, loadScenarioFile, parseScenario } from "../../src/scenario/index.js";
import type { LoadedScenario, Scenario } from "../../src/scenario/types.js";
import { Engine } from "../../src/sim/Engine.js";
import { estimateRun, runSizeProblem } from "../../src/sim/estimate.js";
import { SPEC_EXAMPLE } from "./helpers.js";
import { mutatedDocument } from "./mutations.js";

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

/**
 * The mutation fuzzer over scenarios/ (mutations.ts), and the documents that crashed or hung the
 * loader before it was hardened (test/fixtures/fuzz/). Each document must be refused with located
 * problems, or load and then be refused by the run-size estimate, or construct an Engine and run a
 * few simulated milliseconds - and never take more than 2 s. The budget is smaller than the CLI's
 * (1 s of simulation, 256 MiB) so that the Engines built here stay small; the mechanism is the same.
 */
const TEST_BUDGET = { maxWallMs: 1_000, maxMemoryBytes: 256 * 2 ** 20, machineMemoryBytes: 2 ** 34 };
/** Most wall time one document may take, ms (the issue's "within a second or two"). */
const MAX_DOCUMENT_MS = 2_000;

type Outcome = "refused" | "too large" | "ran" | "loaded";

/** Loads `text` and, for every `engineEvery`-th loaded document, runs its scenarios' Engines for 5 ms. */
function fuzzOne(text: string, runEngine: boolean, file = "fuzz.yaml"): Outcome {
  let loaded: LoadedScenario;
  try {
    loaded = parseScenario(text, file);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw new Error(`not a ScenarioError for:\n${text.slice(0, 2000)}`, { cause: e });
    expect(e.problems.length).toBeGreaterThan(0);
    for (const p of e.problems) {
      // Every problem has a position, or is about the whole document (path "").
      if (p.line === null || p.col === null) expect(p.path, `${p.message}\n${text.slice(0, 500)}`).toBe("");
      expect(p.message.length).toBeGreaterThan(0);
    }
    return "refused";
  }
  let outcome: Outcome = "loaded";
  for (const s of [loaded.base, ...loaded.variants]) {
    checkInvariants(s);
    if (runSizeProblem(s, estimateRun(s), { simulatedPasses: 1, live: false }, TEST_BUDGET) !== null) {
      outcome = "too large";
      continue;
    }
    if (!runEngine) continue;
    new Engine(s).advance(5);
    if (outcome === "loaded") outcome = "ran";
  }
  return outcome;
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

describe("mutation fuzzer over scenarios/", () => {
  /** Documents in `npm test`, and the share of loaded ones whose Engines run (the rest stop at the estimate). */
  const DOCUMENTS = 10_000;
  const ENGINE_EVERY = 3;

  it(`${DOCUMENTS.toLocaleString("en-US")} mutated documents: refused with positions, or estimated and run, each within 2 s`, () => {
    const seen: Record<Outcome, number> = { refused: 0, "too large": 0, ran: 0, loaded: 0 };
    let slowest = { ms: 0, index: -1 };
    for (let i = 0; i < DOCUMENTS; i++) {
      const { text } = mutatedDocument(20261202, i);
      const { value, ms } = timed(() => fuzzOne(text, i % ENGINE_EVERY === 0));
      seen[value]++;
      if (ms > slowest.ms) slowest = { ms, index: i };
    }
    expect(slowest.ms, `document ${slowest.index} took ${slowest.ms.toFixed(0)} ms`).toBeLessThan(MAX_DOCUMENT_MS);
    // Every outcome is reached, so the mutations cover refusal, the estimate and running alike.
    expect(seen.refused).toBeGreaterThan(DOCUMENTS / 2);
    expect(seen["too large"]).toBeGreaterThan(50);
    expect(seen.ran).toBeGreaterThan(100);
  });
});

describe("regression fixtures: documents that crashed or hung the loader before (test/fixtures/fuzz/)", () => {
  const dir = fileURLToPath(new URL("../fixtures/fuzz", import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith(".yaml") || f.endsWith(".yaml.gz")).sort();

  it("has the documents the issue names and those the fuzzer found", () => {
    expect(files.filter((f) => f.startsWith("issue-")).length).toBeGreaterThanOrEqual(8);
    expect(files.filter((f) => f.startsWith("fuzz-")).length).toBeGreaterThanOrEqual(20);
  });

  const textOf = (f: string) => (f.endsWith(".gz") ? gunzipSync(readFileSync(join(dir, f))).toString("utf8") : readFileSync(join(dir, f), "utf8"));

  it.each(files)("%s is refused (by the loader or the estimate) within 2 s", async (f) => {
    const { value, ms } = timed(() => fuzzOne(textOf(f), true, f));
    expect(ms).toBeLessThan(MAX_DOCUMENT_MS);
    // Each of these is either wrong or too large for a run; none may simply run any more.
    expect(["refused", "too large"]).toContain(value);
    if (!f.endsWith(".gz")) {
      // Through the file, the loader gives the same answer.
      const fromFile = await loadScenarioFile(join(dir, f)).then(() => "loaded", (e: unknown) => (e instanceof ScenarioError ? "refused" : e));
      expect(fromFile).toBe(value === "refused" ? "refused" : "loaded");
    }
  });

  it("refuses the issue's documents with the messages that say why", () => {
    const problem = (f: string) => {
      const text = textOf(f);
      try {
        const loaded = parseScenario(text, f);
        return [loaded.base, ...loaded.variants].map((s) => runSizeProblem(s, estimateRun(s), { simulatedPasses: 1, live: false }, TEST_BUDGET)).find((x) => x) ?? "loaded";
      } catch (e) {
        return (e as ScenarioError).problems.map((p) => `${p.line}:${p.col} ${p.path}: ${p.message}`).join("\n");
      }
    };
    expect(problem("issue-tenants-2pow32-plus-1.yaml")).toBe("17:10 tenants.count: expected at most 2,147,483,647 (the engine keeps these ids in 32-bit integers), got 4294967297");
    expect(problem("issue-tenants-1e15.yaml")).toMatch(/^17:10 tenants.count: expected at most 2,147,483,647 .*got 1000000000000000$/);
    expect(problem("issue-instances-99999999999.yaml")).toMatch(/clients.instances: expected at most 2,147,483,647 .*got 99999999999$/);
    expect(problem("issue-rate-2pow53.yaml")).toMatch(/^too large to run: simulating it would take over 100 years \(2\.7e\+18 KMS calls/);
    expect(problem("issue-rate-1e308.yaml")).toMatch(/^too large to run: .* unbounded memory/);
    expect(problem("issue-variant-rate-1e308.yaml")).toMatch(/^too large to run: /);
    expect(problem("issue-mix-5000-bad-entries.yaml.gz")).toMatch(/^null:null : the scenario is 4\d\d\.\d KiB; a scenario may be at most 128 KiB$/);
    expect(problem("issue-flow-mapping-nested-1m.yaml.gz")).toMatch(/^null:null : the scenario is \d+\.\d KiB; a scenario may be at most 128 KiB$/);
    const mix = problem("mix-3000-bad-entries.yaml.gz").split("\n");
    expect(mix).toHaveLength(101);
    expect(mix[100]).toMatch(/^null:null : and 5,\d{3} more problem\(s\) like those above, not shown$/);
  });
});

describe("special files", () => {
  it("refuses a FIFO without blocking on it, a device and a file over the size limit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kmsplan-special-"));
    const fifo = join(dir, "scenario.yaml");
    const made = spawnSync("mkfifo", [fifo]);
    expect(made.status, "mkfifo is needed for this test").toBe(0);
    // Nobody writes to the FIFO: reading it would wait for ever.
    const err = await loadScenarioFile(fifo).catch((e: unknown) => e);
    expect((err as ScenarioError).problems).toEqual([
      { file: fifo, line: null, col: null, path: "", message: "cannot read scenario file: it is not a regular file (a named pipe); give a scenario file" },
    ]);
    const device = await loadScenarioFile("/dev/zero").catch((e: unknown) => e);
    expect((device as ScenarioError).problems[0].message).toBe("cannot read scenario file: it is not a regular file (a character device); give a scenario file");
    const big = join(dir, "big.yaml");
    writeFileSync(big, "# " + "x".repeat(200 * 1024) + "\n");
    const large = await loadScenarioFile(big).catch((e: unknown) => e);
    expect((large as ScenarioError).problems[0].message).toBe("cannot read scenario file: it is 200.0 KiB; a scenario file may be at most 128 KiB");
  });
});
