/**
 * Options, plan and progress types of `live`: runs a scenario against real KMS/S3 (or any
 * KMS/S3-compatible endpoint: moto_server, `kmsplan emulate`) with the clients an application uses.
 */
import type { Scenario } from "../scenario/types.js";

export interface LiveCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Static credentials, or a provider the SDK calls before signing (a profile, through `fromIni`). */
export type LiveCredentialSource = LiveCredentials | (() => Promise<LiveCredentials>);

export type LiveDriver = "sdk" | "http";

/** Provisioning steps, in order, reported to `onProvisionStep` right after each create call answered. */
export type ProvisionStep = "key-created" | "alias-created" | "bucket-created";

export interface LiveOptions {
  scenario: Scenario;
  /** KMS (and default S3) endpoint. Else AWS_ENDPOINT_URL_KMS / AWS_ENDPOINT_URL, else real AWS. */
  endpointUrl?: string;
  /** S3 endpoint. Else `endpointUrl`, else AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL, else real AWS. */
  s3EndpointUrl?: string;
  /** Default: AWS_REGION (in `env`), else scenario.account.region. */
  region?: string;
  /** Confirmation required to send anything to real AWS. */
  yes: boolean;
  /** Cap on tenants provisioned and driven (a sandbox run stays small); default scenario's count. */
  tenants?: number;
  /** Multiplies the scenario's rate; default 1. */
  scale?: number;
  /** Use these resources instead of creating keys / a bucket (they are never deleted). */
  useExisting?: { keyArns?: string[]; bucket?: string };
  /** Stop after this many KMS requests (attempts counted by middleware). */
  maxRequests?: number;
  /** Stop when the KMS request cost ($0.03 per 10,000) reaches this. */
  maxCostUsd?: number;
  /** Refuse to run unless STS GetCallerIdentity returns this account id. */
  account?: string;
  /** Directory for results/<timestamp>-<scenario>.json and the manifest. */
  resultsDir: string;
  /** Default "sdk". "http": the bundled tenant service (src/live/tenantService.ts) driven by autocannon. */
  driver?: LiveDriver;
  signal?: AbortSignal;
  onProgress?: (p: LiveProgress) => void;
  /** Progress period, ms; default 1000. */
  progressEveryMs?: number;
  /** Wall clock in ms (default performance.timeOrigin + performance.now()). */
  now?: () => number;
  /** Credentials (static or a provider); default `chooseCredentials` (profile, environment, dummy for a local endpoint, else the SDK's chain). */
  credentials?: LiveCredentialSource;
  /** Credential profile (`--profile`), read with the SDK's fromIni; ignored when `credentials` is given. */
  profile?: string;
  /** Bound on one attempt of a management call, ms; default ADMIN_REQUEST_TIMEOUT_MS (10 s). See src/live/timeouts.ts. */
  requestTimeoutMs?: number;
  /**
   * Called right after each create call of provisioning answered, before the manifest records its
   * outcome (the write-ahead intent is already on disk). A hook for crash tests: a test child
   * process kills itself here to leave exactly that state behind. Default none.
   */
  onProvisionStep?: (step: ProvisionStep) => void;
  /** Max operations in flight; default 2,000. Arrivals beyond it are dropped and counted. */
  maxInFlight?: number;
  /** Max sockets per client (keep-alive agent); default 64. */
  maxSockets?: number;
  /** Environment variables consulted for endpoints, AWS_REGION and credentials; default process.env. */
  env?: Record<string, string | undefined>;
  /** Run id; default a timestamp + random suffix. */
  runId?: string;
  /** Skip the after-run quota/CloudWatch reads (they are optional anyway). */
  skipAccountMetrics?: boolean;
  /** Delay before reading CloudWatch after the run, ms; default 0. */
  cloudWatchDelayMs?: number;
}

export interface LivePlan {
  runId: string;
  realAws: boolean;
  kmsEndpoint: string | null;
  s3Endpoint: string | null;
  region: string;
  tenants: number;
  ratePerSec: number;
  durationSec: number;
  /** Keys to create (0 with useExisting.keyArns) and which tenants use them. */
  keys: { count: number; names: string[] };
  aliases: string[];
  bucket: string | null;
  /** Expected application operations (from the schedule's rate curve). */
  operations: number;
  /** Rough upper bound on KMS requests (no caching / Bucket Keys credit), plus provisioning calls. */
  estimatedKmsRequests: number;
  estimatedS3Requests: number;
  /** KMS request cost + prorated key cost (1 h minimum). */
  estimatedCostUsd: number;
  notes: string[];
}

export interface LiveProgress {
  elapsedSec: number;
  remainingSec: number;
  started: number;
  completed: number;
  failed: number;
  dropped: number;
  inFlight: number;
  achievedRatePerSec: number;
  kmsRequests: number;
  throttled: number;
  errors: number;
  lagP99Ms: number;
}

/** Extra block of a live RunResult (`result.live`). */
export interface LiveInfo {
  runId: string;
  complete: boolean;
  stopReason: string | null;
  driver: LiveDriver;
  environment: {
    kmsEndpoint: string | null;
    s3Endpoint: string | null;
    region: string;
    accountId: string | null;
    sdkVersions: Record<string, string>;
    node: string;
  };
  window: { startIso: string; endIso: string };
  schedule: {
    planned: number;
    started: number;
    dropped: number;
    /** Operations scheduled inside the scenario's warm-up: run, not in the statistics (nor in lagMs). */
    warmupOperations: number;
    /** Arrivals not started because the run stopped early. */
    notStarted: number;
    lagMs: { p50: number; p99: number; max: number };
    lagHistogram: string;
  };
  /** Per operation: latency from the actual send (the byOperation histograms are from the scheduled time). */
  serviceTimeByOperation: Record<string, { latencyMs: import("../metrics/result.js").LatencySummary; histogram: string }>;
  /**
   * Per Encryption SDK operation through a caching CMM: how many succeeded from the cache (hits)
   * and through KMS (misses), each operation told apart by the CMM itself (InstanceClients'
   * CacheProbe), and the hits' latency from scheduled arrival - the library's own local time.
   */
  cacheByOperation?: Record<string, { hits: number; misses: number; hitLatencyMs: import("../metrics/result.js").LatencySummary | null; hitHistogram: string | null }>;
  attempts: { total: number; retryDelayMs: number; failedAfterOneAttempt: number };
  errorsByName: Record<string, number>;
  decryptPrimes: number;
  tenants: number;
  scale: number;
  manifest: string;
  quota: { status: "ok"; valuePerSec: number; code: string } | { status: "unavailable"; reason: string };
  cloudWatch:
    | { status: "ok"; perMinute: { timestamp: string; sum: number }[]; total: number }
    | { status: "unavailable"; reason: string };
  isolation: { status: "pass" | "fail" | "skipped"; checks: { name: string; pass: boolean; detail: string }[] };
  cleanup: CleanupReport | null;
  /** HTTP driver only: the tenant service driven by autocannon. */
  http?: {
    tool: "autocannon";
    targetRatePerSec: number;
    durationSec: number;
    requests: number;
    non2xx: number;
    errors: number;
    latencyMs: import("../metrics/result.js").LatencySummary;
    /** Service responses by "METHOD route status [error]". */
    byRoute: Record<string, number>;
    /** Scheduled arrivals not sent, by mix label: ops the tenant service has no route for (kms:*). */
    notSent: Record<string, number>;
  };
}

export interface CleanupReport {
  /** Keys whose deletion is scheduled (or already was). */
  keysScheduled: string[];
  aliasesDeleted: string[];
  objectsDeleted: number;
  bucketDeleted: boolean;
  /** Aliases and keys found by the run id that the manifest did not list (after a crash). */
  found: string[];
  /** What the check after cleanup still found of the run ("alias ...", "key ... (Enabled)", "bucket ..."); empty when clean. */
  leftovers: string[];
  /** Calls that failed, one line each. */
  errors: string[];
}
