import { StandardRetryStrategy } from "@smithy/core/retry";
import { describe, expect, it } from "vitest";
import { createRetryModel, NoRetryModel, StandardRetryModel } from "../../../src/model/retry/index.js";
import { RETRY_PROFILES } from "../../../src/model/retry/profiles.js";
import { ErrorClass } from "../../../src/model/retry/types.js";
import { Random } from "../../../src/plan/Random.js";

const V3 = RETRY_PROFILES["sdk-v3"];

/** Uniforms given in advance; counts draws. */
class FixedRandom extends Random {
  draws = 0;
  constructor(private readonly u = 0.5) {
    super(1);
  }
  override next(): number {
    this.draws++;
    return this.u;
  }
}

describe("StandardRetryModel: decision and budget", () => {
  it("drains 500 tokens in exactly 100 throttled retries, then refuses on budget", () => {
    const m = new StandardRetryModel(3, V3);
    const rng = new FixedRandom();
    for (let k = 0; k < 100; k++) {
      expect(m.onError(0, 1, ErrorClass.Throttling, rng)).toBe(500);
      expect(m.lastRetryCost).toBe(5);
    }
    expect(m.capacity).toBe(0);
    expect(m.onError(0, 1, ErrorClass.Throttling, rng)).toBe(-1);
    expect(m.budgetRefused).toBe(true);
    expect(rng.draws).toBe(100); // no draw for a refused retry
  });

  it("refills by 1 per success without retries and never above 500", () => {
    const m = new StandardRetryModel(3, V3);
    const rng = new FixedRandom();
    for (let k = 0; k < 100; k++) m.onError(0, 1, ErrorClass.Throttling, rng);
    for (let k = 0; k < 4; k++) m.onSuccess(0, 0);
    expect(m.capacity).toBe(4);
    expect(m.onError(0, 1, ErrorClass.Throttling, rng)).toBe(-1);
    m.onSuccess(0, 0);
    expect(m.onError(0, 1, ErrorClass.Throttling, rng)).toBe(500);
    const full = new StandardRetryModel(3, V3);
    full.onSuccess(0, 0);
    full.onSuccess(0, 5);
    expect(full.capacity).toBe(500);
  });

  it("a success after retries refunds the last retry's cost, min(500, capacity + cost)", () => {
    const m = new StandardRetryModel(3, V3);
    const rng = new FixedRandom();
    m.onError(0, 1, ErrorClass.Throttling, rng); // 495
    m.onError(0, 2, ErrorClass.Transient, rng); // 481
    expect(m.capacity).toBe(481);
    m.onSuccess(0, m.lastRetryCost); // + 14
    expect(m.capacity).toBe(495);
    m.onError(0, 1, ErrorClass.Throttling, rng); // 490
    m.onSuccess(0, 5);
    m.onSuccess(0, 14); // 495 + 14 -> capped
    expect(m.capacity).toBe(500);
  });

  it("transient retries cost 14 (2026) and 10 (classic); throttled ones 5 in both", () => {
    const rng = new FixedRandom();
    const m = new StandardRetryModel(3, V3);
    for (let k = 0; k < 35; k++) expect(m.onError(0, 1, ErrorClass.Transient, rng)).toBeGreaterThanOrEqual(1);
    expect(m.capacity).toBe(10);
    expect(m.onError(0, 1, ErrorClass.Transient, rng)).toBe(-1);
    expect(m.budgetRefused).toBe(true);
    expect(m.onError(0, 1, ErrorClass.Throttling, rng)).toBe(500);
    expect(m.budgetRefused).toBe(false);
    const c = new StandardRetryModel(3, RETRY_PROFILES["sdk-v3-classic"]);
    c.onError(0, 1, ErrorClass.Transient, rng);
    c.onError(0, 1, ErrorClass.Throttling, rng);
    expect(c.capacity).toBe(485);
  });

  it.each([
    [ErrorClass.ServerError, "server error"],
    [ErrorClass.ClientError, "client error"],
  ])("class %i (%s) is never retried and costs nothing", (cls) => {
    const m = new StandardRetryModel(3, V3);
    const rng = new FixedRandom();
    expect(m.onError(0, 1, cls, rng)).toBe(-1);
    expect(m.budgetRefused).toBe(false);
    expect(m.capacity).toBe(500);
    expect(rng.draws).toBe(0);
  });

  it("maxAttempts 1: no retries, budget untouched, not a budget refusal", () => {
    const m = new StandardRetryModel(1, V3);
    expect(m.onError(0, 1, ErrorClass.Throttling, new FixedRandom())).toBe(-1);
    expect(m.budgetRefused).toBe(false);
    expect(m.capacity).toBe(500);
  });

  it("maxAttempts 5: four retries with doubling backoff bases, then attempts are exhausted", () => {
    const m = new StandardRetryModel(5, V3);
    const rng = new FixedRandom(0.999);
    const waits = [1, 2, 3, 4].map((a) => m.onError(0, a, ErrorClass.Throttling, rng));
    expect(waits).toEqual([999, 1998, 3996, 7992]);
    expect(m.onError(0, 5, ErrorClass.Throttling, rng)).toBe(-1);
    expect(m.budgetRefused).toBe(false);
    expect(m.capacity).toBe(480);
  });

  it("a 0 ms backoff is recorded as 0 but waits 1 ms (Node's setTimeout minimum)", () => {
    const m = new StandardRetryModel(3, V3);
    expect(m.onError(0, 1, ErrorClass.Throttling, new FixedRandom(0))).toBe(1);
    expect(m.lastBackoffMs).toBe(0);
    expect(m.acquireSendDelayMs(0)).toBe(0);
  });

  it("rejects maxAttempts that are not integers >= 1", () => {
    expect(() => new StandardRetryModel(0, V3)).toThrow(TypeError);
    expect(() => new StandardRetryModel(2.5, V3)).toThrow(TypeError);
  });
});

describe("mode off", () => {
  it("one attempt per operation whatever the error", () => {
    const m = createRetryModel("off", 3, "sdk-v3");
    expect(m).toBeInstanceOf(NoRetryModel);
    const rng = new FixedRandom();
    for (const cls of [ErrorClass.Throttling, ErrorClass.Transient, ErrorClass.ServerError]) {
      expect(m.onError(0, 1, cls, rng)).toBe(-1);
      expect(m.budgetRefused).toBe(false);
    }
    m.onSuccess(0, 0);
    expect([m.capacity, m.acquireSendDelayMs(0), rng.draws]).toEqual([500, 0, 0]);
  });
});

describe("StandardRetryModel vs the real StandardRetryStrategy", () => {
  const CLASSES = [ErrorClass.Throttling, ErrorClass.Transient, ErrorClass.ServerError, ErrorClass.ClientError] as const;
  const TYPES = ["THROTTLING", "TRANSIENT", "SERVER_ERROR", "CLIENT_ERROR"] as const;

  it.each([1, 2, 3])("random interleaved operations (seed %i): same decisions and capacity after every step", async (seed) => {
    const rng = Random.stream(seed, "standard-vs-real");
    const maxAttempts = 2 + (seed % 3);
    // Backoff 0 keeps the real strategy's sleeps at 1 ms; the decision logic is what is compared.
    const real = new StandardRetryStrategy({
      maxAttempts,
      backoff: { computeNextBackoffDelay: () => 0, setDelayBase: () => {} },
    });
    const model = new StandardRetryModel(maxAttempts, V3);
    type Op = { token: Awaited<ReturnType<StandardRetryStrategy["acquireInitialRetryToken"]>>; attempts: number; cost: number };
    const open: Op[] = [];
    let refusals = 0;
    let minCapacity = 500;
    for (let step = 0; step < 600; step++) {
      if (open.length === 0 || (open.length < 6 && rng.next() < 0.3)) {
        open.push({ token: await real.acquireInitialRetryToken(""), attempts: 1, cost: 0 });
        continue;
      }
      const k = rng.int(open.length);
      const op = open[k];
      // Mostly throttles, so the budget runs dry and refills several times.
      const r = rng.next();
      if (r < 0.25) {
        real.recordSuccess(op.token);
        model.onSuccess(0, op.cost);
        open.splice(k, 1);
      } else {
        const c = r < 0.8 ? 0 : r < 0.9 ? 1 : r < 0.95 ? 2 : 3;
        let realRetried = true;
        try {
          op.token = await real.refreshRetryTokenForRetry(op.token, { errorType: TYPES[c] });
        } catch {
          realRetried = false;
        }
        const wait = model.onError(0, op.attempts, CLASSES[c], rng);
        expect(wait >= 0).toBe(realRetried);
        if (realRetried) {
          op.attempts++;
          op.cost = model.lastRetryCost;
          expect(op.token.getRetryCost()).toBe(op.cost);
        } else {
          refusals++;
          open.splice(k, 1);
        }
      }
      expect(model.capacity).toBe(real.getCapacity());
      minCapacity = Math.min(minCapacity, model.capacity);
    }
    expect(minCapacity).toBeLessThan(5); // the budget ran dry at least once
    expect(refusals).toBeGreaterThan(10);
  });
});
