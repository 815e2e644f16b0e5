/**
 * The open-loop driver: starts the shared schedule's arrivals in order, never skips one silently
 * (started + dropped = planned), drops when the in-flight cap is hit, and stops on abort or when
 * `tick` returns a reason. No timing assertions: lag figures are in src/bench/liveSchedule.ts.
 */
import { describe, expect, it } from "vitest";
import { countArrivals, runArrivalLoop, type DueArrival } from "../../src/live/ArrivalLoop.js";
import { Schedule } from "../../src/plan/Schedule.js";
import { makeScenario } from "../fixtures/scenario.js";

const scenario = makeScenario({ durationMs: 300, tenants: { count: 5 }, clients: { instances: 3 }, traffic: { shape: [{ atMs: 0, ratePerSec: 1000, rampMs: 0 }] } });
const now = () => performance.now();

describe("runArrivalLoop", () => {
  it("starts every arrival of the shared Schedule, in order, with its tenant/instance/op", async () => {
    const seen: DueArrival[] = [];
    const startMs = now() + 5;
    const r = await runArrivalLoop({
      scenario, startMs, now, maxInFlight: 10_000, tickMs: 50, tick: () => null,
      start: async (a, lagMs) => {
        expect(lagMs).toBeGreaterThanOrEqual(0); // never started early
        seen.push(a);
      },
      drop: () => { throw new Error("no drop expected"); },
    });
    await Promise.all(r.inFlight);
    const s = new Schedule(scenario);
    const expected: { index: number; tenant: number; instance: number; opIndex: number; dueMs: number }[] = [];
    while (s.next()) expected.push({ index: s.index, tenant: s.tenant, instance: s.instance, opIndex: s.opIndex, dueMs: startMs + s.timeMs });
    expect(seen.map(({ index, tenant, instance, opIndex, dueMs }) => ({ index, tenant, instance, opIndex, dueMs }))).toEqual(expected);
    expect(r).toMatchObject({ planned: expected.length, started: expected.length, dropped: 0, notStarted: 0, stopReason: null });
    expect(countArrivals(scenario)).toBe(expected.length);
  });

  it("drops (and counts) arrivals once maxInFlight operations are running", async () => {
    const release: (() => void)[] = [];
    const dropped: number[] = [];
    const r = await runArrivalLoop({
      scenario, startMs: now(), now, maxInFlight: 7, tickMs: 50, tick: () => null,
      start: () => new Promise<void>((res) => release.push(res)), // never finishes during the run
      drop: (a) => dropped.push(a.index),
    });
    expect(r.started).toBe(7);
    expect(r.dropped).toBe(r.planned - 7);
    expect(dropped).toHaveLength(r.dropped);
    expect(dropped[0]).toBe(7);
    release.forEach((f) => f());
    await Promise.all(r.inFlight);
    expect(r.inFlight.size).toBe(0);
  });

  it("stops on abort and when tick returns a reason; the rest is counted as not started", async () => {
    const ac = new AbortController();
    ac.abort();
    const aborted = await runArrivalLoop({ scenario, startMs: now(), now, maxInFlight: 100, tickMs: 50, tick: () => null, start: async () => {}, drop: () => {}, signal: ac.signal });
    expect(aborted).toMatchObject({ stopReason: "aborted", started: 0, notStarted: countArrivals(scenario) });
    let n = 0;
    const budget = await runArrivalLoop({
      scenario, startMs: now(), now, maxInFlight: 100, tickMs: 0,
      tick: () => (n >= 20 ? "budget" : null),
      start: async () => void n++, drop: () => {},
    });
    expect(budget.stopReason).toBe("budget");
    expect(budget.started + budget.notStarted).toBe(budget.planned);
    expect(budget.notStarted).toBeGreaterThan(0);
  });
});
