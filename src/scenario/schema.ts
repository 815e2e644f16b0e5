/**
 * The written form of a scenario (what the YAML says), as a zod 4 schema: strict objects (unknown
 * keys are errors), units still as written, no defaults applied (see defaults.ts and normalise.ts).
 * `scenarioJsonSchema()` in load.ts turns it into the JSON Schema that editors use.
 *
 * Error messages: every schema-level message reads "expected <what>, got <value>"; the generic ones
 * come from `errorMap` in issues.ts.
 */
import * as z from "zod";
import { APP_OPS, KEY_PAIR_SPECS, KEY_SPECS, MIX_OPS } from "./catalog.js";
import { DEFAULTS } from "./defaults.js";
import { MAX_EXTRA_WRAPPING_KEYS, MAX_ID_COUNT } from "./limits.js";
import { describeValue } from "./describe.js";
import { DURATION_HINT, DURATION_PATTERN, SIZE_HINT, SIZE_PATTERN, durationMs, isDurationString, isSizeString, sizeBytes } from "./units.js";

/** A schema-level error function: "expected <hint>, got <input>". */
function expected(hint: string) {
  return (iss: { input?: unknown }) => `expected ${hint}, got ${describeValue(iss.input)}`;
}

const durationError = expected(DURATION_HINT);
const sizeError = expected(SIZE_HINT);

/** A duration: ms >= 0 or "250ms", "30s", "5m15s", "2h", "1d". */
export const Duration = z
  .union(
    [
      z.number({ error: durationError }).min(0, { error: durationError }),
      z
        .string({ error: durationError })
        .regex(new RegExp(DURATION_PATTERN), { error: durationError, abort: true })
        .refine((s) => isDurationString(s) && Number.isFinite(durationMs(s)), { error: durationError }),
    ],
    { error: durationError },
  )
  .meta({
    id: "Duration",
    description: "Duration: a string with units ms, s, m, h, d (e.g. 250ms, 30s, 5m15s, 2h, 1d), or a bare number of milliseconds (loading warns: write 8ms, not 8)",
  });

/** A size: bytes >= 0 or "512B", "4KiB", "1MiB", "1KB". */
export const Size = z
  .union(
    [
      z.number({ error: sizeError }).min(0, { error: sizeError }),
      z
        .string({ error: sizeError })
        .regex(new RegExp(SIZE_PATTERN), { error: sizeError, abort: true })
        .refine((s) => isSizeString(s) && Number.isFinite(sizeBytes(s)), { error: sizeError }),
    ],
    { error: sizeError },
  )
  .meta({ id: "Size", description: "Size: bytes, or a string with units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB (e.g. 4KiB)" });

/**
 * `expected at most <n> (<why>), got <value>`: for bounds that are real limits, each saying why.
 * Example: atMost(65_534, "...") on 70000 -> "expected at most 65,534 (...), got 70000".
 */
function atMost(n: number, why: string) {
  return (iss: { input?: unknown }) => `expected at most ${n.toLocaleString("en-US")} (${why}), got ${describeValue(iss.input)}`;
}

/** Why counts stop at 2^31 - 1 (limits.ts). */
const ID_LIMIT = "the engine keeps these ids in 32-bit integers";
const positiveInt = () => z.int().min(1);
/** A count of things the engine numbers (tenants, instances, buckets, ...): 1 to 2^31 - 1. */
const idCount = () => z.int().min(1).max(MAX_ID_COUNT, { error: atMost(MAX_ID_COUNT, ID_LIMIT) });
const rate = () => z.number().min(0);
const quota = () => z.number().gt(0);

const Latency = z
  .strictObject({ p50: Duration, p99: Duration })
  .meta({ id: "Latency", description: "Lognormal service time fitted to p50 and p99 (p99 >= p50)" });

const Account = z.strictObject({
  region: z.string().min(1).meta({ description: `AWS Region; picks the default quotas (default ${DEFAULTS.account.region})` }),
  quotas: z
    .strictObject({
      symmetric: quota(),
      rsa: quota(),
      ecc: quota(),
      customKeyStore: quota(),
      keyPair: z.partialRecord(z.enum(KEY_PAIR_SPECS), quota()),
    })
    .partial()
    .meta({ description: "Requests per second; overrides the Region defaults" }),
  throttle: z
    .strictObject({
      model: z.enum(["token-bucket", "fixed-window"]),
      burstSeconds: z.number().gt(0),
      windowMs: Duration,
    })
    .partial(),
}).partial();

const Tenants = z.strictObject({
  count: idCount().meta({ description: `Tenants (1 to 2^31 - 1: ${ID_LIMIT}; a run too large for this machine is refused with an estimate, or run with --force)` }),
  distribution: z.union([z.literal("uniform"), z.strictObject({ zipf: z.number().gt(0) })], {
    error: expected('"uniform" or { zipf: <exponent > 0> }'),
  }),
  classifications: z.record(z.string().min(1), z.number().min(0)).meta({ description: "Share of tenants per data classification (default { default: 1 })" }),
}).partial({ distribution: true, classifications: true });

const Keys = z
  .strictObject({
    tier: z.enum(["customer-managed", "aws-managed", "aws-owned"]).meta({ description: `Default ${DEFAULTS.keys.tier}` }),
    boundary: z.enum(["per-classification", "per-account", "per-tenant", "per-resource"]).meta({ description: `One key per ...; default ${DEFAULTS.keys.boundary}` }),
    resourcesPerTenant: idCount().meta({ description: "Resources (keys) per tenant for per-resource; tenants x resourcesPerTenant at most 2^31 - 1" }),
    spec: z.enum(KEY_SPECS).meta({ description: `KMS key spec; default ${DEFAULTS.keys.spec}` }),
    store: z.enum(["kms", "cloudhsm", "external"]),
    stores: idCount().meta({ description: "Number of custom key stores (cloudhsm / external); default 1" }),
    rotation: z.union([z.enum(["none", "yearly"]), z.strictObject({ everyDays: positiveInt() })], {
      error: expected('"none", "yearly" or { everyDays: <days> }'),
    }),
    extraWrappingKeys: z
      .int()
      .min(0)
      .max(MAX_EXTRA_WRAPPING_KEYS, { error: atMost(MAX_EXTRA_WRAPPING_KEYS, "an Encryption SDK message holds at most 65,535 encrypted data keys, the generator's included") })
      .meta({ description: "Extra wrapping keys in the Encryption SDK keyring (0 to 65,534: the message format counts encrypted data keys in 16 bits); default 0" }),
  })
  .partial();

const Clients = z
  .strictObject({
    instances: idCount().meta({ description: "Application processes, each with its own SDK client and cache; default 1" }),
    routing: z.enum(["random", "by-tenant"]),
    retry: z
      .strictObject({
        mode: z.enum(["standard", "adaptive", "off"]),
        maxAttempts: idCount().meta({ description: `Attempts including the first; default ${DEFAULTS.clients.retry.maxAttempts} (mode off: 1)` }),
        profile: z.enum(["sdk-v3", "sdk-v3-classic"]),
      })
      .partial(),
  })
  .partial();

const Cache = z
  .strictObject({
    type: z.enum(["local", "hierarchical"]),
    maxAge: Duration,
    maxMessagesEncrypted: z.int().min(1).max(DEFAULTS.cache.maxMessagesEncrypted),
    maxBytesEncrypted: Size,
    capacity: positiveInt(),
    ttl: Duration,
    branchKeys: z.enum(["per-tenant", "shared"]),
  })
  .partial()
  .meta({ description: "AWS Encryption SDK cache, one per instance; omit for none. local (default): maxAge required; hierarchical: ttl required" });

const S3 = z
  .strictObject({
    bucketKeys: z.boolean(),
    bucketKeyLifetime: Duration,
    requesters: z.union([idCount(), z.enum(["per-instance", "per-tenant"])], {
      error: expected('a count >= 1, "per-instance" or "per-tenant"'),
    }),
    buckets: idCount(),
    legacyObjectShare: z.number().min(0).max(1),
  })
  .partial();

const ReadAge = z.union(
  [Duration, z.strictObject({ uniform: z.tuple([Duration, Duration]) }), z.strictObject({ exponential: Duration })],
  { error: expected("a duration, { uniform: [min, max] } or { exponential: <mean> }") },
);

const MixEntry = z.strictObject({
  op: z.enum(MIX_OPS).meta({ description: `${APP_OPS.join(" | ")} | kms:<Operation>` }),
  weight: z.number().min(0).meta({ description: "Relative weight; weights are normalised to shares" }),
  size: Size,
  streaming: z.boolean(),
  keyPairSpec: z.enum(KEY_PAIR_SPECS),
  readAge: ReadAge,
}).partial({ size: true, streaming: true, keyPairSpec: true, readAge: true });

/** What `ramp` means, in the words the schema, the README and the warnings use. */
export const RAMP_MEANING =
  "a ramp STARTS at `at` (from the rate before it) and reaches `rate` at `at + ramp`; it is not a k6 stage: to reach 8,000 ops/s by 20m from the start, write { at: 0s, rate: 8000, ramp: 20m }";

const ShapeStep = z
  .strictObject({
    at: Duration,
    rate: rate().meta({ description: "Operations per second from `at` (a step), or reached at `at + ramp` (a ramp)" }),
    ramp: Duration,
  })
  .partial({ ramp: true })
  .meta({
    description: `One step of the rate shape, \`at\` from the start of the run. Without ramp the rate jumps to \`rate\` at \`at\`; with ramp, ${RAMP_MEANING}. A step at or after duration never happens, and a ramp past duration is cut short (loading warns)`,
  });

const Traffic = z.strictObject({
  rate: rate().meta({ description: "Application operations per second (or use shape)" }),
  arrivals: z.enum(["poisson", "uniform"]),
  shape: z.array(ShapeStep).min(1).meta({ description: "Piecewise rate: steps in increasing `at`; before the first step the rate is `rate` (or 0), after the last it stays" }),
  mix: z.array(MixEntry).min(1),
}).partial({ rate: true, arrivals: true, shape: true });

const Overrides = z
  .record(z.string(), z.unknown())
  .meta({ description: 'Overrides by dotted path, e.g. { keys.boundary: per-tenant }, or nested objects' });

export const WrittenScenarioSchema = z
  .strictObject({
    version: z.literal(1),
    name: z.string().min(1),
    description: z.string(),
    seed: z.int().min(0).max(0xffff_ffff).meta({ description: `Seed of all random streams; default ${DEFAULTS.seed}` }),
    duration: Duration,
    warmup: Duration,
    account: Account,
    tenants: Tenants,
    keys: Keys,
    clients: Clients,
    cache: Cache,
    s3: S3,
    traffic: Traffic,
    latency: z.strictObject({ kms: Latency, throttled: Latency, s3: Latency, client: Latency }).partial(),
    variants: z.record(z.string().min(1), Overrides),
  })
  .partial({ description: true, seed: true, warmup: true, account: true, keys: true, clients: true, cache: true, s3: true, latency: true, variants: true })
  .meta({ title: "kmsplan scenario, version 1", description: "One AWS account and Region, its tenants, key layout, clients and traffic (kmsplan simulate / live / emulate)" });

/** What the YAML says, after schema validation: units as written, defaults not applied. */
export type WrittenScenario = z.infer<typeof WrittenScenarioSchema>;
export type WrittenMixEntry = z.infer<typeof MixEntry>;
