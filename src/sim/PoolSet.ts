/**
 * The account's quota pools during a run: one Throttle each (the same code the emulator uses) plus
 * per-second counters of requests and throttles, from which the result builder derives mean, 1-s
 * peak, busiest aligned minute (what CloudWatch AWS/Usage shows) and seconds throttled. The pools
 * are the scenario's (`requestClassTable`), all of them from the start.
 *
 * A request draws one token from every pool it belongs to and is admitted only when all have one
 * (e.g. symmetric + its custom key store); it then takes one from each. A throttled request counts
 * against the pool(s) that had no token.
 */
import type { Scenario } from "../scenario/types.js";
import { createThrottle, type Throttle } from "../model/Throttle.js";
import type { PoolInfo } from "../model/requestClasses.js";

export class PoolSet {
  readonly names: string[] = [];
  readonly quotas: number[] = [];
  private readonly throttles: Throttle[] = [];
  /** Per pool, per second: requests that reached the pool, and those throttled. */
  readonly requestsPerSec: Int32Array[] = [];
  readonly throttledPerSec: Int32Array[] = [];
  private readonly seconds: number;

  /** `seconds`: length of the per-second counters; later requests count in the last second. */
  constructor(scenario: Scenario, pools: readonly PoolInfo[], seconds: number) {
    this.seconds = seconds;
    for (const p of pools) {
      this.names.push(p.name);
      this.quotas.push(p.quotaPerSec);
      this.throttles.push(createThrottle(p.quotaPerSec, scenario.account.throttle));
      this.requestsPerSec.push(new Int32Array(seconds));
      this.throttledPerSec.push(new Int32Array(seconds));
    }
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
