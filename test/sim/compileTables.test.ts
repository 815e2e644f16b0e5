/**
 * The engine's lookup tables, compiled from scenarios: request classes and their pools per custom
 * key store, the Encryption SDK miss path, S3 requesters, AWS owned keys; pure and complete (every
 * pool the scenario can reach, used or not).
 */
import { describe, expect, it } from "vitest";
import { compileTables, Kind, NO_POOL, RequesterMode } from "../../src/sim/compileTables.js";
import { CLASS_DECRYPT, CLASS_GENERATE_DATA_KEY } from "../../src/model/requestClasses.js";
import type { MixEntry } from "../../src/scenario/types.js";
import { makeScenario } from "../fixtures/scenario.js";

const entry = (o: Partial<MixEntry> & Pick<MixEntry, "op" | "label">): MixEntry => ({
  kmsOperation: null,
  share: 1,
  sizeBytes: 0,
  streaming: false,
  keyPairSpec: null,
  readAge: { type: "fixed", ageMs: 0 },
  ...o,
});
const encrypt = entry({ op: "encrypt", label: "encrypt", sizeBytes: 1024 });
const local = { type: "local", maxAgeMs: 60_000, maxMessagesEncrypted: 100, maxBytesEncrypted: 1e9, capacity: 100 } as const;

describe("compileTables", () => {
  it("the module's worked example: encrypt with a local cache and one extra wrapping key", () => {
    const t = compileTables(makeScenario({ cache: local, keys: { extraWrappingKeys: 1 }, traffic: { mix: [encrypt] } }));
    expect([...t.kinds]).toEqual([Kind.Encrypt]);
    expect([...t.mixKmsCode]).toEqual([-1]);
    expect(t.kmsOpNames).toEqual(["GenerateDataKey", "Decrypt", "Encrypt"]);
    expect(t.encryptMissCode).toBe(CLASS_GENERATE_DATA_KEY);
    expect(t.encryptMissCalls).toBe(2);
    expect([...t.poolTable]).toEqual([0, NO_POOL, 0, NO_POOL, 0, NO_POOL]);
    expect(t.requests.pools).toEqual([{ name: "symmetric", quotaPerSec: 1000 }]);
  });

  it("hierarchical keyring: an encrypt miss is one Decrypt of the branch key", () => {
    const t = compileTables(makeScenario({ cache: { type: "hierarchical", ttlMs: 60_000, branchKeys: "per-tenant", capacity: 100 }, keys: { extraWrappingKeys: 2 }, traffic: { mix: [encrypt] } }));
    expect(t.encryptMissCode).toBe(CLASS_DECRYPT);
    expect(t.encryptMissCalls).toBe(1);
  });

  it("custom key stores and a key-pair operation: two pools per symmetric request, one pool per pair spec", () => {
    const pair = entry({ op: "kms", kmsOperation: "GenerateDataKeyPair", label: "kms:GenerateDataKeyPair", keyPairSpec: "ECC_NIST_P256" });
    const decrypt = entry({ op: "kms", kmsOperation: "Decrypt", label: "kms:Decrypt" });
    const t = compileTables(makeScenario({ keys: { store: "external", stores: 2 }, traffic: { mix: [pair, decrypt] } }));
    expect(t.requests.pools.map((p) => p.name)).toEqual(["symmetric", "store:0", "store:1", "keypair:ECC_NIST_P256"]);
    expect(t.requests.pools.map((p) => p.quotaPerSec)).toEqual([1000, 1800, 1800, 100]);
    // kms:Decrypt is the Encryption SDK's Decrypt class; the pair operation a class of its own.
    expect([...t.mixKmsCode]).toEqual([3, CLASS_DECRYPT]);
    expect(t.kmsOpPriceClass).toEqual(["SYMMETRIC_DEFAULT", "SYMMETRIC_DEFAULT", "SYMMETRIC_DEFAULT", "keypair:ECC_NIST_P256"]);
    expect(t.storeCount).toBe(2);
    const pools = (code: number, store: number) => [t.poolTable[(code * 2 + store) * 2], t.poolTable[(code * 2 + store) * 2 + 1]];
    expect(pools(CLASS_DECRYPT, 0)).toEqual([0, 1]);
    expect(pools(CLASS_DECRYPT, 1)).toEqual([0, 2]);
    expect(pools(3, 1)).toEqual([3, NO_POOL]);
  });

  it.each([
    [{ type: "count", count: 7 }, RequesterMode.Count, 7],
    [{ type: "per-instance" }, RequesterMode.PerInstance, 4],
    [{ type: "per-tenant" }, RequesterMode.PerTenant, 10],
  ] as const)("S3 requesters %o -> mode %i, %i requesters", (requesters, mode, count) => {
    const t = compileTables(makeScenario({ clients: { instances: 4 }, s3: { requesters } }));
    expect(t.requesterMode).toBe(mode);
    expect(t.requesterCount).toBe(count);
  });

  it("AWS owned keys draw from no pool", () => {
    const t = compileTables(makeScenario({ keys: { tier: "aws-owned" }, traffic: { mix: [entry({ op: "s3-put", label: "s3-put" })] } }));
    expect(t.requests.pools).toEqual([]);
    expect([...t.poolTable].every((p) => p === NO_POOL)).toBe(true);
    expect([...t.kinds]).toEqual([Kind.S3Put]);
  });

  it("per-resource keys: each tenant's first key and its entries; misses' extra local time by mix entry", () => {
    const s = makeScenario({
      tenants: { count: 3 },
      keys: { boundary: "per-resource", resourcesPerTenant: 4 },
      traffic: { mix: [encrypt] },
      latency: { missOperationsMs: { encrypt: 1.5 } },
    });
    const t = compileTables(s);
    expect([...t.keyBase]).toEqual([0, 4, 8]);
    expect(t.entriesPerTenant).toBe(4);
    expect(t.perResource).toBe(true);
    expect([...t.missExtraMs]).toEqual([1.5]);
    // Pure: the same scenario compiles to the same tables.
    const again = compileTables(s);
    expect({ ...again, storeOfKey: null }).toEqual({ ...t, storeOfKey: null });
  });
});
