import { describe, expect, it } from "vitest";
import { LocalCacheModel } from "../../../src/model/cache/LocalCacheModel.js";
import { WriteHistory, UNCACHED, UNKNOWN } from "../../../src/model/cache/WriteHistory.js";
import { Random } from "../../../src/plan/Random.js";

/** u that makes random routing pick `writer` among `instances`. */
const uFor = (writer: number, instances: number): number => (writer + 0.5) / instances;

describe("WriteHistory", () => {
  it.each([
    [40, 10],
    [100, 10], // age == maxAge: still that key
    [180, UNKNOWN], // 10 expired at 100, 11 not started
    [250, 11],
    [300, 11],
    [-50, UNKNOWN], // before the run
  ])("worked example: lookup(3, 7, %d) = %d", (at, expected) => {
    const h = new WriteHistory(100, 4);
    h.record(3, 7, 0, 10);
    h.record(3, 7, 250, 11);
    expect(h.lookup(3, 7, at)).toBe(expected);
    expect(h.lookup(4, 7, at)).toBe(UNKNOWN);
  });

  it("keeps only the last `depth` generations", () => {
    const h = new WriteHistory(1000, 3);
    for (let g = 0; g < 10; g++) h.record(0, 0, g * 100, g);
    expect(h.lookup(0, 0, 950)).toBe(9);
    expect(h.lookup(0, 0, 750)).toBe(7);
    expect(h.lookup(0, 0, 650)).toBe(UNKNOWN); // generation 6 has left the ring
  });

  it("virtual ids: negative int32, shared within a maxAge window, distinct across windows, writers and entries", () => {
    const h = new WriteHistory(1000, 4, 42);
    const ids = new Set<number>();
    for (let w = 0; w < 200; w++) {
      const id = h.virtualId(1, 2, w * 1000);
      expect(id).toBeLessThan(0);
      expect(id | 0).toBe(id);
      ids.add(id);
    }
    expect(ids.size).toBe(200);
    // Within one window (phase unknown, so probe a 1000-ms span: at most 2 distinct ids)
    const inSpan = new Set(Array.from({ length: 100 }, (_, i) => h.virtualId(1, 2, 5000 + i * 10)));
    expect(inSpan.size).toBeLessThanOrEqual(2);
    expect(h.virtualId(1, 2, 5000)).toBe(h.virtualId(1, 2, 5000));
    expect(h.virtualId(1, 3, 5000)).not.toBe(h.virtualId(1, 2, 5000));
    expect(h.virtualId(0, 2, 5000)).not.toBe(h.virtualId(1, 2, 5000));
  });

  it("UNCACHED generations are reported as such", () => {
    const h = new WriteHistory(100);
    h.record(0, 0, 10, UNCACHED);
    expect(h.lookup(0, 0, 10)).toBe(UNCACHED);
  });
});

describe("LocalCacheModel.dataKeyForRead", () => {
  it("returns the data key the writer instance used when the message was written (random routing)", () => {
    const instances = 4;
    const m = new LocalCacheModel({ instances, maxAgeMs: 500, maxMessagesEncrypted: 7, historyDepth: 4 });
    const rng = new Random(5);
    const written: { at: number; writer: number; entry: number; key: number }[] = [];
    let t = 0;
    for (let i = 0; i < 5000; i++) {
      t += rng.exp1() * 5;
      const writer = rng.int(instances);
      const entry = rng.int(3);
      if (!m.encryptLookup(t, writer, entry, 10)) m.encryptStore(t, writer, entry, 10); // zero KMS latency
      written.push({ at: t, writer, entry, key: m.cachedEncryptDataKey(writer, entry) });
    }
    // Read the last 100 messages from a different instance.
    let checked = 0;
    for (const w of written.slice(-100)) {
      const reader = (w.writer + 1) % instances;
      expect(m.dataKeyForRead(t, reader, w.entry, t - w.at, uFor(w.writer, instances))).toBe(w.key);
      checked++;
    }
    expect(checked).toBe(100);
    expect(new Set(written.slice(-100).map((w) => w.key)).size).toBeGreaterThan(5);
  });

  it("by-tenant routing: the reader is the writer", () => {
    const m = new LocalCacheModel({ instances: 3, maxAgeMs: 500, routing: "by-tenant" });
    m.encryptLookup(0, 2, 9, 1);
    m.encryptStore(0, 2, 9, 1);
    const key = m.cachedEncryptDataKey(2, 9);
    expect(m.dataKeyForRead(100, 2, 9, 50, 0)).toBe(key);
    // The message read is the one instance 2 wrote, whoever reads it.
    expect(m.dataKeyForRead(100, 1, 9, 50, 0.99)).toBe(key);
  });

  it("a read takes the newest message written by now - readAge, by any instance", () => {
    const m = new LocalCacheModel({ instances: 3, maxAgeMs: 10_000 });
    m.encryptLookup(0, 0, 5, 1);
    m.encryptStore(10, 0, 5, 1); // instance 0 writes with its key A at 10
    const a = m.cachedEncryptDataKey(0, 5);
    m.encryptLookup(20, 2, 5, 1);
    m.encryptStore(30, 2, 5, 1); // instance 2 writes with its key B at 30
    const b = m.cachedEncryptDataKey(2, 5);
    expect(m.encryptLookup(40, 0, 5, 1)).toBe(true); // instance 0 writes again with A at 40
    expect(m.dataKeyForRead(45, 1, 5, 0, 0.99)).toBe(a);
    expect(m.dataKeyForRead(45, 1, 5, 10, 0.99)).toBe(b); // written by 35: the message of 30
    expect(m.dataKeyForRead(45, 1, 5, 30, 0.99)).toBe(a); // written by 15: the message of 10
  });

  it("history the run did not see maps to virtual keys: shared within a window, so re-reads hit", () => {
    const m = new LocalCacheModel({ instances: 2, maxAgeMs: 60_000 });
    const a = m.dataKeyForRead(1000, 0, 4, 86_400_000, 0.1);
    const b = m.dataKeyForRead(1001, 0, 4, 86_400_000, 0.1);
    expect(a).toBe(b);
    expect(a).toBeLessThan(0);
    expect(m.decryptLookup(1000, 0, a)).toBe(false);
    m.decryptStore(1010, 0, a);
    expect(m.decryptLookup(1020, 0, b)).toBe(true);
  });

  it("messages too large to cache had their own data key: another such message never shares it", () => {
    const m = new LocalCacheModel({ instances: 1, maxAgeMs: 1000, maxBytesEncrypted: 100 });
    m.encryptLookup(0, 0, 1, 500);
    m.encryptStore(0, 0, 1, 500);
    const a = m.dataKeyForRead(10, 0, 1, 10, 0);
    expect(m.dataKeyForRead(10, 0, 1, 10, 0)).toBe(a); // the same message, read twice
    m.encryptLookup(20, 0, 1, 500);
    m.encryptStore(20, 0, 1, 500);
    const b = m.dataKeyForRead(30, 0, 1, 0, 0);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).not.toBe(a);
  });
});
