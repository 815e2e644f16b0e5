/**
 * `npm run calibrate:limiter`: which waiter the SDK's adaptive rate limiter serves first, measured.
 *
 * Drives the real `DefaultRateLimiter` of @smithy/core (fill rate held fixed, so only the waiters'
 * order is under test) with Poisson arrivals at 1.5x the fill rate for 10 s and 0.6x for the next
 * 10 s, in real time, and records each caller's wait from its scheduled arrival. Then replays the
 * same arrivals through a token bucket whose grants go out in three orders - first in first out, a
 * uniform draw, and kmsplan's `WaitQueues` (the model `simulate` uses) - and prints limiter wait
 * p50 / p90 / p99 for each. The table in src/sim/WaitQueues.ts comes from this script.
 *
 * Usage: node dist/bench/limiterOrder.js [fill/s arrivals/s seed] ...   (default: 100 150 1, 50 80 1, 200 300 1)
 */
import { DefaultRateLimiter } from "@smithy/core/retry";
import { Random } from "../plan/Random.js";
import { WaitQueues } from "../sim/WaitQueues.js";

interface Case {
  fill: number;
  arrivals: number;
  seed: number;
}

function arrivalTimes(c: Case): Float64Array {
  const rng = Random.stream(c.seed, "limiter-order-arrivals");
  const out: number[] = [];
  for (let t = 0; ; ) {
    t += rng.exp1() / (t < 10 ? c.arrivals : c.fill * 0.6);
    if (t >= 20) break;
    out.push(t);
  }
  return Float64Array.from(out);
}

/** Real SDK: each arrival calls getSendToken at its scheduled time; wait from schedule, ms. */
async function sdkWaits(c: Case, at: Float64Array): Promise<Float64Array> {
  const limiter = new DefaultRateLimiter();
  // Holding the fill rate: the state updateClientSendingRate would set after a throttle, frozen.
  const l = limiter as unknown as { enabled: boolean; fillRate: number; maxCapacity: number; availableTokens: number };
  l.enabled = true;
  l.fillRate = c.fill;
  l.maxCapacity = c.fill;
  l.availableTokens = 0;
  const waits = new Float64Array(at.length);
  const t0 = performance.now() + 100;
  let done = 0;
  await new Promise<void>((resolve) => {
    at.forEach((a, i) => {
      const due = t0 + a * 1000;
      setTimeout(
        () => {
          void limiter.getSendToken().then(() => {
            waits[i] = performance.now() - due;
            if (++done === at.length) resolve();
          });
        },
        Math.max(0, due - performance.now()),
      );
    });
  });
  return waits;
}

type Order = "fifo" | "uniform" | "model";

/** The same arrivals through a token bucket (fill c.fill, no burst at start), grants in `order`. */
function modelWaits(c: Case, at: Float64Array, order: Order): Float64Array {
  const waits = new Float64Array(at.length);
  const q = new WaitQueues(1, order === "model" ? undefined : 0);
  const rng = Random.stream(c.seed, "limiter-order-draw");
  let tokens = 0;
  let last = 0;
  const refill = (t: number): void => {
    tokens = Math.min(c.fill, tokens + (t - last) * c.fill);
    last = t;
  };
  let i = 0;
  while (i < at.length || q.size(0) > 0) {
    const next = i < at.length ? at[i] : Infinity;
    const grant = q.size(0) > 0 ? last + (1 - tokens) / c.fill : Infinity;
    if (next < grant) {
      refill(next);
      if (q.size(0) === 0 && tokens >= 1) {
        tokens -= 1;
        waits[i] = 0;
      } else q.push(0, i);
      i++;
      continue;
    }
    refill(grant);
    tokens = Math.max(0, tokens - 1);
    const who = order === "fifo" ? q.shift(0) : q.draw(0, rng);
    waits[who] = (grant - at[who]) * 1000;
  }
  return waits;
}

function quantiles(w: Float64Array): string {
  const s = Float64Array.from(w).sort();
  const at = (p: number): string => s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(0).padStart(6);
  return `${at(0.5)} ${at(0.9)} ${at(0.99)}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).map(Number);
  const cases: Case[] = [];
  for (let k = 0; k + 2 < args.length; k += 3) cases.push({ fill: args[k], arrivals: args[k + 1], seed: args[k + 2] });
  if (args.length > 0 && (cases.length * 3 !== args.length || args.some((x) => !(Number.isFinite(x) && x > 0)))) {
    console.error("usage: limiterOrder [fill/s arrivals/s seed] ...  (positive numbers, three per case)");
    process.exit(2);
  }
  if (cases.length === 0) cases.push({ fill: 100, arrivals: 150, seed: 1 }, { fill: 50, arrivals: 80, seed: 1 }, { fill: 200, arrivals: 300, seed: 1 });
  console.log("limiter wait from scheduled arrival, ms: p50 p90 p99 (20 s of real time per case)");
  for (const c of cases) {
    const at = arrivalTimes(c);
    const sdk = await sdkWaits(c, at);
    console.log(`fill ${c.fill}/s, arrivals ${c.arrivals}/s then ${c.fill * 0.6}/s, seed ${c.seed}, ${at.length} calls`);
    console.log(`  real SDK        ${quantiles(sdk)}`);
    for (const o of ["fifo", "uniform", "model"] as const) console.log(`  ${(o === "model" ? "kmsplan model" : o).padEnd(15)} ${quantiles(modelWaits(c, at, o))}`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
