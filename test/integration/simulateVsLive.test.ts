/**
 * One scenario longer than a minute, with a spike that straddles the first minute's end, run by
 * `simulate` and by `live` against moto_server: both results come from the one result builder, so
 * pools (names, quotas), peakPerSec, peakMinuteAvgPerSec, meanPerSec and the cost basis must agree
 * within what the two schedules' timing allows - no tolerance guessed.
 *
 * The allowance, derived: both runs share the Schedule, so arrival i is due at t_i in both. Each
 * operation is one GenerateDataKey attempt (no throttling, no retries, no client overhead in the
 * model: asserted). `simulate` counts the attempt in second floor(t_i); `live` in the second of the
 * run it was sent, some time in [t_i, t_i + D] where D <= the live run's largest latency from
 * scheduled arrival (the attempt is sent before the operation completes). So a second s of `live`
 * gains at most the arrivals due in [s - D, s) and loses at most those due in [max(s, s + 1 - D), s + 1);
 * an aligned minute or any window [a, b) the same with its own two edges. Arrivals due within
 * 0.01 ms of a second boundary may also land on the other side in `live`'s app timeline: wall-clock
 * milliseconds near 1.7e12 carry about 2.4e-4 ms of floating-point resolution.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runLive } from "../../src/live/index.js";
import { simulate } from "../../src/sim/simulate.js";
import { Schedule } from "../../src/plan/Schedule.js";
import type { RunResult } from "../../src/metrics/result.js";
import type { Scenario } from "../../src/scenario/types.js";
import { makeScenario } from "../fixtures/scenario.js";
import { credentials, mix } from "../live/support.js";
import { describeMoto } from "../support/moto.js";

const DURATION_MS = 100_000;

/** 40 GenerateDataKey/s, 80/s from 55 s to 65 s: the spike straddles the end of the first aligned minute. */
function spikeScenario(): Scenario {
  return makeScenario({
    name: "simulate-vs-live",
    durationMs: DURATION_MS,
    tenants: { count: 3 },
    keys: { boundary: "per-account" },
    clients: { instances: 2, retry: { mode: "standard", maxAttempts: 3, profile: "sdk-v3" } },
    account: { quotas: { symmetricPerSec: 1000 } },
    traffic: {
      arrivals: "poisson",
      shape: [
        { atMs: 0, ratePerSec: 40, rampMs: 0 },
        { atMs: 55_000, ratePerSec: 80, rampMs: 0 },
        { atMs: 65_000, ratePerSec: 40, rampMs: 0 },
      ],
      mix: [mix("kms:GenerateDataKey", 1)] as never,
    },
  });
}

/** Arrival times of the shared schedule, ms. */
function arrivalTimesMs(s: Scenario): number[] {
  const sched = new Schedule(s);
  const out: number[] = [];
  while (sched.next()) out.push(sched.timeMs);
  return out;
}

/** Arrivals due in [fromMs, toMs). */
const dueIn = (times: number[], fromMs: number, toMs: number): number => times.filter((t) => t >= fromMs && t < toMs).length;

/** The range `live`'s count of window [aSec, bSec) can take, given the simulated count and D. */
function windowRange(times: number[], simCount: number, aSec: number, bSec: number, dMs: number): [number, number] {
  const a = aSec * 1000, b = bSec * 1000;
  return [simCount - dueIn(times, Math.max(a, b - dMs), b), simCount + dueIn(times, a - dMs, a)];
}

const sum = (xs: number[], from: number, to: number): number => xs.slice(from, to).reduce((acc, x) => acc + x, 0);

function expectWithin(value: number, [lo, hi]: [number, number], what: string): void {
  expect(value, `${what}: ${value} outside [${lo}, ${hi}]`).toBeGreaterThanOrEqual(lo - 1e-9);
  expect(value, `${what}: ${value} outside [${lo}, ${hi}]`).toBeLessThanOrEqual(hi + 1e-9);
}

describeMoto("simulate and live agree on the contract's pool fields (moto_server)", (endpoint) => {
  it(
    "same pools, quotas, 1-s peak, aligned-minute peak, mean and cost basis, within the schedules' timing",
    async () => {
      const scenario = spikeScenario();
      const sim: RunResult = simulate(scenario, { series: true, savings: false });
      const out = await runLive({
        scenario,
        endpointUrl: endpoint(),
        yes: true,
        resultsDir: mkdtempSync(join(tmpdir(), "kmsplan-vs-")),
        credentials,
        skipAccountMetrics: true,
      });
      const live = out.result!;
      expect(live.live.complete).toBe(true);

      // Preconditions of the derivation: one attempt per operation on both sides, nothing failed or dropped.
      const times = arrivalTimesMs(scenario);
      expect(sim.app.operations).toBe(times.length);
      expect(live.live.schedule.started).toBe(times.length);
      for (const r of [sim, live]) {
        expect(r.app.failed).toBe(0);
        expect(r.kms.retries).toBe(0);
        expect(r.kms.throttled).toBe(0);
        expect(r.kms.requests).toBe(times.length);
      }
      expect(scenario.latency.client.p99Ms).toBe(0);
      // D: the attempt is sent before its operation completes; +1 ms for the histogram's microsecond rounding.
      const dMs = live.app.latencyMs.max + 1;
      expect(dMs).toBeGreaterThan(0);

      // Pools: the same names, in the same order, with the same quotas.
      expect(live.kms.pools.map((p) => [p.pool, p.quotaPerSec])).toEqual(sim.kms.pools.map((p) => [p.pool, p.quotaPerSec]));
      expect(sim.kms.pools.map((p) => p.pool)).toEqual(["symmetric"]);
      const [sp] = sim.kms.pools;
      const [lp] = live.kms.pools;
      const simPerSec = sim.series![0].requestsPerSec;
      const livePerSec = live.series![0].requestsPerSec;
      expect(simPerSec).toHaveLength(100);
      expect(livePerSec).toHaveLength(100);

      // Every second, then the fields built from them.
      for (let s = 0; s < 100; s++) expectWithin(livePerSec[s], windowRange(times, simPerSec[s], s, s + 1, dMs), `second ${s}`);
      const peakRange: [number, number] = [0, 0];
      for (let s = 0; s < 100; s++) {
        const [lo, hi] = windowRange(times, simPerSec[s], s, s + 1, dMs);
        peakRange[0] = Math.max(peakRange[0], lo);
        peakRange[1] = Math.max(peakRange[1], hi);
      }
      expectWithin(lp.peakPerSec, peakRange, "peakPerSec");
      // The aligned minute [0, 60) is the only whole minute of the 100-s window.
      const [mLo, mHi] = windowRange(times, sum(simPerSec, 0, 60), 0, 60, dMs);
      expectWithin(lp.peakMinuteAvgPerSec, [mLo / 60, mHi / 60], "peakMinuteAvgPerSec");
      expect(sp.peakMinuteAvgPerSec).toBe(sum(simPerSec, 0, 60) / 60);
      const [wLo, wHi] = windowRange(times, sp.requests, 0, 100, dMs);
      expectWithin(lp.meanPerSec, [wLo / 100, wHi / 100], "meanPerSec");
      expectWithin(lp.requests, [wLo, wHi], "pool requests");
      // A sliding 60-s window would see the whole spike: the aligned minute must not.
      const sliding = Math.max(...Array.from({ length: 41 }, (_, i) => sum(simPerSec, i, i + 60) / 60));
      expect(sliding - sp.peakMinuteAvgPerSec).toBeGreaterThan((mHi - mLo) / 60);

      console.info(
        `simulate vs live (D = ${dMs.toFixed(1)} ms): peakPerSec ${sp.peakPerSec} / ${lp.peakPerSec} [${peakRange}], ` +
          `peakMinuteAvgPerSec ${sp.peakMinuteAvgPerSec.toFixed(3)} / ${lp.peakMinuteAvgPerSec.toFixed(3)} [${(mLo / 60).toFixed(3)}, ${(mHi / 60).toFixed(3)}] ` +
          `(sliding 60 s: ${sliding.toFixed(3)}), meanPerSec ${sp.meanPerSec} / ${lp.meanPerSec} [${wLo / 100}, ${wHi / 100}]`,
      );

      // Cost: the same mean served rate (every attempt of both runs), and the last minute within its edges.
      expect(live.cost.basis).toEqual(sim.cost.basis);
      expect(live.cost.monthlyUsd).toEqual(sim.cost.monthlyUsd);
      const [eLo, eHi] = windowRange(times, sum(simPerSec, 40, 100), 40, 100, dMs);
      expectWithin(live.cost.endOfRun!.requestsPerSec, [eLo / 60, eHi / 60], "endOfRun.requestsPerSec");

      // Timeline: operations by the second they were due, which is the schedule's in both.
      const simOps = sim.timeline!.appOpsPerSec;
      const liveOps = live.timeline!.appOpsPerSec;
      expect(simOps).toHaveLength(100);
      for (let s = 0; s < 100; s++) {
        const edge = dueIn(times, s * 1000 - 0.01, s * 1000 + 0.01) + dueIn(times, (s + 1) * 1000 - 0.01, (s + 1) * 1000 + 0.01);
        expect(Math.abs(liveOps[s] - simOps[s]), `app ops in second ${s}`).toBeLessThanOrEqual(edge);
      }
      expect(sum(liveOps, 0, 100)).toBe(times.length);
      expect(live.timeline!.appFailedPerSec.every((n) => n === 0)).toBe(true);
      expect(live.timeline!.retriesPerSec.every((n) => n === 0)).toBe(true);
    },
    240_000,
  );
});
