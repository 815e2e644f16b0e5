/**
 * The account's quota pools during a run: one Throttle each (the same code the emulator uses) plus
 * per-second counters of requests and throttles, from which the report derives mean, 1-s peak,
 * 60-s average peak (what CloudWatch AWS/Usage shows) and seconds throttled.
 *
 * A request draws one token from every pool it belongs to and is admitted only when all have one
 * (e.g. symmetric + its custom key store); it then takes one from each. A throttled request counts
 * against the pool(s) that had no token.
 */
import type { Scenario } from "../scenario/types.js";
import { createThrottle, type Throttle } from "../model/Throttle.js";
import { quotaForPool } from "../model/quotas.js";

export class PoolSet {
  readonly names: string[] = [];
  readonly quotas: number[] = [];
  private readonly throttles: Throttle[] = [];
  /** Per pool, per second: requests that reached the pool, and those throttled. */
  readonly requestsPerSec: Int32Array[] = [];
  readonly throttledPerSec: Int32Array[] = [];
  private readonly seconds: number;
  private readonly scenario: Scenario;

  constructor(scenario: Scenario, seconds: number) {
    this.scenario = scenario;
    this.seconds = seconds;
  }

  /** Index of `name`, creating the pool on first use. */
  indexOf(name: string): number {
    let i = this.names.indexOf(name);
    if (i >= 0) return i;
    i = this.names.length;
    const quota = quotaForPool(this.scenario.account.quotas, name);
    this.names.push(name);
    this.quotas.push(quota);
    this.throttles.push(createThrottle(quota, this.scenario.account.throttle));
    this.requestsPerSec.push(new Int32Array(this.seconds));
    this.throttledPerSec.push(new Int32Array(this.seconds));
    return i;
  }

  /**
   * Try to admit one request at `nowMs` on pools `a` and `b` (b = -1 for a single pool).
   * Returns true when admitted. Counts the request per second either way.
   */
  admit(nowMs: number, a: number, b: number): boolean {
    let sec = Math.floor(nowMs / 1000);
    if (sec >= this.seconds) sec = this.seconds - 1;
    const ta = this.throttles[a];
    const okA = ta.available(nowMs);
    this.requestsPerSec[a][sec]++;
    if (b < 0) {
      if (okA) ta.take();
      else this.throttledPerSec[a][sec]++;
      return okA;
    }
    const tb = this.throttles[b];
    const okB = tb.available(nowMs);
    this.requestsPerSec[b][sec]++;
    if (okA && okB) {
      ta.take();
      tb.take();
      return true;
    }
    if (!okA) this.throttledPerSec[a][sec]++;
    if (!okB) this.throttledPerSec[b][sec]++;
    return false;
  }
}
