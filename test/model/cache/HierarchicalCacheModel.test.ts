import { describe, expect, it } from "vitest";
import { HierarchicalCacheModel, type HierarchicalCacheModelOptions } from "../../../src/model/cache/HierarchicalCacheModel.js";

type Step = { op: "e" | "d"; t: number; entry: number; hit: boolean; inst?: number };
const e = (t: number, entry: number, hit: boolean, inst?: number): Step => ({ op: "e", t, entry, hit, inst });
const d = (t: number, entry: number, hit: boolean, inst?: number): Step => ({ op: "d", t, entry, hit, inst });

function run(options: Partial<HierarchicalCacheModelOptions>, steps: Step[]): HierarchicalCacheModel {
  const m = new HierarchicalCacheModel({ instances: 2, ttlMs: 1000, branchKeys: "per-tenant", sweepIntervalMs: Infinity, ...options });
  steps.forEach((s, i) => {
    const inst = s.inst ?? 0;
    if (s.op === "e") {
      const hit = m.encryptLookup(s.t, inst, s.entry, 100);
      expect(hit, `step ${i}`).toBe(s.hit);
      if (!hit) m.encryptStore(s.t, inst, s.entry, 100);
    } else {
      const key = m.dataKeyForRead(s.t, inst, s.entry, 0, 0.5);
      const hit = m.decryptLookup(s.t, inst, key);
      expect(hit, `step ${i}`).toBe(s.hit);
      if (!hit) m.decryptStore(s.t, inst, key);
    }
  });
  return m;
}

describe("HierarchicalCacheModel (kms-keyring-node 5.0.2 hierarchical keyring)", () => {
  it.each<{ rule: string; options: Partial<HierarchicalCacheModelOptions>; steps: Step[] }>([
    { rule: "ttl: age == ttl hits, age > ttl misses; no message limit", options: {}, steps: [e(0, 1, false), e(1, 1, true), e(2, 1, true), e(1000, 1, true), e(1001, 1, false)] },
    { rule: "encrypt (active key) and decrypt (key version) are separate entries", options: {}, steps: [e(0, 1, false), d(1, 1, false), d(2, 1, true), e(3, 1, true)] },
    { rule: "per-tenant branch keys: one entry per tenant", options: {}, steps: [e(0, 1, false), e(1, 2, false), e(2, 1, true)] },
    { rule: "shared branch key: one entry for all tenants", options: { branchKeys: "shared" }, steps: [e(0, 1, false), e(1, 2, true), d(2, 3, false), d(3, 4, true)] },
    { rule: "one cache per instance", options: {}, steps: [e(0, 1, false, 0), e(1, 1, false, 1), e(2, 1, true, 0)] },
    { rule: "branchKeyOfEntry maps entries to branch keys", options: { branchKeyOfEntry: Int32Array.from([0, 0, 1]) }, steps: [e(0, 0, false), e(1, 1, true), e(2, 2, false)] },
    { rule: "capacity: LRU over both scopes", options: { capacity: 2 }, steps: [e(0, 1, false), d(1, 1, false), e(2, 2, false), e(3, 1, false)] },
  ])("$rule", ({ options, steps }) => {
    run(options, steps);
  });

  it("an encrypt miss costs one KMS Decrypt (of the branch key), not a GenerateDataKey", () => {
    const m = new HierarchicalCacheModel({ instances: 1, ttlMs: 1000, branchKeys: "shared" });
    expect(m.encryptMissKmsOperation).toBe("Decrypt");
    expect(m.kind).toBe("hierarchical");
  });

  it("concurrent misses for one branch key are not coalesced (stampede)", () => {
    const m = new HierarchicalCacheModel({ instances: 1, ttlMs: 1000, branchKeys: "shared" });
    for (let i = 0; i < 5; i++) expect(m.encryptLookup(0, 0, i, 1)).toBe(false);
    expect(m.stampedeMisses).toBe(4);
    m.encryptStore(10, 0, 0, 1);
    m.abandonMiss(0, 3, true);
    expect(m.encryptLookup(11, 0, 0, 1)).toBe(true);
    expect([m.hits, m.misses]).toEqual([1, 5]);
  });

  it("default capacity is the keyring's 1000 entries", () => {
    const m = new HierarchicalCacheModel({ instances: 1, ttlMs: 1e9, branchKeys: "per-tenant" });
    for (let b = 0; b < 1001; b++) if (!m.encryptLookup(b, 0, b, 1)) m.encryptStore(b, 0, b, 1);
    expect(m.evictions).toBe(1);
    expect(m.encryptLookup(2000, 0, 0, 1)).toBe(false);
    expect(m.encryptLookup(2001, 0, 1000, 1)).toBe(true);
  });
});
