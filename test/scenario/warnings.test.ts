/** Loader warnings: bare-number durations, shape steps the run never reaches, Regions with explicit quotas. */
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenario/index.js";
import type { LoadedScenario } from "../../src/scenario/types.js";
import { MINIMAL, brief, edit, problemsOf } from "./helpers.js";

function warningsOf(text: string): string[] {
  return parseScenario(text, "w.yaml").warnings.map(brief);
}

function load(text: string): LoadedScenario {
  return parseScenario(text, "w.yaml");
}

describe("warnings: a duration written as a bare number is milliseconds", () => {
  it.each([
    ["latency", "latency:\n  kms: { p50: 8, p99: 30ms }\n", ["11:15 latency.kms.p50: a bare number is milliseconds: read as 8 ms; write 8ms to say so"]],
    ["duration", null, ["3:11 duration: a bare number is milliseconds: read as 600 ms; write 600ms to say so"]],
    [
      "read age, both ends",
      "x",
      [
        "9:54 traffic.mix[0].readAge.uniform[0]: a bare number is milliseconds: read as 1000 ms; write 1000ms to say so",
        "9:60 traffic.mix[0].readAge.uniform[1]: a bare number is milliseconds: read as 2000 ms; write 2000ms to say so",
      ],
    ],
  ])("%s", (_name, extra, expected) => {
    let text = MINIMAL;
    if (extra === null) text = edit(text, "duration: 1m", "duration: 600");
    else if (extra === "x") text = edit(text, '{ op: "kms:GenerateDataKey", weight: 1 }', "{ op: decrypt, weight: 1, readAge: { uniform: [1000, 2000] } }");
    else text += extra;
    expect(warningsOf(text)).toEqual(expected);
  });

  it("says nothing for 0, for units, and for keys that name their unit (windowMs)", () => {
    const text = edit(MINIMAL, "duration: 1m", "duration: 1m\nwarmup: 0\naccount: { throttle: { model: fixed-window, windowMs: 1000 } }") + "latency:\n  kms: { p50: 8ms, p99: 30ms }\n";
    expect(warningsOf(text)).toEqual([]);
    expect(load(text).base.warnings).toBeUndefined();
  });

  it("carries the warnings on the resolved scenario as path: message", () => {
    const loaded = load(edit(MINIMAL, "duration: 1m", "duration: 60000"));
    expect(loaded.base.warnings).toEqual(["duration: a bare number is milliseconds: read as 60000 ms; write 60000ms to say so"]);
    expect(loaded.base.durationMs).toBe(60_000);
  });

  it("points a variant's own warning at its override, prefixed, and gives every variant the base's", () => {
    const text = edit(MINIMAL, "duration: 1m", "duration: 60000") + "variants:\n  slow: { latency.kms.p50: 9, latency.kms.p99: 40ms }\n  same: { keys.boundary: per-tenant }\n";
    const loaded = load(text);
    expect(loaded.warnings.map(brief)).toEqual([
      "3:11 duration: a bare number is milliseconds: read as 60000 ms; write 60000ms to say so",
      '11:28 variants.slow["latency.kms.p50"]: in variant "slow": a bare number is milliseconds: read as 9 ms; write 9ms to say so',
    ]);
    const [slow, same] = loaded.variants;
    expect(slow.warnings).toEqual([
      "duration: a bare number is milliseconds: read as 60000 ms; write 60000ms to say so",
      'variants.slow["latency.kms.p50"]: in variant "slow": a bare number is milliseconds: read as 9 ms; write 9ms to say so',
    ]);
    expect(same.warnings).toEqual(["duration: a bare number is milliseconds: read as 60000 ms; write 60000ms to say so"]);
  });
});

describe("warnings: ramps and steps the run never reaches", () => {
  const shaped = (duration: string, shape: string) => edit(edit(MINIMAL, "duration: 1m", `duration: ${duration}`), "  rate: 100\n", `  shape: ${shape}\n`);

  it("the issue's k6-style ramp: starts when the run is over, says what happens and how to write it", () => {
    const text = shaped("20m", "[{ at: 20m, rate: 8000, ramp: 20m }]");
    expect(warningsOf(text)).toEqual([
      "7:17 traffic.shape[0].at: this ramp starts at 20m, when the run (duration 20m) is over: it never happens, and the run stays at 0 ops/s; " +
        "a ramp STARTS at `at` (from the rate before it) and reaches `rate` at `at + ramp`; to reach 8,000 ops/s by 20m, write { at: 0s, rate: 8000, ramp: 20m }",
    ]);
    // The suggestion is itself quiet, and does what it says.
    const fixed = shaped("20m", "[{ at: 0s, rate: 8000, ramp: 20m }]");
    expect(warningsOf(fixed)).toEqual([]);
    expect(load(fixed).base.traffic.shape).toEqual([{ atMs: 0, ratePerSec: 8000, rampMs: 1_200_000 }]);
  });

  it("a ramp cut short by the end of the run: the rate it stops at, and both readings", () => {
    const text = shaped("20m", "[{ at: 0s, rate: 1000 }, { at: 15m, rate: 8000, ramp: 10m }]");
    expect(warningsOf(text)).toEqual([
      "7:64 traffic.shape[1].ramp: this ramp would reach 8,000 ops/s at 25m, after the run (duration 20m) ends: the run stops on the way, at 4,500 ops/s; " +
        "a ramp STARTS at `at` (from the rate before it) and reaches `rate` at `at + ramp`; to reach 8,000 ops/s at 15m, write { at: 5m, rate: 8000, ramp: 10m }; " +
        "to reach it by the end of the run, write { at: 15m, rate: 8000, ramp: 5m }",
    ]);
  });

  it("a step at or after the end never happens", () => {
    expect(warningsOf(edit(MINIMAL, "  rate: 100\n", "  rate: 100\n  shape: [{ at: 1m, rate: 500 }]\n"))).toEqual([
      "8:17 traffic.shape[0].at: this step is at 1m, when the run (duration 1m) is over: it never happens, and the run stays at 100 ops/s; move `at` before 1m or lengthen duration",
    ]);
  });

  it("says nothing for a ramp ending exactly at the end, or steps inside the run", () => {
    expect(warningsOf(shaped("10m", "[{ at: 0s, rate: 10 }, { at: 5m, rate: 20, ramp: 5m }]"))).toEqual([]);
  });

  it("warns for a variant that shortens the run, at the step, prefixed", () => {
    const text = shaped("10m", "[{ at: 0s, rate: 10 }, { at: 5m, rate: 20 }]") + "variants:\n  short: { duration: 5m }\n";
    const loaded = load(text);
    expect(loaded.warnings.map(brief)).toEqual([
      '7:39 traffic.shape[1].at: in variant "short": this step is at 5m, when the run (duration 5m) is over: it never happens, and the run stays at 10 ops/s; move `at` before 5m or lengthen duration',
    ]);
    expect(loaded.base.warnings).toBeUndefined();
    expect(loaded.variants[0].warnings).toHaveLength(1);
  });
});

describe("account.region", () => {
  const withAccount = (account: string) => edit(MINIMAL, "duration: 1m", `duration: 1m\naccount: ${account}`);

  it.each([
    ["us-wset-2", "us-west-2"],
    ["eu-centrl-1", "eu-central-1"],
    ["US-EAST-1", "us-east-1"],
    ["ap-southeast-8", "ap-southeast-1"],
  ])("an unknown Region %s is an error with a did-you-mean (%s)", (region, near) => {
    const [p] = problemsOf(withAccount(`{ region: ${region} }`));
    expect([p.line, p.col, p.path]).toEqual([4, 20, "account.region"]);
    expect(p.message).toBe(
      `unknown Region "${region}"; did you mean "${near}"? (the Region picks the default quotas: 100,000, 20,000 or 10,000 symmetric req/s; the list is in docs/reference.md §1), ` +
        "or give every quota in account.quotas (missing: symmetric, rsa, ecc, customKeyStore)",
    );
  });

  it("says what a Region code looks like when nothing is close", () => {
    expect(problemsOf(withAccount("{ region: mars }"))[0].message).toMatch(/^unknown Region "mars"; expected an AWS Region code such as us-east-1 or eu-west-2 \(/);
  });

  it("still errs when some quotas are given, naming the missing ones", () => {
    expect(problemsOf(withAccount("{ region: us-wset-2, quotas: { symmetric: 5000, ecc: 10 } }"))[0].message).toMatch(/\(missing: rsa, customKeyStore\)$/);
  });

  it("is a warning when every quota is given", () => {
    const loaded = load(withAccount("{ region: us-wset-2, quotas: { symmetric: 5000, rsa: 1, ecc: 1, customKeyStore: 1 } }"));
    expect(loaded.warnings.map(brief)).toEqual([
      '4:20 account.region: unknown Region "us-wset-2"; did you mean "us-west-2"? (every quota is given in account.quotas, so the Region picks none of them; a live run against AWS needs a real Region; the list is in docs/reference.md §1)',
    ]);
    expect(loaded.base.account.quotas.symmetricPerSec).toBe(5000);
  });

  it.each([
    ["ap-southeast-5", 10_000],
    ["ap-southeast-7", 10_000],
    ["mx-central-1", 10_000],
    ["ca-west-1", 10_000],
    ["ap-east-2", 10_000],
    ["il-central-1", 10_000],
    ["us-gov-west-1", 10_000],
    ["cn-northwest-1", 10_000],
    ["eu-west-2", 20_000],
    ["eu-west-1", 100_000],
  ])("knows %s (symmetric quota %d, tiers unchanged)", (region, quota) => {
    const loaded = load(withAccount(`{ region: ${region} }`));
    expect(loaded.warnings).toEqual([]);
    expect(loaded.base.account.quotas.symmetricPerSec).toBe(quota);
  });
});
