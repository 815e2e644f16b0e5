/**
 * Calibration of LocalCacheModel against the real @aws-crypto/client-node 5.0.2 caching CMM
 * (NodeCachingMaterialsManager + getLocalCryptographicMaterialsCache + KmsKeyringNode) on
 * moto_server: the same operations, the same GenerateDataKey and Decrypt counts. Exact for
 * sequential cases, within 5 % for concurrent ones. The library reads Date.now, so the tests fake
 * Date only (vi.useFakeTimers({ toFake: ["Date"] })): the library is the thing under test, we only
 * control its clock.
 */
import { beforeAll, expect, it } from "vitest";
import { Random } from "../../../src/plan/Random.js";
import { describeMoto } from "../../support/moto.js";
import { createKeyArn, replayModel, replayReal, type CacheConfig, type CacheOp } from "./esdkReplay.js";

const enc = (atMs: number, tenant: number, sizeBytes = 16, instance = 0, wave?: number): CacheOp => ({ atMs, instance, tenant, op: "encrypt", sizeBytes, wave });
const dec = (atMs: number, reads: number, instance = 0, wave?: number): CacheOp => ({ atMs, instance, tenant: -1, op: "decrypt", reads, wave });

/** A random sequential sequence: encrypts and decrypts of earlier messages, increasing times. */
function randomOps(seed: number, n: number, instances: number, tenants: number, maxStepMs: number, decryptShare: number): CacheOp[] {
  const rng = new Random(seed);
  const ops: CacheOp[] = [];
  const written: number[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += rng.int(maxStepMs + 1);
    const instance = rng.int(instances);
    if (written.length > 0 && rng.next() < decryptShare) {
      // Mostly recent messages, sometimes old ones.
      const back = rng.next() < 0.8 ? rng.int(Math.min(8, written.length)) : rng.int(written.length);
      const reads = written[written.length - 1 - back];
      ops.push({ ...dec(t, reads, instance), tenant: ops[reads].tenant });
    } else {
      written.push(ops.length);
      ops.push(enc(t, rng.int(tenants), 16 + rng.int(200), instance));
    }
  }
  return ops;
}

interface Case {
  name: string;
  config: CacheConfig;
  ops: CacheOp[];
  /** Hand-computed expectation, where the case is small enough to reason about. */
  expected?: { generateDataKey: number; decrypt: number };
}

const sequential: Case[] = [
  {
    name: "maxAge: stale only when age > maxAge (age == maxAge still hits), age counted from the store",
    config: { instances: 1, maxAgeMs: 1000 },
    ops: [enc(0, 0), enc(0, 1), enc(0, 2), enc(600, 2), enc(1000, 0), enc(1001, 1), enc(1001, 2), enc(2000, 3), enc(3000, 3), enc(3000, 0)],
    // t0: miss@0, hit@1000 (age == maxAge); t1: miss@0, miss@1001; t2: miss@0, hit@600, miss@1001 (age
    // counts from the store, not from the last use); t3: miss@2000, hit@3000; t0 again: miss@3000
    expected: { generateDataKey: 7, decrypt: 0 },
  },
  {
    name: "maxMessagesEncrypted: at most max messages per data key, per context",
    config: { instances: 1, maxAgeMs: 60_000, maxMessagesEncrypted: 5 },
    ops: Array.from({ length: 40 }, (_, i) => enc(i, i % 2)),
    expected: { generateDataKey: 8, decrypt: 0 },
  },
  {
    name: "maxBytesEncrypted: bytes added before the check; an oversized message is used once, not cached, and retires the live key",
    config: { instances: 1, maxAgeMs: 60_000, maxBytesEncrypted: 1000 },
    ops: [enc(0, 0, 300), enc(1, 0, 300), enc(2, 0, 300), enc(3, 0, 100), enc(4, 0, 1), enc(5, 0, 500), enc(6, 0, 2000), enc(7, 0, 10), enc(8, 0, 1000), enc(9, 0, 1), enc(10, 0, 1001), enc(11, 0, 1001)],
    // 300 miss(300); 600 hit; 900 hit; 1000 hit; 1001 miss(1); 501 hit; 2501 miss -> not cached; 10 miss(10);
    // 1010 miss -> cached(1000); 1001 miss(1); 1002 miss -> not cached; 1001 miss -> not cached
    expected: { generateDataKey: 8, decrypt: 0 },
  },
  {
    name: "capacity: LRU over encrypt and decrypt entries, get refreshes recency but not age",
    config: { instances: 1, maxAgeMs: 60_000, capacity: 3 },
    ops: [
      enc(0, 0), enc(1, 1), enc(2, 2), // [2 1 0]
      enc(3, 0), // hit, [0 2 1]
      enc(4, 3), // miss, evicts 1: [3 0 2]
      enc(5, 0), // hit
      enc(6, 1), // miss, evicts 2: [1 0 3]
      dec(7, 0), // decrypt entry of t0's key: miss, evicts 3: [d0 1 0]
      dec(8, 0), // hit
      enc(9, 3), // miss, evicts 0: [3 d0 1]
      enc(10, 0), // miss, evicts 1
      dec(11, 0), // hit (d0 still cached: refreshed at 8)
      enc(12, 2), // miss
    ],
    expected: { generateDataKey: 8, decrypt: 1 },
  },
  {
    name: "several contexts and instances: one cache and one entry per (instance, context)",
    config: { instances: 3, maxAgeMs: 500 },
    ops: randomOps(11, 120, 3, 5, 40, 0),
  },
  {
    name: "mixed encrypt/decrypt with every limit, decrypts read earlier messages",
    config: { instances: 2, maxAgeMs: 800, maxMessagesEncrypted: 4, maxBytesEncrypted: 600, capacity: 6 },
    ops: randomOps(12, 260, 2, 4, 30, 0.45),
  },
  {
    name: "decrypt entries: one per data key, expire by maxAge, never served by encrypt entries",
    config: { instances: 2, maxAgeMs: 300 },
    ops: randomOps(13, 200, 2, 3, 25, 0.6),
  },
];

describeMoto("LocalCacheModel calibration against @aws-crypto/client-node 5.0.2 on moto", (endpoint) => {
  let keyArn = "";
  const baseMs = Date.UTC(2026, 10, 29, 0, 0, 0);
  beforeAll(async () => {
    keyArn = await createKeyArn(endpoint());
  });

  it.each(sequential)("$name", async ({ config, ops, expected }) => {
    const model = replayModel(ops, config);
    const real = await replayReal(endpoint(), keyArn, ops, config, baseMs);
    expect({ generateDataKey: model.generateDataKey, decrypt: model.decrypt }).toEqual(real);
    if (expected) expect(real).toEqual(expected);
    expect(real.generateDataKey).toBeGreaterThan(0);
  });

  it("the random cases exercise hits, misses and evictions (not vacuous)", () => {
    const mixed = replayModel(sequential[5].ops, sequential[5].config).model;
    expect(mixed.encryptHits).toBeGreaterThan(20);
    expect(mixed.decryptHits).toBeGreaterThan(10);
    expect(mixed.encryptMisses).toBeGreaterThan(20);
    expect(mixed.decryptMisses).toBeGreaterThan(10);
    expect(mixed.evictions).toBeGreaterThan(0);
  });

  it("no in-flight coalescing in 5.0.2: Promise.all of 30 encrypts at a cold cache = 30 GenerateDataKey", async () => {
    const config = { instances: 1, maxAgeMs: 60_000 };
    const ops = Array.from({ length: 30 }, () => enc(0, 0, 16, 0, 1));
    const real = await replayReal(endpoint(), keyArn, ops, config, baseMs);
    const model = replayModel(ops, config);
    expect(real.generateDataKey).toBe(30);
    expect(model.generateDataKey).toBe(30);
    expect(model.model.stampedeMisses).toBe(29);
  });

  it("1 warm-up + 99 concurrent encrypts, maxMessagesEncrypted 10 -> 91 GenerateDataKey (docs/reference.md §7)", async () => {
    const config = { instances: 1, maxAgeMs: 60_000, maxMessagesEncrypted: 10 };
    const ops = [enc(0, 0), ...Array.from({ length: 99 }, () => enc(1, 0, 16, 0, 1))];
    const real = await replayReal(endpoint(), keyArn, ops, config, baseMs);
    const model = replayModel(ops, config);
    expect(real.generateDataKey).toBe(91);
    expect(model.generateDataKey).toBe(91);
  });

  it("concurrent decrypts of one message at a cold cache each call Decrypt", async () => {
    const config = { instances: 1, maxAgeMs: 60_000 };
    const ops = [enc(0, 0), ...Array.from({ length: 20 }, () => dec(1, 0, 0, 1)), dec(2, 0)];
    const real = await replayReal(endpoint(), keyArn, ops, config, baseMs);
    const model = replayModel(ops, config);
    expect(real).toEqual({ generateDataKey: 1, decrypt: 20 });
    expect({ generateDataKey: model.generateDataKey, decrypt: model.decrypt }).toEqual(real);
  });

  it("bursts across refreshes (concurrent waves, expiry and message limits) within 5 %", async () => {
    const config = { instances: 2, maxAgeMs: 500, maxMessagesEncrypted: 15 };
    const rng = new Random(21);
    const ops: CacheOp[] = [];
    for (let w = 0; w < 12; w++) {
      const size = 10 + rng.int(25);
      for (let k = 0; k < size; k++) ops.push(enc(w * 230, rng.int(3), 64, rng.int(2), w));
    }
    const real = await replayReal(endpoint(), keyArn, ops, config, baseMs);
    const model = replayModel(ops, config);
    expect(model.model.stampedeMisses).toBeGreaterThan(0);
    expect(real.generateDataKey).toBeGreaterThan(30);
    expect(Math.abs(model.generateDataKey - real.generateDataKey) / real.generateDataKey).toBeLessThanOrEqual(0.05);
  });
});
