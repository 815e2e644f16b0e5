/**
 * LocalCacheModel against the real caching CMM of @aws-crypto/client-node 5.0.2, without a network:
 * the real NodeCachingMaterialsManager + getLocalCryptographicMaterialsCache over a counting raw AES
 * keyring (whose generate/unwrap calls stand for GenerateDataKey/Decrypt). Random configurations
 * and sequences (sequential operations and concurrent waves), seeded; the counts must be equal.
 * The moto-backed calibration.test.ts checks the same with KmsKeyringNode and real KMS calls.
 */
import { describe, expect, it } from "vitest";
import { Random } from "../../../src/plan/Random.js";
import { CountingAesKeyring, replayLibrary, replayModel, type CacheConfig, type CacheOp } from "./esdkReplay.js";

function randomCase(seed: number): { config: CacheConfig; ops: CacheOp[] } {
  const rng = new Random(seed);
  const config: CacheConfig = {
    instances: 1 + rng.int(3),
    maxAgeMs: 50 + rng.int(1500),
    maxMessagesEncrypted: rng.next() < 0.5 ? 1 + rng.int(8) : undefined,
    maxBytesEncrypted: rng.next() < 0.4 ? 200 + rng.int(1500) : undefined,
    capacity: rng.next() < 0.5 ? 1 + rng.int(8) : undefined,
  };
  const tenants = 1 + rng.int(6);
  const ops: CacheOp[] = [];
  const written: number[] = [];
  let t = 0;
  let wave = 0;
  while (ops.length < 160) {
    t += rng.int(60);
    const concurrent = rng.next() < 0.1 ? 2 + rng.int(8) : 1;
    const instance = rng.int(config.instances);
    const tenant = rng.int(tenants);
    wave++;
    const readable = written.length;
    // A wave is all encrypts (of one size) or all decrypts: the two paths take different numbers of
    // async steps to reach the cache, so in a mixed wave the library's lookup order is not the issue
    // order, and which concurrent store lands last (it stays cached) is a race in the library.
    const waveDecrypts = readable > 0 && rng.next() < 0.4;
    const waveSize = rng.int(600);
    for (let k = 0; k < concurrent; k++) {
      const w = concurrent > 1 ? wave : undefined;
      if (concurrent > 1 ? waveDecrypts : readable > 0 && rng.next() < 0.4) {
        const reads = written[readable - 1 - rng.int(Math.min(10, readable))];
        ops.push({ atMs: t, instance: concurrent > 1 ? instance : rng.int(config.instances), tenant: ops[reads].tenant, op: "decrypt", reads, wave: w });
      } else {
        if (concurrent === 1) written.push(ops.length);
        ops.push({ atMs: t, instance, tenant: concurrent > 1 ? tenant : rng.int(tenants), op: "encrypt", sizeBytes: concurrent > 1 ? waveSize : rng.int(600), wave: w });
      }
    }
  }
  return { config, ops };
}

describe("LocalCacheModel = real caching CMM (raw AES keyring standing in for KMS)", () => {
  const baseMs = Date.UTC(2026, 10, 29);
  it.each(Array.from({ length: 16 }, (_, i) => 100 + i))("random case, seed %d", async (seed) => {
    const { config, ops } = randomCase(seed);
    const counts = { generateDataKey: 0, decrypt: 0 };
    // A 1-ms timer before each "KMS reply": every lookup of a concurrent wave happens before any reply.
    const real = await replayLibrary(ops, config, baseMs, counts, () => new CountingAesKeyring(counts, 1));
    const model = replayModel(ops, config);
    expect({ generateDataKey: model.generateDataKey, decrypt: model.decrypt }).toEqual(real);
    expect(model.model.hits).toBeGreaterThan(0);
  });
});
