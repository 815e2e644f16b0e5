/**
 * Calibration of RateLimiterModel against the real DefaultRateLimiter (@smithy/core 3.41.1), both
 * driven by the same scripted events on one virtual clock: the real class reads `Date.now`
 * (spied: it is the library under test, not our code) and sleeps through its static
 * `setTimeoutFn` test hook, which here queues timers on the same virtual event loop that runs the
 * model's waits. Timers fire at max(1, ceil(delay)) ms, Node's behaviour (integer-ms timer clock),
 * FIFO among equal times. After every event the full limiter state must be identical.
 */
import { DefaultRateLimiter } from "@smithy/core/retry";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RateLimiterModel } from "../../../src/model/retry/RateLimiterModel.js";
import { Random } from "../../../src/plan/Random.js";

type Ev = { atMs: number; kind: "acquire"; id: number } | { atMs: number; kind: "response"; throttled: boolean };

const FIELDS = [
  "enabled",
  "availableTokens",
  "lastMaxRate",
  "measuredTxRate",
  "requestCount",
  "fillRate",
  "maxCapacity",
  "lastThrottleTime",
  "lastTxRateBucket",
  "lastTimestamp",
  "timeWindow",
] as const;

function state(o: object): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (const f of FIELDS) r[f] = (o as Record<string, unknown>)[f];
  return r;
}

interface Timer {
  atMs: number;
  seq: number;
  fire: () => void;
}

/** A tiny virtual event loop: scripted events, then timers, in time order (events first at ties). */
class VirtualLoop {
  nowMs: number;
  private timers: Timer[] = [];
  private seq = 0;
  constructor(startMs: number) {
    this.nowMs = startMs;
  }
  /** `asNode`: apply Node's timer rounding (the real class); the model must return Node's wait itself. */
  setTimer(delayMs: number, fire: () => void, asNode: boolean): void {
    const d = asNode ? Math.max(1, Math.ceil(delayMs)) : delayMs;
    this.timers.push({ atMs: this.nowMs + d, seq: this.seq++, fire });
  }
  /** The earliest timer due at or before `untilMs`, removed; or null. */
  nextTimer(untilMs: number): Timer | null {
    let best = -1;
    for (let i = 0; i < this.timers.length; i++) {
      const t = this.timers[i];
      if (t.atMs <= untilMs && (best < 0 || t.atMs < this.timers[best].atMs || (t.atMs === this.timers[best].atMs && t.seq < this.timers[best].seq))) best = i;
    }
    return best < 0 ? null : this.timers.splice(best, 1)[0];
  }
  get pending(): number {
    return this.timers.length;
  }
}

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Runs `events` through the real limiter; returns grant times per acquire id and states after each event. */
async function runReal(startMs: number, events: Ev[]): Promise<{ granted: Map<number, number>; states: Record<string, unknown>[] }> {
  const loop = new VirtualLoop(startMs);
  vi.spyOn(Date, "now").mockImplementation(() => loop.nowMs);
  const hook = DefaultRateLimiter as unknown as { setTimeoutFn: (fn: () => void, d: number) => void };
  const saved = hook.setTimeoutFn;
  hook.setTimeoutFn = (fn, d) => loop.setTimer(d, fn, true);
  try {
    const real = new DefaultRateLimiter();
    const granted = new Map<number, number>();
    const states: Record<string, unknown>[] = [];
    const runTimersUntil = async (untilMs: number): Promise<void> => {
      for (let t = loop.nextTimer(untilMs); t !== null; t = loop.nextTimer(untilMs)) {
        loop.nowMs = t.atMs;
        t.fire();
        await flush();
        states.push(state(real));
      }
    };
    for (const ev of events) {
      await runTimersUntil(ev.atMs - 1e-9);
      loop.nowMs = ev.atMs;
      if (ev.kind === "acquire") {
        void real.getSendToken().then(() => granted.set(ev.id, loop.nowMs));
      } else {
        real.updateClientSendingRate(ev.throttled ? { errorType: "THROTTLING" } : {});
      }
      await flush();
      states.push(state(real));
    }
    await runTimersUntil(Infinity);
    return { granted, states };
  } finally {
    hook.setTimeoutFn = saved;
  }
}

/** The same through the model: an acquire re-calls acquireSendDelayMs after each wait. */
function runModel(startMs: number, events: Ev[]): { granted: Map<number, number>; states: Record<string, unknown>[] } {
  const loop = new VirtualLoop(startMs);
  const model = new RateLimiterModel(startMs);
  const granted = new Map<number, number>();
  const states: Record<string, unknown>[] = [];
  const acquire = (id: number): void => {
    const d = model.acquireSendDelayMs(loop.nowMs);
    if (d === 0) granted.set(id, loop.nowMs);
    else loop.setTimer(d, () => acquire(id), false);
  };
  const runTimersUntil = (untilMs: number): void => {
    for (let t = loop.nextTimer(untilMs); t !== null; t = loop.nextTimer(untilMs)) {
      loop.nowMs = t.atMs;
      t.fire();
      states.push(state(model));
    }
  };
  for (const ev of events) {
    runTimersUntil(ev.atMs - 1e-9);
    loop.nowMs = ev.atMs;
    if (ev.kind === "acquire") acquire(ev.id);
    else model.onResponse(ev.atMs, ev.throttled);
    states.push(state(model));
  }
  runTimersUntil(Infinity);
  return { granted, states };
}

const T0 = 1_800_000_000_123;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("RateLimiterModel vs the real DefaultRateLimiter", () => {
  it("a hand-made sequence: ramp, throttle, five concurrent waiters, responses and a throttle mid-wait", async () => {
    const events: Ev[] = [];
    let id = 0;
    // 30 request/response pairs 40 ms apart (25/s), limiter still disabled.
    for (let i = 0; i < 30; i++) {
      events.push({ atMs: T0 + 40 * i, kind: "acquire", id: id++ });
      events.push({ atMs: T0 + 40 * i + 15, kind: "response", throttled: false });
    }
    events.push({ atMs: T0 + 1250, kind: "response", throttled: true });
    for (let i = 0; i < 5; i++) events.push({ atMs: T0 + 1300, kind: "acquire", id: id++ });
    events.push({ atMs: T0 + 1420, kind: "response", throttled: false });
    events.push({ atMs: T0 + 1777, kind: "response", throttled: false });
    events.push({ atMs: T0 + 2100, kind: "response", throttled: true });
    for (let i = 0; i < 3; i++) events.push({ atMs: T0 + 2600 + 7 * i, kind: "acquire", id: id++ });
    for (let i = 0; i < 12; i++) events.push({ atMs: T0 + 3000 + 333 * i, kind: "response", throttled: false });
    const real = await runReal(T0, events);
    const model = runModel(T0, events);
    expect(model.states).toEqual(real.states);
    expect(model.granted).toEqual(real.granted);
    expect(real.granted.size).toBe(id);
    // The throttle enabled the bucket: the five concurrent acquires waited, one after another.
    const waits = [30, 31, 32, 33, 34].map((k) => real.granted.get(k)! - (T0 + 1300));
    // The throttle enabled the bucket at 0.7 x 22.72/s = 15.904/s: one token was left, the other
    // four waiters got theirs about 1000 / 15.904 = 63 ms apart.
    expect(waits).toEqual([0, 36, 99, 162, 217]);
  });

  it.each([1, 2, 3, 4, 5])("random event streams (seed %i): identical state after every event", async (seed) => {
    const rng = Random.stream(seed, "limiter");
    const events: Ev[] = [];
    let t = T0;
    let id = 0;
    for (let i = 0; i < 400; i++) {
      t += Math.floor(rng.exp1() * 60) + (rng.next() < 0.2 ? 0.5 : 0);
      if (rng.next() < 0.5) events.push({ atMs: t, kind: "acquire", id: id++ });
      else events.push({ atMs: t, kind: "response", throttled: rng.next() < 0.15 });
    }
    const real = await runReal(T0, events);
    const model = runModel(T0, events);
    expect(model.states.length).toBe(real.states.length);
    expect(model.states).toEqual(real.states);
    expect(model.granted).toEqual(real.granted);
    expect(real.states.at(-1)!.enabled).toBe(true);
  });
});
