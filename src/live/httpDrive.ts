/**
 * The HTTP driver: runs the bundled tenant service and drives it with autocannon at the
 * scenario's mean rate (`overallRate`), alternating POST (encrypt + put) and GET (get + decrypt)
 * for tenants picked uniformly. autocannon is closed-loop with a rate cap: its latencies are not
 * corrected for coordinated omission (the sdk driver's are). Reported in `live.http`.
 */
import autocannon from "autocannon";
import { buildRateCurve, expectedArrivals } from "../plan/Schedule.js";
import type { InstanceClients } from "./InstanceClients.js";
import type { OpContext } from "./operations.js";
import { startTenantService } from "./tenantService.js";
import type { LiveInfo } from "./types.js";

/** autocannon connections: enough for the rate at ~50 ms per request, at most 100. */
export function connectionsFor(ratePerSec: number): number {
  return Math.max(1, Math.min(100, Math.ceil(ratePerSec * 0.05)));
}

export async function runHttpDrive(ctx: OpContext, instances: InstanceClients[], signal?: AbortSignal): Promise<NonNullable<LiveInfo["http"]>> {
  const s = ctx.scenario;
  const durationSec = Math.max(1, Math.round(s.durationMs / 1000));
  const ratePerSec = Math.max(1, Math.round(expectedArrivals(buildRateCurve(s.traffic.shape), s.durationMs / 1000) / (s.durationMs / 1000)));
  const tenants = s.tenants.count;
  const body = ctx.payload(Math.max(1, s.traffic.mix.find((m) => m.sizeBytes > 0)?.sizeBytes ?? 1024)).toString("base64");
  const service = await startTenantService(ctx, instances);
  try {
    const pick = (): number => Math.floor(Math.random() * tenants);
    let instance!: autocannon.Instance;
    const done = new Promise<autocannon.Result>((resolve, reject) => {
      const options: autocannon.Options = {
        url: service.url,
        duration: durationSec,
        overallRate: ratePerSec,
        connections: connectionsFor(ratePerSec),
        requests: [
          { method: "POST", setupRequest: (req) => ({ ...req, path: `/tenants/${pick()}/objects`, body }) },
          { method: "GET", setupRequest: (req) => ({ ...req, path: `/tenants/${pick()}/objects/latest` }) },
        ],
      };
      instance = autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
    });
    const onAbort = (): void => instance.stop();
    signal?.addEventListener("abort", onAbort, { once: true });
    const r = await done;
    signal?.removeEventListener("abort", onAbort);
    return {
      tool: "autocannon",
      targetRatePerSec: ratePerSec,
      durationSec: r.duration,
      requests: r.requests.total,
      non2xx: r.non2xx,
      errors: r.errors,
      latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, p99_9: r.latency.p99_9, max: r.latency.max, mean: r.latency.mean },
      byRoute: { ...service.stats },
    };
  } finally {
    await service.close();
  }
}
