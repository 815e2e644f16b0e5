/** Shared fixtures of the live tests: a small moto-sized scenario and dummy credentials. */
import { makeScenario } from "../fixtures/scenario.js";

export const credentials = { accessKeyId: "test", secretAccessKey: "test" };
export const mix = (op: string, share: number, sizeBytes = 0) => ({
  op: op.startsWith("kms:") ? "kms" : op,
  kmsOperation: op.startsWith("kms:") ? op.slice(4) : null,
  label: op,
  share,
  sizeBytes,
  streaming: false,
  keyPairSpec: null,
  readAge: { type: "fixed" as const, ageMs: 0 },
});

export function smallScenario(name: string, durationMs = 3000, ratePerSec = 50) {
  return makeScenario({
    name,
    durationMs,
    tenants: { count: 3 },
    keys: { boundary: "per-tenant" },
    clients: { instances: 2, retry: { mode: "standard", maxAttempts: 3, profile: "sdk-v3" } },
    cache: { type: "local", maxAgeMs: 60_000, maxMessagesEncrypted: 100, maxBytesEncrypted: 1e9, capacity: 100 },
    s3: { bucketKeys: true },
    traffic: {
      arrivals: "poisson",
      shape: [{ atMs: 0, ratePerSec, rampMs: 0 }],
      mix: [mix("encrypt", 0.3, 1024), mix("decrypt", 0.3), mix("s3-put", 0.2, 1024), mix("s3-get", 0.2)] as never,
    },
  });
}


/** A valid manifest document of a run that created one key, one alias and a bucket. */
export function validManifest(runId = "20261201t000000z-abc123"): Record<string, unknown> {
  return {
    version: 1,
    runId,
    createdIso: "2026-12-01T00:00:00.000Z",
    kmsEndpoint: "http://127.0.0.1:1",
    s3Endpoint: "http://127.0.0.1:1",
    region: "us-east-1",
    keyArns: ["arn:aws:kms:us-east-1:123456789012:key/0b6c1f2e-1111-2222-3333-444455556666"],
    pendingKeys: [],
    existingKeyArns: [],
    aliases: [`alias/kmsplan/${runId}/tenant-0`],
    bucket: `kmsplan-${runId}`,
    existingBucket: null,
    objects: ["kmsplan/x/t0/0"],
    objectsBucket: `kmsplan-${runId}`,
    cleanedUp: false,
  };
}
