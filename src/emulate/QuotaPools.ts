/**
 * The emulator's quota pools: one `Throttle` per pool, built with the simulator's own
 * `createThrottle`, so that a scenario is admitted by the emulator exactly as `simulate` predicts.
 *
 * A request draws one token from every pool `poolsFor` names (e.g. symmetric + store:0) and is
 * admitted only when all of them have one; a throttled request counts against each pool that had
 * none. Example, quota 5/s, burst 1 s, clock frozen at 0: requests 1-5 are admitted, request 6 is
 * throttled (pool symmetric: requests 6, throttled 1); 200 ms later one more token has refilled.
 */
import { createThrottle, type Throttle, type ThrottleSpec } from "../model/Throttle.js";
import {
  DEFAULT_CUSTOM_KEY_STORE_QUOTA,
  DEFAULT_ECC_QUOTA,
  DEFAULT_KEY_PAIR_QUOTAS,
  DEFAULT_RSA_QUOTA,
  defaultSymmetricQuota,
  quotaForPool,
} from "../model/quotas.js";
import type { Quotas } from "../scenario/types.js";
import type { PoolStats } from "./types.js";

export { quotaForPool };

/** Region defaults from the built-in table (src/model/quotas.ts). */
export function defaultQuotas(region: string): Quotas {
  return {
    symmetricPerSec: defaultSymmetricQuota(region),
    rsaPerSec: DEFAULT_RSA_QUOTA,
    eccPerSec: DEFAULT_ECC_QUOTA,
    customKeyStorePerSec: DEFAULT_CUSTOM_KEY_STORE_QUOTA,
    keyPairPerSec: { ...DEFAULT_KEY_PAIR_QUOTAS },
    source: "built-in defaults",
  };
}

/** A change of quotas: any rate, and key-pair rates by spec (validated by `QuotasPatchSchema` in adminApi.ts). */
export type QuotasPatch = Partial<Omit<Quotas, "keyPairPerSec" | "source">> & { keyPairPerSec?: Partial<Record<string, number>> };

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

interface Pool {
  name: string;
  quotaPerSec: number;
  throttle: Throttle;
  requests: number;
  throttled: number;
}

export class QuotaPools {
  private quotas: Quotas;
  private readonly spec: ThrottleSpec;
  private readonly now: () => number;
  private readonly pools = new Map<string, Pool>();

  constructor(quotas: Quotas, spec: ThrottleSpec, now: () => number) {
    this.quotas = quotas;
    this.spec = spec;
    this.now = now;
    this.pool("symmetric");
  }

  get currentQuotas(): Quotas {
    return this.quotas;
  }

  private pool(name: string): Pool {
    let p = this.pools.get(name);
    if (p === undefined) {
      const quotaPerSec = quotaForPool(this.quotas, name);
      p = { name, quotaPerSec, throttle: createThrottle(quotaPerSec, this.spec, this.now()), requests: 0, throttled: 0 };
      this.pools.set(name, p);
    }
    return p;
  }

  /** Admit one request on `names` at `nowMs`; true when every pool had a token (then one is taken from each). */
  admit(names: readonly string[], nowMs: number): boolean {
    if (names.length === 1) {
      const p = this.pool(names[0]);
      p.requests++;
      if (p.throttle.available(nowMs)) {
        p.throttle.take();
        return true;
      }
      p.throttled++;
      return false;
    }
    let ok = true;
    for (const name of names) {
      const p = this.pool(name);
      p.requests++;
      if (!p.throttle.available(nowMs)) {
        p.throttled++;
        ok = false;
      }
    }
    if (ok) for (const name of names) this.pool(name).throttle.take();
    return ok;
  }

  /** Zero the counters and start every throttle full again at the current time. */
  reset(): void {
    this.pools.clear();
    this.pool("symmetric");
  }

  /** New quotas (merged over the current ones, validated by the caller); throttles restart full. */
  setQuotas(patch: QuotasPatch): void {
    const { keyPairPerSec, ...rates } = patch;
    const pairs = { ...this.quotas.keyPairPerSec };
    for (const [spec, perSec] of Object.entries(keyPairPerSec ?? {})) if (perSec !== undefined) pairs[spec] = perSec;
    this.quotas = { ...this.quotas, ...definedOnly(rates), keyPairPerSec: pairs };
    for (const p of this.pools.values()) {
      p.quotaPerSec = quotaForPool(this.quotas, p.name);
      p.throttle = createThrottle(p.quotaPerSec, this.spec, this.now());
    }
  }

  stats(): PoolStats[] {
    return [...this.pools.values()].map((p) => ({
      pool: p.name,
      quotaPerSec: p.quotaPerSec,
      requests: p.requests,
      throttled: p.throttled,
    }));
  }
}
