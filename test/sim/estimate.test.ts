/** estimateRun and runSizeProblem: what a run will cost, and when it is refused. */
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenario/index.js";
import type { Scenario } from "../../src/scenario/types.js";
import { Engine } from "../../src/sim/Engine.js";
import { defaultBudget, estimateRun, formatBytes, formatWall, runSizeProblem, simulatePasses, SIMULATED_NS_PER_OPERATION } from "../../src/sim/estimate.js";

function scenario(lines: string): Scenario {
  const text = [
    "version: 1",
    "name: e",
    "duration: 60s",
    "tenants: { count: 10 }",
    "traffic:",
    "  rate: 100",
    "  mix:",
    '    - { op: "kms:GenerateDataKey", weight: 1 }',
    lines,
  ].join("\n");
  return parseScenario(text, "e.yaml").base;
}

const GiB = 2 ** 30;
const budget = defaultBudget(16 * GiB);
const simulateOnce = { simulatedPasses: 1, live: false };

describe("estimateRun", () => {
  it("counts the operations of the rate curve, and prices them at the documented ns per operation", () => {
    const e = estimateRun(scenario(""));
    expect(e.operations).toBe(6_000);
    expect(e.callsPerOperation).toBe(1);
    expect(e.wallMs).toBeCloseTo((6_000 * SIMULATED_NS_PER_OPERATION + 10 * 50 + 1_000) / 1e6, 9);
  });

  it("follows ramps and steps of the shape (the same curve as the schedule)", () => {
    const s = scenario("").traffic;
    const ramped = scenario("");
    ramped.traffic = { ...s, shape: [{ atMs: 0, ratePerSec: 0, rampMs: 0 }, { atMs: 0, ratePerSec: 100, rampMs: 60_000 }] };
    expect(estimateRun(ramped).operations).toBeCloseTo(3_000, 6);
  });

  it("counts extra wrapping keys as calls per encrypt", () => {
    const text = scenario("keys: { extraWrappingKeys: 9 }");
    const s: Scenario = { ...text, traffic: { ...text.traffic, mix: text.traffic.mix.map((m) => ({ ...m, op: "encrypt" as const, kmsOperation: null, label: "encrypt" })) } };
    expect(estimateRun(s).callsPerOperation).toBe(10);
  });

  it("grows with tenants, duration, mix entries and Bucket Keys slots, each in its own component", () => {
    const base = estimateRun(scenario("")).memoryBytes;
    const many = estimateRun({ ...scenario(""), tenants: { count: 10_000_000, distribution: { type: "zipf", exponent: 1 }, classifications: [{ name: "default", share: 1 }] } }).memoryBytes;
    expect(many.tenants).toBe(10_000_000 * (6 + 28));
    const long = estimateRun({ ...scenario(""), durationMs: 86_400_000 }).memoryBytes;
    expect(long.series).toBeGreaterThan(base.series * 1000);
    expect(base.total).toBe(base.series + base.tenants + base.cache + base.bucketKeys + base.instances + base.inFlight + base.histograms);
  });

  it("bounds what the Engine actually allocates for its tenant tables", () => {
    const s = { ...scenario(""), tenants: { count: 4_000_000, distribution: { type: "uniform" as const }, classifications: [{ name: "default", share: 1 }] } };
    const before = process.memoryUsage().arrayBuffers;
    const engine = new Engine(s);
    const grown = process.memoryUsage().arrayBuffers - before;
    const e = estimateRun(s).memoryBytes;
    // Key ids (Int32) of 4 M tenants are 16 MB at least; the estimate covers all of it.
    expect(grown).toBeGreaterThan(4_000_000 * 4);
    expect(grown).toBeLessThanOrEqual(e.total);
    expect(engine.counters.events).toBe(0);
  });
});

describe("runSizeProblem", () => {
  it("lets normal runs through", () => {
    const s = scenario("");
    expect(runSizeProblem(s, estimateRun(s), simulateOnce, budget)).toBeNull();
    expect(runSizeProblem(s, estimateRun(s), { simulatedPasses: 15, live: true }, budget)).toBeNull();
  });

  it("refuses a run over the wall-time limit, with the estimate and how to shrink it", () => {
    const s = { ...scenario(""), durationMs: 3_600_000, traffic: { ...scenario("").traffic, shape: [{ atMs: 0, ratePerSec: 2_000_000, rampMs: 0 }] } };
    expect(runSizeProblem(s, estimateRun(s), simulateOnce, budget)).toBe(
      "too large to run: simulating it would take about 48 min (7,200 M KMS calls at about 400 ns each; limit 30 min); " +
        "shrink it: a shorter duration, a lower rate; or run it anyway with --force",
    );
    // Passes multiply: half the rate is fine once, not three times (savings of two levers).
    const half = { ...s, traffic: { ...s.traffic, shape: [{ atMs: 0, ratePerSec: 1_000_000, rampMs: 0 }] } };
    expect(runSizeProblem(half, estimateRun(half), simulateOnce, budget)).toBeNull();
    expect(runSizeProblem(half, estimateRun(half), { simulatedPasses: 3, live: false }, budget)).toMatch(/x 3 passes/);
  });

  it("refuses a run needing more than half the machine's memory, naming the biggest part", () => {
    const s = { ...scenario(""), tenants: { count: 2_000_000_000, distribution: { type: "uniform" as const }, classifications: [{ name: "default", share: 1 }] } };
    expect(runSizeProblem(s, estimateRun(s), simulateOnce, budget)).toBe(
      "too large to run: it would need about 11.2 GiB of memory, most of it tenants (11.2 GiB; limit 8.0 GiB, 50% of this machine's 16.0 GiB); " +
        "shrink it: fewer tenants; or run it anyway with --force",
    );
  });

  it("refuses a live run its driver cannot keep up with", () => {
    const s = { ...scenario(""), traffic: { ...scenario("").traffic, shape: [{ atMs: 0, ratePerSec: 100_000, rampMs: 0 }] } };
    expect(runSizeProblem(s, estimateRun(s), { simulatedPasses: 0, live: true }, budget)).toMatch(
      /^too large to run: the live driver would need about 1 h 15 min of CPU \(0\.75 ms per operation\) for a 1 min run, so it would fall behind its schedule; shrink it: a lower rate \(live: --scale\)/,
    );
  });

  it("refuses the unbounded: rates of 1e308", () => {
    const s = { ...scenario(""), traffic: { ...scenario("").traffic, shape: [{ atMs: 0, ratePerSec: 1e308, rampMs: 0 }] } };
    expect(runSizeProblem(s, estimateRun(s), simulateOnce, budget)).toMatch(/^too large to run: simulating it would take over 100 years \(unboundedly many KMS calls.*unbounded memory/);
  });
});

describe("simulatePasses and formatting", () => {
  it("counts one pass per lever the savings re-run", () => {
    const s = scenario("cache: { maxAge: 5m }");
    expect(simulatePasses(s, true)).toBe(2);
    expect(simulatePasses(s, false)).toBe(1);
    expect(simulatePasses(scenario(""), true)).toBe(1);
  });

  it.each([
    [0, "0 ms"],
    [250, "250 ms"],
    [1_400, "1 s"],
    [95_000, "1 min 35 s"],
    [7_200_000, "2 h"],
    [90_000_000, "1 d 1 h"],
    [Infinity, "over 100 years"],
  ])("formatWall(%d) = %s", (ms, text) => {
    expect(formatWall(ms)).toBe(text);
  });

  it.each([
    [512, "512 B"],
    [1536, "1.5 KiB"],
    [3 * GiB, "3.0 GiB"],
    [Infinity, "unbounded"],
  ])("formatBytes(%d) = %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
