import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerAdmin, parseAdminBody, QuotasPatchSchema } from "../../src/emulate/adminApi.js";
import { attemptOf, EmulatorCounters } from "../../src/emulate/EmulatorCounters.js";
import { parseIdentifier, StoreAssigner, type KeyCatalog } from "../../src/emulate/KeyCatalog.js";
import { PoolResolver } from "../../src/emulate/PoolResolver.js";
import { defaultQuotas, QuotaPools, quotaForPool } from "../../src/emulate/QuotaPools.js";
import { blobKeyId, canonicalContext, openBlob, sealBlob } from "../../src/emulate/responder/ciphertextBlob.js";

describe("canonicalContext", () => {
  it.each([
    [{ a: "bc" }, { ab: "c" }],
    [{ a: "b", c: "d" }, { a: "bc", "": "d" }],
    [{}, { "": "" }],
  ])("%j and %j serialise differently", (x, y) => {
    expect(canonicalContext(x).equals(canonicalContext(y))).toBe(false);
  });
  it("is independent of insertion order and equal for undefined and {}", () => {
    expect(canonicalContext({ b: "2", a: "1" }).equals(canonicalContext({ a: "1", b: "2" }))).toBe(true);
    expect(canonicalContext(undefined).equals(canonicalContext({}))).toBe(true);
  });
  it("is injective on random small contexts (property)", () => {
    const ctx = fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 3 });
    fc.assert(
      fc.property(ctx, ctx, (x, y) => {
        const same = JSON.stringify(Object.entries(x).sort()) === JSON.stringify(Object.entries(y).sort());
        return canonicalContext(x).equals(canonicalContext(y)) === same;
      }),
    );
  });
});

describe("ciphertext blob", () => {
  const id = Buffer.alloc(16, 7);
  const material = Buffer.alloc(32, 9);
  it("round-trips, has the documented layout and rejects a wrong context", () => {
    const blob = sealBlob(id, material, Buffer.from("abc"), canonicalContext({ k: "v" }));
    expect(blob.length).toBe(45 + 3);
    expect(blob[0]).toBe(1);
    expect(blobKeyId(blob)!.equals(id)).toBe(true);
    expect(openBlob(blob, material, canonicalContext({ k: "v" })).toString()).toBe("abc");
    expect(() => openBlob(blob, material, canonicalContext({ k: "w" }))).toThrow(expect.objectContaining({ type: "InvalidCiphertextException" }));
    expect(() => openBlob(blob.subarray(0, 20), material, canonicalContext({}))).toThrow(expect.objectContaining({ type: "InvalidCiphertextException" }));
  });
});

describe("QuotaPools", () => {
  it("admits on two pools only when both have a token, and counts throttles against the empty one", () => {
    const q = { ...defaultQuotas("us-east-1"), symmetricPerSec: 3, customKeyStorePerSec: 2 };
    const pools = new QuotaPools(q, { model: "token-bucket", burstSeconds: 1 }, () => 0);
    const got = [0, 1, 2, 3].map(() => pools.admit(["symmetric", "store:0"], 0));
    expect(got).toEqual([true, true, false, false]);
    expect(pools.admit(["symmetric"], 0)).toBe(true); // symmetric still had 1 token: the store's refusals did not take it
    expect(pools.admit(["symmetric"], 0)).toBe(false);
    expect(pools.stats()).toEqual([
      { pool: "symmetric", quotaPerSec: 3, requests: 6, throttled: 1 },
      { pool: "store:0", quotaPerSec: 2, requests: 4, throttled: 2 },
    ]);
  });
  it("never admits more than burst + rate x t (property, frozen and moving clock)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 200 }), (rate, gaps) => {
        let t = 0;
        const pools = new QuotaPools({ ...defaultQuotas("us-east-1"), symmetricPerSec: rate }, { model: "token-bucket", burstSeconds: 1 }, () => 0);
        let admitted = 0;
        for (const g of gaps) {
          t += g;
          if (pools.admit(["symmetric"], t)) admitted++;
        }
        return admitted <= rate + (rate * t) / 1000 + 1e-9;
      }),
    );
  });
  it("quotaForPool maps every pool name; unknown names are programmer errors", () => {
    const q = defaultQuotas("ap-southeast-1");
    expect([quotaForPool(q, "symmetric"), quotaForPool(q, "rsa"), quotaForPool(q, "store:3"), quotaForPool(q, "keypair:RSA_2048")]).toEqual([20_000, 1000, 1800, 20]);
    expect(() => quotaForPool(q, "nope")).toThrow(TypeError);
  });
});

describe("PoolResolver", () => {
  const uniform: KeyCatalog = { uniform: true, find: () => null, findByBlob: () => null };
  it("management operations draw nothing; aws-owned keys draw nothing; body is not parsed when uniform", () => {
    const r = new PoolResolver(uniform, { spec: "SYMMETRIC_DEFAULT", store: "kms", storeIndex: 0 }, "customer-managed");
    const noBody = () => {
      throw new Error("body parsed");
    };
    expect(r.resolve("CreateKey", noBody)).toEqual([]);
    expect(r.resolve("Decrypt", noBody)).toEqual(["symmetric"]);
    expect(r.resolve("GenerateRandom", noBody)).toEqual(["symmetric"]);
    const owned = new PoolResolver(uniform, { spec: "SYMMETRIC_DEFAULT", store: "kms", storeIndex: 0 }, "aws-owned");
    expect(owned.resolve("Decrypt", noBody)).toEqual([]);
  });
  it("ReEncrypt between an RSA and a symmetric key draws from both pools", () => {
    const catalog: KeyCatalog = {
      uniform: false,
      find: (id) => (id === "rsa" ? { spec: "RSA_2048", store: "kms", storeIndex: 0 } : null),
      findByBlob: () => ({ spec: "SYMMETRIC_DEFAULT", store: "kms", storeIndex: 0 }),
    };
    const r = new PoolResolver(catalog, { spec: "SYMMETRIC_DEFAULT", store: "kms", storeIndex: 0 }, "customer-managed");
    expect(r.resolve("ReEncrypt", () => ({ CiphertextBlob: "AA==", DestinationKeyId: "rsa" }))).toEqual(["symmetric", "rsa"]);
    expect(r.resolve("GenerateDataKeyPair", () => ({ KeyPairSpec: "RSA_4096" }))).toEqual(["keypair:RSA_4096"]);
  });
});

describe("identifiers, stores, counters, admin", () => {
  it.each([
    ["1234abcd-12ab-34cd-56ef-1234567890ab", { kind: "key", keyId: "1234abcd-12ab-34cd-56ef-1234567890ab" }],
    ["arn:aws:kms:us-east-1:111122223333:key/k1", { kind: "key", keyId: "k1" }],
    ["alias/app", { kind: "alias", aliasName: "alias/app" }],
    ["arn:aws:kms:us-east-1:111122223333:alias/app", { kind: "alias", aliasName: "alias/app" }],
  ])("parseIdentifier(%s)", (id, expected) => {
    expect(parseIdentifier(id)).toEqual(expected);
  });
  it("StoreAssigner spreads scenario keys round-robin and numbers explicit stores by first use", () => {
    const s = new StoreAssigner("external", 2);
    expect([0, 1, 2].map(() => s.assign(null, null)!.storeIndex)).toEqual([0, 1, 0]);
    expect(s.assign("cks-b", "AWS_CLOUDHSM")).toEqual({ store: "cloudhsm", storeIndex: 0 });
    expect(s.assign("cks-a", "EXTERNAL_KEY_STORE")).toEqual({ store: "external", storeIndex: 1 });
    expect(new StoreAssigner("kms", 5).assign(null, null)).toEqual({ store: "kms", storeIndex: 0 });
  });
  it.each([
    ["attempt=1; max=3", "1"],
    ["attempt=12; max=20", "12"],
    ["max=3", null],
  ])("attemptOf(%s) = %s", (h, n) => {
    expect(attemptOf(h)).toBe(n);
  });
  it("EmulatorCounters counts attempts in numeric order", () => {
    const c = new EmulatorCounters();
    for (const h of ["attempt=10; max=10", "attempt=2; max=3", "attempt=1; max=3", undefined]) c.record("Decrypt", h);
    expect(Object.keys(c.snapshot([], 0).attempts)).toEqual(["1", "2", "10"]);
    expect(c.snapshot([], 0).byOperation).toEqual({ Decrypt: { requests: 4, throttled: 0 } });
  });
  it("QuotasPatchSchema validates names and values", () => {
    expect(parseAdminBody(QuotasPatchSchema, '{"symmetricPerSec": 5, "keyPairPerSec": {"RSA_2048": 2}}')).toEqual({ ok: true, value: { symmetricPerSec: 5, keyPairPerSec: { RSA_2048: 2 } } });
    expect(parseAdminBody(QuotasPatchSchema, '{"symmetricPerSec": -1, "foo": 1}')).toEqual({ ok: false, message: "symmetricPerSec: expected a number >= 0, got -1; unknown key(s) foo" });
    const target = { stats: () => ({}) as never, reset: () => {}, setQuotas: () => {}, quotas: () => defaultQuotas("us-east-1") };
    expect(answerAdmin("DELETE", "/__kmsplan/stats", Buffer.alloc(0), target)).toMatchObject({ status: 405, allow: "GET" });
    expect(answerAdmin("GET", "/__kmsplan/constructor", Buffer.alloc(0), target).status).toBe(404);
  });
});
