import { describe, expect, it } from "vitest";
import { LocalCacheModel, type LocalCacheModelOptions } from "../../../src/model/cache/LocalCacheModel.js";

/**
 * A step: "e" = encrypt lookup (then, on a miss, store at the same time unless `noStore`), "d" =
 * decrypt lookup of data key `id` (store on miss), "s" = encrypt store only, "a" = abandon.
 * `hit` is the expected lookup result.
 */
type Step = { op: "e" | "d"; t: number; id: number; hit: boolean; size?: number; inst?: number; noStore?: boolean };

function run(options: Partial<LocalCacheModelOptions>, steps: Step[]): LocalCacheModel {
  const m = new LocalCacheModel({ instances: 2, maxAgeMs: 1000, sweepIntervalMs: Infinity, ...options });
  steps.forEach((s, i) => {
    const inst = s.inst ?? 0;
    const hit = s.op === "e" ? m.encryptLookup(s.t, inst, s.id, s.size ?? 1) : m.decryptLookup(s.t, inst, s.id);
    expect(hit, `step ${i}: ${s.op}@${s.t} id ${s.id}`).toBe(s.hit);
    if (!hit && !s.noStore) {
      if (s.op === "e") m.encryptStore(s.t, inst, s.id, s.size ?? 1);
      else m.decryptStore(s.t, inst, s.id);
    }
  });
  return m;
}

const e = (t: number, id: number, hit: boolean, size?: number, inst?: number): Step => ({ op: "e", t, id, hit, size, inst });
const d = (t: number, id: number, hit: boolean, inst?: number): Step => ({ op: "d", t, id, hit, inst });

describe("LocalCacheModel rules (caching CMM 5.0.2)", () => {
  it.each<{ rule: string; options: Partial<LocalCacheModelOptions>; steps: Step[] }>([
    { rule: "maxAge: age == maxAge hits, age > maxAge misses", options: {}, steps: [e(0, 1, false), e(1000, 1, true), e(1001, 1, false), e(2001, 1, true)] },
    { rule: "maxAge: hits do not refresh the age", options: {}, steps: [e(0, 1, false), e(999, 1, true), e(1500, 1, false)] },
    { rule: "maxMessagesEncrypted 3: messages 1 (store), 2, 3 hit, the 4th misses", options: { maxMessagesEncrypted: 3 }, steps: [e(0, 1, false), e(1, 1, true), e(2, 1, true), e(3, 1, false), e(4, 1, true)] },
    { rule: "maxMessagesEncrypted 1: every message misses", options: { maxMessagesEncrypted: 1 }, steps: [e(0, 1, false), e(1, 1, false), e(2, 1, false)] },
    { rule: "maxBytesEncrypted: bytes == max hits, > max misses", options: { maxBytesEncrypted: 100 }, steps: [e(0, 1, false, 40), e(1, 1, true, 60), e(2, 1, false, 1), e(3, 1, true, 99)] },
    { rule: "maxBytesEncrypted: an oversized message misses, retires the live key and is not cached", options: { maxBytesEncrypted: 100 }, steps: [e(0, 1, false, 10), e(1, 1, false, 101), e(2, 1, false, 10), e(3, 1, true, 10)] },
    { rule: "entries are per (instance, context)", options: {}, steps: [e(0, 1, false), e(1, 2, false), e(2, 1, false, 1, 1), e(3, 1, true), e(4, 2, true)] },
    { rule: "decrypt: one entry per data key, expires after maxAge, no message limit", options: { maxMessagesEncrypted: 1 }, steps: [d(0, 7, false), d(1, 7, true), d(2, 7, true), d(1000, 7, true), d(1001, 7, false), d(1002, 8, false)] },
    { rule: "decrypt and encrypt entries never serve each other", options: {}, steps: [e(0, 5, false), d(1, 5, false), e(2, 5, true), d(3, 5, true)] },
    { rule: "capacity 2: LRU eviction, get refreshes recency", options: { capacity: 2 }, steps: [e(0, 1, false), e(1, 2, false), e(2, 1, true), e(3, 3, false), e(4, 1, true), e(5, 2, false)] },
    { rule: "capacity 2: encrypt and decrypt entries share it", options: { capacity: 2 }, steps: [e(0, 1, false), d(1, 9, false), d(2, 8, false), e(3, 1, false)] },
    { rule: "capacity is per instance", options: { capacity: 1 }, steps: [e(0, 1, false, 1, 0), e(1, 1, false, 1, 1), e(2, 1, true, 1, 0), e(3, 1, true, 1, 1)] },
    { rule: "capacity 0 = unbounded (lru-cache max: 0)", options: { capacity: 0 }, steps: [e(0, 1, false), e(1, 2, false), e(2, 3, false), e(3, 1, true)] },
  ])("$rule", ({ options, steps }) => {
    run(options, steps);
  });

  it("maxAge: the age counts from the store (the KMS reply), not from the lookup that missed", () => {
    const m = new LocalCacheModel({ instances: 1, maxAgeMs: 1000 });
    expect(m.encryptLookup(0, 0, 1, 1)).toBe(false);
    m.encryptStore(40, 0, 1, 1);
    expect(m.encryptLookup(1040, 0, 1, 1)).toBe(true);
    expect(m.encryptLookup(1041, 0, 1, 1)).toBe(false);
  });

  it("stale entries occupy capacity until looked up or evicted (stale tails are evicted first)", () => {
    const m = run({ capacity: 2 }, [e(0, 1, false), e(500, 2, false)]);
    expect(m.entriesHeld(0)).toBe(2);
    // At 1200 entry 1 is stale but still held; inserting 3 evicts the LRU tail (1), keeps 2.
    run({ capacity: 2 }, [e(0, 1, false), e(500, 2, false), e(1200, 3, false), e(1300, 2, true)]);
  });

  it("counts hits, misses and stampedes: misses while a miss is in flight", () => {
    const m = new LocalCacheModel({ instances: 1, maxAgeMs: 1000 });
    expect(m.encryptLookup(0, 0, 1, 1)).toBe(false);
    expect(m.encryptLookup(1, 0, 1, 1)).toBe(false);
    expect(m.encryptLookup(2, 0, 1, 1)).toBe(false);
    expect(m.stampedeMisses).toBe(2);
    m.encryptStore(10, 0, 1, 1);
    m.abandonMiss(0, 1, true);
    expect(m.encryptLookup(11, 0, 1, 1)).toBe(true);
    m.encryptStore(12, 0, 1, 1); // the last in-flight miss completes: overwrites with a new data key
    expect(m.encryptLookup(13, 0, 1, 1)).toBe(true);
    expect(m.encryptLookup(14, 0, 2, 1)).toBe(false); // another entry: not a stampede
    expect(m.stampedeMisses).toBe(2);
    expect([m.hits, m.misses, m.encryptHits, m.encryptMisses]).toEqual([2, 4, 2, 4]);
    expect(m.decryptLookup(15, 0, 3)).toBe(false);
    expect(m.decryptLookup(16, 0, 3)).toBe(false);
    m.abandonMiss(0, 3, false);
    m.abandonMiss(0, 3, false);
    expect(m.decryptLookup(17, 0, 3)).toBe(false);
    expect(m.stampedeMisses).toBe(3);
  });

  it("each store is a new data key (concurrent misses: the last store wins)", () => {
    const m = new LocalCacheModel({ instances: 1, maxAgeMs: 1000 });
    m.encryptLookup(0, 0, 1, 1);
    m.encryptLookup(0, 0, 1, 1);
    m.encryptStore(5, 0, 1, 1);
    const first = m.cachedEncryptDataKey(0, 1);
    m.encryptStore(6, 0, 1, 1);
    expect(m.cachedEncryptDataKey(0, 1)).not.toBe(first);
    expect(m.cachedEncryptDataKey(0, 1)).toBeGreaterThanOrEqual(0);
  });

  it("the proactive sweeper removes a stale LRU tail every 60 s, freeing capacity", () => {
    // Entries 1 (stored 0) and 2 (stored 100); 2 used at 50 (more recent), so 1 is the LRU tail.
    const m = new LocalCacheModel({ instances: 1, maxAgeMs: 1000, capacity: 3 });
    for (const [t, id] of [[0, 1], [100, 2], [150, 2]]) {
      if (!m.encryptLookup(t, 0, id, 1)) m.encryptStore(t, 0, id, 1);
    }
    expect(m.entriesHeld(0)).toBe(2);
    m.encryptLookup(59_999, 0, 9, 1); // no sweep yet
    expect(m.entriesHeld(0)).toBe(2);
    m.encryptLookup(60_000, 0, 9, 1); // the sweep at 60,000 peeks the tail (1, stale): removed; only one per sweep
    expect(m.entriesHeld(0)).toBe(1);
    m.encryptLookup(180_000, 0, 9, 1); // sweeps at 120,000 (removes 2) and 180,000 (empty)
    expect(m.entriesHeld(0)).toBe(0);
    const none = new LocalCacheModel({ instances: 1, maxAgeMs: 1000, capacity: 3, sweepIntervalMs: Infinity });
    none.encryptLookup(0, 0, 1, 1);
    none.encryptStore(0, 0, 1, 1);
    none.encryptLookup(60_000, 0, 9, 1);
    expect(none.entriesHeld(0)).toBe(1);
    none.encryptLookup(60_000, 0, 1, 1); // only a lookup removes it
    expect(none.entriesHeld(0)).toBe(0);
  });

  it("an unbounded cache drops stale tails on insert (memory stays bounded)", () => {
    const m = new LocalCacheModel({ instances: 1, maxAgeMs: 100, sweepIntervalMs: Infinity });
    for (let i = 0; i < 10_000; i++) {
      if (!m.decryptLookup(i * 10, 0, i)) m.decryptStore(i * 10, 0, i);
    }
    expect(m.entriesHeld(0)).toBeLessThanOrEqual(12);
  });

  it.each([
    [{ maxAgeMs: 0 }, /maxAgeMs/],
    [{ maxMessagesEncrypted: 2 ** 32 + 1 }, /maxMessagesEncrypted/],
    [{ maxBytesEncrypted: 0 }, /maxBytesEncrypted/],
    [{ instances: 0 }, /instances/],
    [{ capacity: -1 }, /capacity/],
  ])("rejects %o", (bad, message) => {
    expect(() => new LocalCacheModel({ instances: 1, maxAgeMs: 1, ...bad })).toThrow(message);
  });
});
