/**
 * The HTTP driver: runs the bundled tenant service and drives it with autocannon, as far as
 * autocannon lets it follow the shared plan (src/plan/Schedule.ts):
 * - followed: WHICH requests. The n-th request sent is the schedule's arrival n (in sending
 *   order, across connections): its tenant, and its operation mapped to a route: encrypt and
 *   s3-put -> POST /tenants/:id/objects (Encryption SDK encrypt + PutObject), decrypt and s3-get ->
 *   GET /tenants/:id/objects/latest (GetObject + decrypt). The warm-up is run first, on its own,
 *   and kept out of the statistics, as in the sdk driver.
 * - not followed: WHEN. autocannon is closed-loop with a rate cap (`overallRate`): each window
 *   (warm-up, measured) runs at its mean rate, so ramps, steps and spikes of the shape are flattened
 *   and arrivals are not Poisson. `kms:*` mix entries are not sent (the service has no route for
 *   them). Latency is from the service's receipt of each request to its answer: not corrected for
 *   coordinated omission (the sdk driver's is, from the scheduled time).
 * `HTTP_DRIVER_LIMITS` says this in words; the result carries it as a warning.
 */
import autocannon from "autocannon";
import { buildRateCurve, expectedArrivals, Schedule } from "../plan/Schedule.js";
import type { Scenario } from "../scenario/types.js";
import type { InstanceClients } from "./InstanceClients.js";
import type { OpContext } from "./operations.js";
import { startTenantService, type ServiceRecord } from "./tenantService.js";
import type { LiveInfo } from "./types.js";

export { HTTP_DRIVER_LIMITS } from "./httpDriverLimits.js";

/**
 * autocannon connections: enough to hold the rate (`overallRate` caps it) at up to 250 ms per
 * request (a cold Encryption SDK call plus PutObject against moto_server takes 100-500 ms), at
 * least 2, at most 100. Example: 20/s -> 5 connections.
 */
export function connectionsFor(ratePerSec: number): number {
  return Math.max(2, Math.min(100, Math.ceil(ratePerSec * 0.25)));
}

export type HttpRoute = "POST" | "GET";

/** The route of a mix entry's op, or null when the tenant service has none (kms:*). */
export function routeOf(op: string): HttpRoute | null {
  if (op === "encrypt" || op === "s3-put") return "POST";
  if (op === "decrypt" || op === "s3-get") return "GET";
  return null;
}

/**
 * The schedule's arrivals as HTTP requests, one per call, in order: skips arrivals without a
 * route, and starts the schedule over when it runs out (autocannon may send a few more requests
 * than the schedule holds). Example: mix encrypt 0.5 / decrypt 0.5 -> POST and GET, about half each.
 */
export class ScheduledRequests {
  private schedule: Schedule;
  private readonly routes: (HttpRoute | null)[];
  /** Arrivals skipped because their op has no route, by mix label. */
  readonly skipped = new Map<string, number>();

  constructor(private readonly scenario: Scenario) {
    this.routes = scenario.traffic.mix.map((m) => (m.share > 0 ? routeOf(m.op) : null));
    if (!this.routes.some((r) => r !== null)) {
      throw new TypeError(`Expected a mix with encrypt, decrypt, s3-put or s3-get for the http driver, got ${scenario.traffic.mix.map((m) => m.label).join(", ")}`);
    }
    this.schedule = new Schedule(scenario);
  }

  next(): { route: HttpRoute; tenant: number } {
    for (;;) {
      if (!this.schedule.next()) {
        this.schedule = new Schedule(this.scenario);
        continue;
      }
      const route = this.routes[this.schedule.opIndex];
      if (route !== null) return { route, tenant: this.schedule.tenant };
      const label = this.scenario.traffic.mix[this.schedule.opIndex].label;
      this.skipped.set(label, (this.skipped.get(label) ?? 0) + 1);
    }
  }
}

/** Mean rate over [fromSec, toSec) of the shape, at least 1/s. */
function meanRate(scenario: Scenario, fromSec: number, toSec: number): number {
  const curve = buildRateCurve(scenario.traffic.shape);
  const n = expectedArrivals(curve, toSec) - expectedArrivals(curve, fromSec);
  return Math.max(1, Math.round(n / Math.max(toSec - fromSec, 1e-9)));
}

export interface HttpDriveOptions {
  signal?: AbortSignal;
  /** Called when the measured window starts (after the warm-up); returns that time (the service's clock, ms). */
  onMeasureStart: () => number;
  /** Each request the service answered (`measured` false during the warm-up). */
  record: (r: ServiceRecord) => void;
}

function runAutocannon(url: string, durationSec: number, ratePerSec: number, next: () => autocannon.Request, signal?: AbortSignal): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, duration: durationSec, overallRate: ratePerSec, connections: connectionsFor(ratePerSec), requests: [{ setupRequest: (req) => ({ ...req, ...next() }) }] },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    const onAbort = (): void => instance.stop();
    signal?.addEventListener("abort", onAbort, { once: true });
    instance.on("done", () => signal?.removeEventListener("abort", onAbort));
  });
}

export async function runHttpDrive(ctx: OpContext, instances: InstanceClients[], o: HttpDriveOptions): Promise<NonNullable<LiveInfo["http"]>> {
  const s = ctx.scenario;
  const warmupSec = s.warmupMs / 1000;
  const durationSec = s.durationMs / 1000;
  const measuredSec = Math.max(1, durationSec - warmupSec);
  const ratePerSec = meanRate(s, warmupSec, durationSec);
  const body = ctx.payload(Math.max(1, s.traffic.mix.find((m) => m.sizeBytes > 0)?.sizeBytes ?? 1024)).toString("base64");
  const plan = new ScheduledRequests(s);
  // A request belongs to the window in which the service received it.
  let measureFromMs = warmupSec > 0 ? Infinity : 0;
  const service = await startTenantService(ctx, instances, (r) => o.record({ ...r, measured: r.startMs >= measureFromMs }));
  const next = (): autocannon.Request => {
    const { route, tenant } = plan.next();
    return route === "POST" ? { method: "POST", path: `/tenants/${tenant}/objects`, body } : { method: "GET", path: `/tenants/${tenant}/objects/latest` };
  };
  try {
    if (warmupSec > 0) await runAutocannon(service.url, warmupSec, meanRate(s, 0, warmupSec), next, o.signal);
    measureFromMs = o.onMeasureStart();
    const r = o.signal?.aborted ? null : await runAutocannon(service.url, measuredSec, ratePerSec, next, o.signal);
    const l = r?.latency;
    return {
      tool: "autocannon",
      targetRatePerSec: ratePerSec,
      durationSec: r?.duration ?? 0,
      requests: r?.requests.total ?? 0,
      non2xx: r?.non2xx ?? 0,
      errors: r?.errors ?? 0,
      latencyMs: { p50: l?.p50 ?? 0, p90: l?.p90 ?? 0, p99: l?.p99 ?? 0, p99_9: l?.p99_9 ?? 0, max: l?.max ?? 0, mean: l?.mean ?? 0 },
      byRoute: { ...service.stats },
      notSent: Object.fromEntries(plan.skipped),
    };
  } finally {
    await service.close();
  }
}
