/**
 * Every modelling assumption the simulator makes, stated once, included in every result and in
 * the README. Where AWS does not publish a behaviour, the assumption says which way it errs.
 */
import type { Scenario } from "../scenario/types.js";

export function assumptionsFor(s: Scenario): string[] {
  const out: string[] = [];
  const t = s.account.throttle;
  out.push(
    t.model === "token-bucket"
      ? `Quota enforcement: token bucket per pool, ${t.burstSeconds} s of quota deep, starting full (AWS publishes only "per second"; try throttle.model fixed-window for sensitivity).`
      : `Quota enforcement: fixed ${t.windowMs}-ms windows per pool.`,
  );
  out.push(`Quotas: ${s.account.quotas.source}.`);
  out.push("Throttled requests are not billed; a throttled request costs the latency.throttled time before the SDK sees ThrottlingException.");
  const r = s.clients.retry;
  out.push(
    r.mode === "off"
      ? "SDK retries off: one attempt per call."
      : `SDK retries: ${r.mode} mode, ${r.maxAttempts} attempts, profile ${r.profile} (reproduces @smithy/core ${r.profile === "sdk-v3" ? "3.41.1, 2026 constants" : "before 3.40.0, classic constants"}); one retry budget per client, ${s.clients.instances} instance(s) x (KMS client + S3 client).`,
  );
  if (s.traffic.mix.some((m) => m.op === "s3-put" || m.op === "s3-get")) {
    out.push("S3 SSE-KMS: S3 makes its KMS call when the request arrives; a throttled KMS call returns 503 SlowDown after latency.throttled, which the caller's S3 client retries as throttling; S3 does not retry internally.");
    if (s.s3.bucketKeys) {
      out.push(`Bucket Keys: one KMS call per (bucket, key, requester) per ${s.s3.bucketKeyLifetimeMs / 1000} s, separately for writes (GenerateDataKey) and reads (Decrypt); S3 shares a bucket key being fetched (no stampede). The lifetime is not published by AWS.`);
    }
  }
  if (s.cache) {
    out.push(
      s.cache.type === "local"
        ? "Encryption SDK caching CMM (5.0.2): one cache per instance, entries per (instance, tenant context, key); no coalescing of in-flight misses (concurrent misses each call KMS); a cache hit makes no KMS call, and takes only the local time of latency.operations when the scenario gives it (none otherwise)."
        : "Hierarchical keyring: one KMS call per branch key per instance per TTL; DynamoDB key-store reads are not modelled.",
    );
  }
  out.push("Latency: lognormal service times fitted to the scenario's p50 and p99; app latency of every completed operation (failed ones included, as live measures it), from scheduled arrival to completion, backoff included.");
  out.push("Monthly cost: the measured request rate extrapolated to a 30-day month; rotation at its steady state ($1 for each of the first two rotations).");
  return out;
}
