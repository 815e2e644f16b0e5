/**
 * WrittenScenario -> Scenario: units converted (ms, bytes, req/s), defaults applied (defaults.ts),
 * shares normalised to sum 1. Assumes the input passed the schema; cross-field rules (rules.ts)
 * run on the result. Never throws for schema-valid input (a zero weight sum gives NaN shares,
 * which the rules report).
 */
import { DEFAULT_CUSTOM_KEY_STORE_QUOTA, DEFAULT_ECC_QUOTA, DEFAULT_KEY_PAIR_QUOTAS, DEFAULT_RSA_QUOTA, QUOTA_SOURCE, defaultSymmetricQuota } from "../model/quotas.js";
import { DEFAULTS } from "./defaults.js";
import type { WrittenMixEntry, WrittenScenario } from "./schema.js";
import type { CacheSpec, LatencySpec, MixEntry, OpKind, Quotas, RateStep, ReadAgeSpec, RequestersSpec, Scenario } from "./types.js";
import { durationMs, sizeBytes } from "./units.js";

type Written<K extends keyof WrittenScenario> = NonNullable<WrittenScenario[K]>;

/** Quotas: the Region table, overridden key by key; `source` says which came from where. */
export function normaliseQuotas(account: Written<"account">): Quotas {
  const region = account.region ?? DEFAULTS.account.region;
  const q = account.quotas ?? {};
  const given: string[] = (["symmetric", "rsa", "ecc", "customKeyStore"] as const).filter((k) => q[k] !== undefined);
  if (q.keyPair && Object.keys(q.keyPair).length) given.push("keyPair");
  const source =
    given.length === 0 ? QUOTA_SOURCE : given.length === 5 ? "scenario" : `scenario (${given.join(", ")}); others: ${QUOTA_SOURCE}`;
  return {
    symmetricPerSec: q.symmetric ?? defaultSymmetricQuota(region),
    rsaPerSec: q.rsa ?? DEFAULT_RSA_QUOTA,
    eccPerSec: q.ecc ?? DEFAULT_ECC_QUOTA,
    customKeyStorePerSec: q.customKeyStore ?? DEFAULT_CUSTOM_KEY_STORE_QUOTA,
    keyPairPerSec: { ...DEFAULT_KEY_PAIR_QUOTAS, ...(q.keyPair as Record<string, number> | undefined) },
    source,
  };
}

/**
 * Weights -> shares that sum to 1: w / sum. When the sum overflows (weights near 1e308), the
 * weights are first divided by the largest, so shares stay finite. A zero sum gives NaN shares,
 * which the rules report. Example: [1e308, 1e308] -> [0.5, 0.5].
 */
function toShares(weights: number[]): number[] {
  let total = weights.reduce((sum, w) => sum + w, 0);
  if (Number.isFinite(total)) return weights.map((w) => w / total);
  const largest = weights.reduce((m, w) => (w > m ? w : m), 0);
  const scaled = weights.map((w) => w / largest);
  total = scaled.reduce((sum, w) => sum + w, 0);
  return scaled.map((w) => w / total);
}

/** Classification shares in file order, normalised to sum 1. */
function normaliseClassifications(written: Record<string, number> | undefined): { name: string; share: number }[] {
  const entries = Object.entries(written ?? DEFAULTS.tenants.classifications);
  const shares = toShares(entries.map(([, v]) => v));
  return entries.map(([name], i) => ({ name, share: shares[i] }));
}

function normaliseReadAge(readAge: WrittenMixEntry["readAge"]): ReadAgeSpec {
  if (readAge === undefined) return { type: "fixed", ageMs: DEFAULTS.traffic.mix.readAgeMs };
  if (typeof readAge === "number" || typeof readAge === "string") return { type: "fixed", ageMs: durationMs(readAge) };
  if ("uniform" in readAge) return { type: "uniform", minMs: durationMs(readAge.uniform[0]), maxMs: durationMs(readAge.uniform[1]) };
  return { type: "exponential", meanMs: durationMs(readAge.exponential) };
}

/** One mix entry; `share` is the raw weight here, divided by the total in `normaliseTraffic`. */
function normaliseMixEntry(e: WrittenMixEntry): MixEntry {
  const isKms = e.op.startsWith("kms:");
  const kmsOperation = isKms ? e.op.slice(4) : null;
  const op = (isKms ? "kms" : e.op) as OpKind;
  const sized = op === "encrypt" || op === "s3-put";
  const pairOp = kmsOperation === "GenerateDataKeyPair" || kmsOperation === "GenerateDataKeyPairWithoutPlaintext";
  return {
    op,
    kmsOperation,
    label: e.op,
    share: e.weight,
    sizeBytes: e.size !== undefined ? sizeBytes(e.size) : sized ? DEFAULTS.traffic.mix.sizeBytes : 0,
    streaming: e.streaming ?? DEFAULTS.traffic.mix.streaming,
    keyPairSpec: pairOp ? (e.keyPairSpec ?? DEFAULTS.traffic.mix.keyPairSpec) : null,
    readAge: normaliseReadAge(e.readAge),
  };
}

/**
 * The rate shape: the written steps in ms; `rate` becomes a step at 0 unless the shape has one.
 * Example: rate 9000 + shape [{ at: 5m, rate: 15000, ramp: 30s }] ->
 * [{ atMs: 0, ratePerSec: 9000, rampMs: 0 }, { atMs: 300000, ratePerSec: 15000, rampMs: 30000 }].
 */
export function normaliseShape(traffic: Written<"traffic">): RateStep[] {
  const steps: RateStep[] = (traffic.shape ?? []).map((s) => ({
    atMs: durationMs(s.at),
    ratePerSec: s.rate,
    rampMs: s.ramp !== undefined ? durationMs(s.ramp) : DEFAULTS.traffic.rampMs,
  }));
  if (traffic.rate !== undefined && !steps.some((s) => s.atMs === 0)) steps.unshift({ atMs: 0, ratePerSec: traffic.rate, rampMs: 0 });
  return steps;
}

function normaliseTraffic(traffic: Written<"traffic">): Scenario["traffic"] {
  const mix = traffic.mix.map(normaliseMixEntry);
  const shares = toShares(mix.map((m) => m.share));
  mix.forEach((m, i) => (m.share = shares[i]));
  return { arrivals: traffic.arrivals ?? DEFAULTS.traffic.arrivals, shape: normaliseShape(traffic), mix };
}

function normaliseCache(cache: WrittenScenario["cache"]): CacheSpec | null {
  if (cache === undefined) return null;
  const capacity = cache.capacity ?? DEFAULTS.cache.capacity;
  if ((cache.type ?? DEFAULTS.cache.type) === "hierarchical") {
    return { type: "hierarchical", ttlMs: cache.ttl !== undefined ? durationMs(cache.ttl) : NaN, branchKeys: cache.branchKeys ?? DEFAULTS.cache.branchKeys, capacity };
  }
  return {
    type: "local",
    maxAgeMs: cache.maxAge !== undefined ? durationMs(cache.maxAge) : NaN,
    maxMessagesEncrypted: cache.maxMessagesEncrypted ?? DEFAULTS.cache.maxMessagesEncrypted,
    maxBytesEncrypted: cache.maxBytesEncrypted !== undefined ? sizeBytes(cache.maxBytesEncrypted) : DEFAULTS.cache.maxBytesEncrypted,
    capacity,
  };
}

function normaliseRequesters(r: NonNullable<Written<"s3">["requesters"]> | undefined): RequestersSpec {
  const written = r ?? DEFAULTS.s3.requesters;
  return typeof written === "number" ? { type: "count", count: written } : { type: written };
}

function latency(written: { p50: number | string; p99: number | string } | undefined, fallback: LatencySpec): LatencySpec {
  return written ? { p50Ms: durationMs(written.p50), p99Ms: durationMs(written.p99) } : { ...fallback };
}

export function normalise(w: WrittenScenario, variant: string | null = null): Scenario {
  const account = w.account ?? {};
  const keys = w.keys ?? {};
  const clients = w.clients ?? {};
  const retry = clients.retry ?? {};
  const s3 = w.s3 ?? {};
  const lat = w.latency ?? {};
  const throttle = account.throttle ?? {};
  const dist = w.tenants.distribution ?? DEFAULTS.tenants.distribution;
  const rotation = keys.rotation ?? DEFAULTS.keys.rotation;
  const mode = retry.mode ?? DEFAULTS.clients.retry.mode;
  return {
    version: 1,
    name: w.name,
    description: w.description ?? DEFAULTS.description,
    variant,
    seed: w.seed ?? DEFAULTS.seed,
    durationMs: durationMs(w.duration),
    warmupMs: w.warmup !== undefined ? durationMs(w.warmup) : DEFAULTS.warmupMs,
    account: {
      region: account.region ?? DEFAULTS.account.region,
      quotas: normaliseQuotas(account),
      throttle:
        (throttle.model ?? DEFAULTS.account.throttle.model) === "token-bucket"
          ? { model: "token-bucket", burstSeconds: throttle.burstSeconds ?? DEFAULTS.account.throttle.burstSeconds }
          : { model: "fixed-window", windowMs: throttle.windowMs !== undefined ? durationMs(throttle.windowMs) : DEFAULTS.account.throttle.windowMs },
    },
    tenants: {
      count: w.tenants.count,
      distribution: dist === "uniform" ? { type: "uniform" } : { type: "zipf", exponent: dist.zipf },
      classifications: normaliseClassifications(w.tenants.classifications),
    },
    keys: {
      tier: keys.tier ?? DEFAULTS.keys.tier,
      boundary: keys.boundary ?? DEFAULTS.keys.boundary,
      resourcesPerTenant: keys.resourcesPerTenant ?? DEFAULTS.keys.resourcesPerTenant,
      spec: keys.spec ?? DEFAULTS.keys.spec,
      store: keys.store ?? DEFAULTS.keys.store,
      stores: keys.stores ?? DEFAULTS.keys.stores,
      rotation:
        rotation === "none" ? { type: "none" } : { type: "every", days: rotation === "yearly" ? DEFAULTS.keys.yearlyRotationDays : rotation.everyDays },
      extraWrappingKeys: keys.extraWrappingKeys ?? DEFAULTS.keys.extraWrappingKeys,
    },
    clients: {
      instances: clients.instances ?? DEFAULTS.clients.instances,
      routing: clients.routing ?? DEFAULTS.clients.routing,
      retry: {
        mode,
        // Retries off = exactly one attempt, whatever maxAttempts says (so a variant can switch them off).
        maxAttempts: mode === "off" ? 1 : (retry.maxAttempts ?? DEFAULTS.clients.retry.maxAttempts),
        profile: retry.profile ?? DEFAULTS.clients.retry.profile,
      },
    },
    cache: normaliseCache(w.cache),
    s3: {
      bucketKeys: s3.bucketKeys ?? DEFAULTS.s3.bucketKeys,
      bucketKeyLifetimeMs: s3.bucketKeyLifetime !== undefined ? durationMs(s3.bucketKeyLifetime) : DEFAULTS.s3.bucketKeyLifetimeMs,
      requesters: normaliseRequesters(s3.requesters),
      buckets: s3.buckets ?? DEFAULTS.s3.buckets,
      legacyObjectShare: s3.legacyObjectShare ?? DEFAULTS.s3.legacyObjectShare,
    },
    traffic: normaliseTraffic(w.traffic),
    latency: {
      kms: latency(lat.kms, DEFAULTS.latency.kms),
      throttled: latency(lat.throttled, DEFAULTS.latency.throttled),
      s3: latency(lat.s3, DEFAULTS.latency.s3),
      client: latency(lat.client, DEFAULTS.latency.client),
    },
  };
}
