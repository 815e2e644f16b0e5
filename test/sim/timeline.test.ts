/**
 * What `simulate` adds with `--series` (the timeline over the measured window) and always (the cost
 * basis and the end-of-run rate): series add up to the totals they break down, start after the
 * warm-up, and change no other number.
 */
import { describe, expect, it } from "vitest";
import { simulate, simulateOnce } from "../../src/sim/simulate.js";
import type { MixEntry } from "../../src/scenario/types.js";
import { makeScenario } from "../fixtures/scenario.js";

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mixEntry = (o: Partial<MixEntry> & Pick<MixEntry, "op" | "label" | "share">): MixEntry => ({
  kmsOperation: null,
  sizeBytes: 0,
  streaming: false,
  keyPairSpec: null,
  readAge: { type: "fixed", ageMs: 0 },
  ...o,
});

/** 20 s at 2,400 ops/s (1,200 + 1,200 / 5 KMS requests/s, 144% of quota) after a 2-s warm-up: retries, failures, cache hits and misses. */
const overloaded = makeScenario({
  durationMs: 20_000,
  warmupMs: 2000,
  clients: { instances: 2 },
  cache: { type: "local", maxAgeMs: 60_000, maxMessagesEncrypted: 5, maxBytesEncrypted: 1e9, capacity: 100 },
  traffic: {
    shape: [{ atMs: 0, ratePerSec: 2400, rampMs: 0 }],
    mix: [
      mixEntry({ op: "encrypt", label: "encrypt", share: 0.5, sizeBytes: 100 }),
      mixEntry({ op: "kms", kmsOperation: "GenerateDataKey", label: "kms:GenerateDataKey", share: 0.5 }),
    ],
  },
});

describe("simulate: timeline and cost basis", () => {
  it("the timeline covers the measured window and adds up to the totals", () => {
    const r = simulate(overloaded, { series: true, savings: false });
    const t = r.timeline!;
    expect(t.startSec).toBe(2);
    for (const s of [t.appOpsPerSec, t.appFailedPerSec, t.retriesPerSec, t.cacheHitsPerSec, t.cacheMissesPerSec]) expect(s).toHaveLength(18);
    expect(r.series![0].requestsPerSec).toHaveLength(18);
    // Operations arrive (and look up the cache) inside the window; every one of them is counted.
    expect(sum(t.appOpsPerSec)).toBe(r.app.operations);
    expect(sum(t.appFailedPerSec)).toBe(r.app.failed);
    expect(r.app.failed).toBeGreaterThan(0);
    expect(sum(t.cacheHitsPerSec)).toBe(r.cache.hits);
    expect(sum(t.cacheMissesPerSec)).toBe(r.cache.misses);
    expect(r.cache.hits).toBeGreaterThan(0);
    // Retries after the window's end (of its last operations) count in kms.retries only.
    expect(sum(t.retriesPerSec)).toBeGreaterThan(0.9 * r.kms.retries);
    expect(sum(t.retriesPerSec)).toBeLessThanOrEqual(r.kms.retries);
  });

  it("keeping the timeline changes no other number", () => {
    const withSeries = simulateOnce(overloaded, { series: true }).result;
    const without = simulateOnce(overloaded).result;
    expect(without.timeline).toBeUndefined();
    delete withSeries.timeline;
    delete withSeries.series;
    expect(JSON.stringify(withSeries)).toBe(JSON.stringify(without));
  });

  it("a ramp is priced at its mean and, at its end, at its last minute's rate", () => {
    // Uniform arrivals ramping 0 -> 800/s over 120 s, well under quota: 48,000 GenerateDataKey,
    // 400/s on average, 36,000 of them in the last minute (600/s).
    const r = simulate(
      makeScenario({ durationMs: 120_000, account: { quotas: { symmetricPerSec: 10_000 } }, traffic: { arrivals: "uniform", shape: [{ atMs: 0, ratePerSec: 800, rampMs: 120_000 }] } }),
      { savings: false },
    );
    expect(r.kms.throttled).toBe(0);
    expect(r.cost.basis).toEqual({ rate: "window-mean", requestsPerSec: r.kms.requests / 120, windowSec: 120 });
    expect(r.cost.basis!.requestsPerSec).toBeCloseTo(400, 1);
    expect(r.cost.endOfRun!.windowSec).toBe(60);
    expect(Math.abs(r.cost.endOfRun!.requestsPerSec - 600)).toBeLessThanOrEqual(1 / 60);
    expect(r.cost.endOfRun!.monthlyUsd.requests / r.cost.monthlyUsd.requests).toBeCloseTo(1.5, 2);
  });
});
