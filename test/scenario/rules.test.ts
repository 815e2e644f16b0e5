import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenario/index.js";
import { MINIMAL, brief, edit, problemsOf } from "./helpers.js";

/** MINIMAL with line 9 (the mix entry) replaced and extra sections appended from line 10. */
function doc(mixEntry: string, extra = ""): string {
  return edit(MINIMAL, '    - { op: "kms:GenerateDataKey", weight: 1 }', `    - ${mixEntry}`) + extra;
}
const GDK = '{ op: "kms:GenerateDataKey", weight: 1 }';

describe("cross-field rules", () => {
  it.each([
    ["warmup >= duration", doc(GDK, "warmup: 1m\n"), ["10:9 warmup: expected less than duration (1m), got 1m"]],
    ["zero duration", edit(doc(GDK), "duration: 1m", "duration: 0s"), ["3:11 duration: expected a duration > 0, got 0s"]],
    ["classification shares sum to 0", edit(doc(GDK), "  count: 10", "  count: 10\n  classifications: { a: 0 }"), ["6:3 tenants.classifications: expected shares that sum to more than 0, got all 0"]],
    ["no rate and no shape", edit(doc(GDK), "  rate: 100\n", ""), ["6:1 traffic.rate: required: expected rate (operations per second) or shape, got neither"]],
    [
      "shape out of order",
      edit(doc(GDK), "  rate: 100\n", "  shape:\n    - { at: 1m, rate: 1 }\n    - { at: 30s, rate: 2 }\n"),
      ["9:13 traffic.shape[1].at: expected steps in increasing order of at: after 1m, got 30s"],
    ],
    [
      "ramp overlapping the next step",
      edit(doc(GDK), "  rate: 100\n", "  shape:\n    - { at: 0s, rate: 1, ramp: 2m }\n    - { at: 1m, rate: 2 }\n"),
      ["8:32 traffic.shape[0].ramp: expected the ramp to end by the next step (at 1m), got a ramp ending at 2m"],
    ],
    ["p99 < p50", doc(GDK, "latency:\n  s3: { p50: 20ms, p99: 10ms }\n"), ["11:25 latency.s3.p99: expected p99 >= p50 (20ms), got 10ms"]],
    ["encrypt with an RSA key", doc("{ op: encrypt, weight: 1 }", "keys: { spec: RSA_2048 }\n"), ["9:13 traffic.mix[0].op: encrypt (Encryption SDK, KMS keyring) needs keys.spec SYMMETRIC_DEFAULT, got RSA_2048"]],
    [
      "decrypt with an AWS owned key",
      doc("{ op: decrypt, weight: 1 }", "keys: { tier: aws-owned }\n"),
      ["9:13 traffic.mix[0].op: decrypt (Encryption SDK) calls KMS with your own key and needs keys.tier customer-managed, got aws-owned"],
    ],
    ["s3 with an ECC key", doc("{ op: s3-get, weight: 1 }", "keys: { spec: ECC_NIST_P256 }\n"), ["9:13 traffic.mix[0].op: s3-get (SSE-KMS) supports only symmetric encryption keys: expected keys.spec SYMMETRIC_DEFAULT, got ECC_NIST_P256"]],
    ["Sign with a symmetric key", doc('{ op: "kms:Sign", weight: 1 }'), ["9:13 traffic.mix[0].op: Sign needs a rsa or ecc or sm2 key, got keys.spec SYMMETRIC_DEFAULT"]],
    ["GenerateMac with an RSA key", doc('{ op: "kms:GenerateMac", weight: 1 }', "keys: { spec: RSA_2048 }\n"), ["9:13 traffic.mix[0].op: GenerateMac needs a hmac key, got keys.spec RSA_2048"]],
    ["DeriveSharedSecret on secp256k1", doc('{ op: "kms:DeriveSharedSecret", weight: 1 }', "keys: { spec: ECC_SECG_P256K1 }\n"), ["9:13 traffic.mix[0].op: DeriveSharedSecret needs a NIST curve or SM2 key (KEY_AGREEMENT), got keys.spec ECC_SECG_P256K1"]],
    ["direct call on an AWS managed key", doc(GDK, "keys: { tier: aws-managed }\n"), ["9:13 traffic.mix[0].op: direct KMS calls need keys.tier customer-managed (AWS managed and owned keys cannot be called directly), got aws-managed"]],
    ["custom key store with HMAC", doc('{ op: "kms:GenerateMac", weight: 1 }', "keys: { spec: HMAC_256, store: external }\n"), ["10:15 keys.spec: a external key store holds only symmetric encryption keys: expected SYMMETRIC_DEFAULT, got HMAC_256"]],
    ["custom key store, AWS managed", doc("{ op: s3-put, weight: 1 }", "keys: { tier: aws-managed, store: cloudhsm }\n"), ["10:15 keys.tier: keys in a cloudhsm key store are customer managed: expected customer-managed, got aws-managed"]],
    ["rotation of an RSA key", doc('{ op: "kms:Sign", weight: 1 }', "keys: { spec: RSA_2048, rotation: yearly }\n"), ["10:35 keys.rotation: automatic rotation needs keys.spec SYMMETRIC_DEFAULT, got RSA_2048; expected rotation none"]],
    ["rotation period out of range", doc(GDK, "keys: { rotation: { everyDays: 30 } }\n"), ["10:32 keys.rotation.everyDays: expected 90 to 2560 days (KMS rotation period), got 30"]],
    ["field for another op", doc('{ op: "kms:Encrypt", weight: 1, size: 1KiB, streaming: true }'), [
      "9:39 traffic.mix[0].size: applies only to encrypt, s3-put, not kms:Encrypt",
      "9:51 traffic.mix[0].streaming: applies only to encrypt, not kms:Encrypt",
    ]],
    ["readAge min > max", doc("{ op: decrypt, weight: 1, readAge: { uniform: [1h, 1m] } }"), ["9:44 traffic.mix[0].readAge.uniform: expected [min, max] with min <= max, got [1h, 1m]"]],
    ["keyPairSpec on the wrong op", doc('{ op: "kms:GenerateDataKey", weight: 1, keyPairSpec: RSA_2048 }'), ["9:47 traffic.mix[0].keyPairSpec: applies only to kms:GenerateDataKeyPair, kms:GenerateDataKeyPairWithoutPlaintext, not kms:GenerateDataKey"]],
    ["local cache without maxAge", doc("{ op: encrypt, weight: 1 }", "cache: { capacity: 10 }\n"), ["10:1 cache.maxAge: required when cache is present (type local), expected a duration > 0"]],
    ["local cache with a zero maxAge", doc("{ op: encrypt, weight: 1 }", "cache: { maxAge: 0 }\n"), ["10:18 cache.maxAge: expected a duration > 0, got 0s"]],
    ["hierarchical fields on a local cache", doc("{ op: encrypt, weight: 1 }", "cache: { maxAge: 1m, branchKeys: shared }\n"), ["10:22 cache.branchKeys: applies only to cache type hierarchical, got type local"]],
    ["hierarchical cache without ttl", doc("{ op: encrypt, weight: 1 }", "cache: { type: hierarchical, maxAge: 1m }\n"), [
      "10:1 cache.ttl: required for cache type hierarchical, expected a duration > 0",
      "10:30 cache.maxAge: applies only to cache type local, got type hierarchical",
    ]],
    ["maxBytesEncrypted above the ESDK limit", doc("{ op: encrypt, weight: 1 }", "cache: { maxAge: 1m, maxBytesEncrypted: 9PiB }\n"), [
      '10:41 cache.maxBytesEncrypted: expected a size: a number of bytes or a string like "512B", "4KiB", "1MiB", "1GiB", "1KB", got "9PiB"',
    ]],
    ["maxBytesEncrypted of 0", doc("{ op: encrypt, weight: 1 }", "cache: { maxAge: 1m, maxBytesEncrypted: 0 }\n"), ["10:41 cache.maxBytesEncrypted: expected 1 to 2^53-1 bytes (Encryption SDK limit), got 0"]],
    ["extra wrapping keys past the message format", doc("{ op: encrypt, weight: 1 }", "keys: { extraWrappingKeys: 65535 }\n"), [
      "10:28 keys.extraWrappingKeys: expected at most 65,534 (an Encryption SDK message holds at most 65,535 encrypted data keys, the generator's included), got 65535",
    ]],
    ["tenants x resources past 32-bit key ids", doc(GDK, "keys: { boundary: per-resource, resourcesPerTenant: 300000000 }\n"), [
      "10:53 keys.resourcesPerTenant: expected tenants.count x resourcesPerTenant at most 2,147,483,647 (the engine keeps key ids in 32-bit integers), got 3,000,000,000",
    ]],
    ["bucket keys with a zero lifetime", doc("{ op: s3-put, weight: 1 }", "s3: { bucketKeys: true, bucketKeyLifetime: 0 }\n"), ["10:44 s3.bucketKeyLifetime: expected a duration > 0 when bucketKeys is true, got 0s"]],
  ])("%s", (_name, text, expected) => {
    expect(problemsOf(text).map(brief)).toEqual(expected);
  });

  it("reports all rule problems together", () => {
    const text = doc('{ op: "kms:Sign", weight: 1 }', "warmup: 2m\nlatency:\n  kms: { p50: 9ms, p99: 1ms }\n");
    expect(problemsOf(text).map((p) => p.path)).toEqual(["traffic.mix[0].op", "warmup", "latency.kms.p99"]);
  });

  it("checks only entries that run: weight 0 may name an op the keys cannot serve", () => {
    expect(parseScenario(doc(GDK + '\n    - { op: "kms:Sign", weight: 0 }'), "w.yaml").base.traffic.mix[1].share).toBe(0);
  });

  it.each([
    ["s3 with AWS owned keys (SSE-S3 style)", doc("{ op: s3-put, weight: 1 }", "keys: { tier: aws-owned }\n")],
    ["s3 with AWS managed keys (aws/s3)", doc("{ op: s3-get, weight: 1 }", "keys: { tier: aws-managed }\n")],
    ["Sign with ECC", doc('{ op: "kms:Sign", weight: 1 }', "keys: { spec: ECC_NIST_P256 }\n")],
    ["Encrypt with RSA", doc('{ op: "kms:Encrypt", weight: 1 }', "keys: { spec: RSA_4096 }\n")],
    ["VerifyMac with HMAC", doc('{ op: "kms:VerifyMac", weight: 1 }', "keys: { spec: HMAC_512 }\n")],
    ["GenerateRandom with any key", doc('{ op: "kms:GenerateRandom", weight: 1 }', "keys: { spec: HMAC_512, tier: aws-owned }\n")],
    ["custom rotation period", doc(GDK, "keys: { rotation: { everyDays: 2560 } }\n")],
    ["external key store", doc("{ op: encrypt, weight: 1 }", "keys: { store: external, stores: 3 }\n")],
    ["hierarchical cache", doc("{ op: encrypt, weight: 1 }", "cache: { type: hierarchical, ttl: 10m, branchKeys: shared, capacity: 100 }\n")],
    ["resourcesPerTenant on another boundary", doc(GDK, "keys: { boundary: per-tenant, resourcesPerTenant: 5 }\n")],
  ])("accepts %s", (_name, text) => {
    expect(() => parseScenario(text, "ok.yaml")).not.toThrow();
  });
});
