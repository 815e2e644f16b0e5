/**
 * The resolved scenario: every unit converted (milliseconds, bytes, requests per second), every
 * default filled in, every cross-field rule checked. `WrittenScenario` (what the YAML says) lives in
 * `schema.ts`; `normalise.ts` turns one into the other. Everything downstream (sim, live, emulate)
 * reads only this type.
 */

export type KeyTier = "customer-managed" | "aws-managed" | "aws-owned";
export type KeyBoundary = "per-classification" | "per-account" | "per-tenant" | "per-resource";
export type KeyStore = "kms" | "cloudhsm" | "external";
export type RetryMode = "standard" | "adaptive" | "off";
/** `sdk-v3`: the pinned @smithy/core (2026 constants); `sdk-v3-classic`: the previous generation. */
export type RetryProfileName = "sdk-v3" | "sdk-v3-classic";
export type Routing = "random" | "by-tenant";
export type ArrivalProcess = "poisson" | "uniform";

/** Application operations in the mix. `kms` = a direct KMS API call named by `kmsOperation`. */
export type OpKind = "s3-put" | "s3-get" | "encrypt" | "decrypt" | "kms";

export interface LatencySpec {
  p50Ms: number;
  p99Ms: number;
}

/**
 * A measured distribution: `quantilesMs[i]` is the (i / (n - 1)) quantile, n >= 2, non-decreasing
 * (e.g. 101 values: minimum, p1, ..., p99, maximum). Sampled by inverse CDF with linear
 * interpolation (`EmpiricalLatency`). Used where a lognormal fits badly: the Encryption SDK's local
 * time is a few milliseconds nearly always, with rare pauses of tens of milliseconds.
 */
export interface MeasuredLatencySpec extends LatencySpec {
  quantilesMs?: number[];
}

export type ThrottleModel =
  | { model: "token-bucket"; burstSeconds: number }
  | { model: "fixed-window"; windowMs: number };

export interface Quotas {
  /** Shared symmetric pool (Encrypt, Decrypt, GenerateDataKey*, ReEncrypt, GenerateRandom, GenerateMac, VerifyMac). */
  symmetricPerSec: number;
  rsaPerSec: number;
  eccPerSec: number;
  /** Per custom key store (CloudHSM or external); such requests also drain the symmetric pool. */
  customKeyStorePerSec: number;
  /** GenerateDataKeyPair(WithoutPlaintext), one pool per key-pair spec. */
  keyPairPerSec: Record<string, number>;
  /** Where each quota came from: "scenario" or the built-in table's source. */
  source: string;
}

export interface MixEntry {
  op: OpKind;
  /** For op "kms": the KMS operation, e.g. "GenerateDataKey", "Decrypt", "Sign". */
  kmsOperation: string | null;
  /** Label used in reports: "s3-put", "encrypt", "kms:GenerateDataKey", ... */
  label: string;
  /** Relative weight, normalised so that all weights sum to 1. */
  share: number;
  /** Plaintext or object size in bytes (encrypt, s3-put); 0 where irrelevant. */
  sizeBytes: number;
  /** Encryption SDK streaming encrypt without a known length: bypasses the caching CMM. */
  streaming: boolean;
  /** For GenerateDataKeyPair*: the key-pair spec, which picks the key-pair pool. */
  keyPairSpec: string | null;
  /** decrypt / s3-get: age of the message read, in ms (model of "which data key wrote it"). */
  readAge: ReadAgeSpec;
}

export type ReadAgeSpec =
  | { type: "fixed"; ageMs: number }
  | { type: "uniform"; minMs: number; maxMs: number }
  | { type: "exponential"; meanMs: number };

export interface RateStep {
  atMs: number;
  ratePerSec: number;
  /** Linear ramp from the previous rate to `ratePerSec`, ending at `atMs + rampMs`; 0 = step. */
  rampMs: number;
}

export type CacheSpec =
  | {
      type: "local";
      maxAgeMs: number;
      maxMessagesEncrypted: number;
      maxBytesEncrypted: number;
      /** LRU entries per instance, encrypt and decrypt together; Infinity = unbounded. */
      capacity: number;
    }
  | {
      type: "hierarchical";
      /** Branch-key materials TTL. */
      ttlMs: number;
      /** Branch keys: one per tenant (`per-tenant`) or one shared (`shared`). */
      branchKeys: "per-tenant" | "shared";
      capacity: number;
    };

export type RequestersSpec =
  | { type: "count"; count: number }
  | { type: "per-instance" }
  | { type: "per-tenant" };

export interface Scenario {
  version: 1;
  name: string;
  description: string;
  /** Name of the variant this scenario was derived from, or null for the base. */
  variant: string | null;
  seed: number;
  durationMs: number;
  warmupMs: number;
  account: {
    region: string;
    quotas: Quotas;
    throttle: ThrottleModel;
  };
  tenants: {
    count: number;
    distribution: { type: "uniform" } | { type: "zipf"; exponent: number };
    /** Classification names and shares (shares sum to 1). */
    classifications: { name: string; share: number }[];
  };
  keys: {
    tier: KeyTier;
    boundary: KeyBoundary;
    resourcesPerTenant: number;
    spec: string;
    store: KeyStore;
    stores: number;
    rotation: { type: "none" } | { type: "every"; days: number };
    /** Extra wrapping keys in the Encryption SDK keyring (each costs one Encrypt per miss). */
    extraWrappingKeys: number;
  };
  clients: {
    instances: number;
    routing: Routing;
    retry: { mode: RetryMode; maxAttempts: number; profile: RetryProfileName };
  };
  cache: CacheSpec | null;
  s3: {
    bucketKeys: boolean;
    bucketKeyLifetimeMs: number;
    requesters: RequestersSpec;
    buckets: number;
    /** Share (0..1) of objects read that were written before Bucket Keys were enabled. */
    legacyObjectShare: number;
  };
  traffic: {
    arrivals: ArrivalProcess;
    shape: RateStep[];
    mix: MixEntry[];
  };
  latency: {
    kms: LatencySpec;
    throttled: LatencySpec;
    s3: LatencySpec;
    client: LatencySpec;
    /**
     * Optional: time each application operation spends in the caller's process outside its KMS/S3
     * calls, by mix label (e.g. the Encryption SDK's own AES-GCM and ECDSA P-384 signing per message,
     * paid on cache hits too). Added to the operation's latency; absent = none. Not written in YAML:
     * `kmsplan rehearse` measures it (src/rehearse/calibrate.ts).
     */
    operations?: Record<string, MeasuredLatencySpec>;
    /**
     * Optional: extra local time of an Encryption SDK operation that missed the cache, ms, by mix
     * label, on top of `operations` and the KMS call: a miss also builds new materials (for the
     * default signing suite on encrypt, a fresh ECDSA P-384 key pair), unwraps or wraps the data
     * key and stores the entry. Not written in YAML: `kmsplan rehearse` measures it
     * (src/rehearse/missCost.ts).
     */
    missOperationsMs?: Record<string, number>;
  };
  /** Optional: the loader's warnings about this scenario (the result builder appends them to the result's). */
  warnings?: string[];
}

/** A loaded file: the base scenario and one resolved scenario per variant (in file order). */
export interface LoadedScenario {
  file: string;
  base: Scenario;
  variants: Scenario[];
}
