/**
 * Every default of the written scenario, in one place. `normalise.ts` applies them; the JSON Schema
 * descriptions quote them. Units are those of the resolved `Scenario` (ms, bytes, req/s).
 *
 * Quota defaults are not here: they come from the Region table in src/model/quotas.ts.
 */
import type { LatencySpec } from "./types.js";

export const DEFAULTS = {
  /** Seed of every random stream; same seed + same file = same result. */
  seed: 1,
  description: "",
  /** Warm-up excluded from statistics, ms. */
  warmupMs: 0,
  account: {
    region: "us-east-1",
    throttle: {
      model: "token-bucket" as const,
      /** Token-bucket depth in seconds of quota (bucket starts full). */
      burstSeconds: 1,
      /** Fixed-window length, ms. */
      windowMs: 1_000,
    },
  },
  tenants: {
    distribution: "uniform" as const,
    classifications: { default: 1 } as Readonly<Record<string, number>>,
  },
  keys: {
    tier: "customer-managed" as const,
    boundary: "per-classification" as const,
    resourcesPerTenant: 1,
    spec: "SYMMETRIC_DEFAULT",
    store: "kms" as const,
    stores: 1,
    rotation: "none" as const,
    /** `rotation: yearly` = every 365 days (KMS automatic rotation default period). */
    yearlyRotationDays: 365,
    extraWrappingKeys: 0,
  },
  clients: {
    instances: 1,
    routing: "random" as const,
    retry: {
      mode: "standard" as const,
      /** SDK default max attempts (first try included); `mode: off` forces 1. */
      maxAttempts: 3,
      profile: "sdk-v3" as const,
    },
  },
  cache: {
    type: "local" as const,
    /** ESDK caching CMM default and maximum: 2^32 messages per data key (serialize/src/identifiers.ts). */
    maxMessagesEncrypted: 2 ** 32,
    /** ESDK caching CMM default and maximum: 2^53 - 1 bytes per data key. */
    maxBytesEncrypted: Number.MAX_SAFE_INTEGER,
    /** LRU entries per instance; the ESDK treats 0/undefined as unbounded. */
    capacity: Infinity,
    branchKeys: "per-tenant" as const,
  },
  s3: {
    bucketKeys: false,
    /** How long S3 reuses a bucket key, ms (AWS does not publish it; assumption: 5 minutes). */
    bucketKeyLifetimeMs: 300_000,
    requesters: "per-instance" as const,
    buckets: 1,
    legacyObjectShare: 0,
  },
  traffic: {
    arrivals: "poisson" as const,
    /** Step ramp length, ms (0 = a step). */
    rampMs: 0,
    mix: {
      /** Plaintext/object size for encrypt and s3-put, bytes (4 KiB). */
      sizeBytes: 4_096,
      streaming: false,
      /** Key-pair spec for kms:GenerateDataKeyPair*. */
      keyPairSpec: "ECC_NIST_P256",
      /** Age of the message read by decrypt / s3-get, ms. */
      readAgeMs: 0,
    },
  },
  latency: {
    kms: { p50Ms: 8, p99Ms: 30 } as LatencySpec,
    throttled: { p50Ms: 2, p99Ms: 8 } as LatencySpec,
    s3: { p50Ms: 20, p99Ms: 80 } as LatencySpec,
    client: { p50Ms: 0, p99Ms: 0 } as LatencySpec,
  },
} as const;
