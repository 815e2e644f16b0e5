/**
 * HierarchicalCacheModel against the real hierarchical keyring of @aws-crypto/client-node 5.0.2
 * (KmsHierarchicalKeyRingNode + BranchKeyStoreNode on a DynamoDB table), all on moto_server:
 * one keyring (and branch-key cache) per instance, one branch key per tenant, KMS Decrypt calls
 * counted on the key store's KMS client. Fake Date only (the keyring ages entries with Date.now).
 */
import { beforeAll, expect, it, vi } from "vitest";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { KMSClient } from "@aws-sdk/client-kms";
import { BranchKeyStoreNode, buildClient, CommitmentPolicy, KmsHierarchicalKeyRingNode } from "@aws-crypto/client-node";
import { HierarchicalCacheModel } from "../../../src/model/cache/HierarchicalCacheModel.js";
import { Random } from "../../../src/plan/Random.js";
import { describeMoto } from "../../support/moto.js";
import { createKeyArn } from "./esdkReplay.js";

interface Op {
  atMs: number;
  instance: number;
  tenant: number;
  op: "encrypt" | "decrypt";
  reads?: number;
}

const credentials = { accessKeyId: "test", secretAccessKey: "test" };

describeMoto("HierarchicalCacheModel calibration against the real hierarchical keyring on moto", (endpoint) => {
  const TENANTS = 3;
  const INSTANCES = 2;
  const TTL_MS = 1000;
  let keyStore: BranchKeyStoreNode;
  let kmsDecrypts = 0;
  const branchKeyIds: string[] = [];

  beforeAll(async () => {
    const keyArn = await createKeyArn(endpoint());
    const tableName = `kmsplan-branch-keys-${Date.now()}`;
    const ddb = new DynamoDBClient({ endpoint: endpoint(), region: "us-east-1", credentials, maxAttempts: 1 });
    await ddb.send(
      new CreateTableCommand({
        TableName: tableName,
        KeySchema: [{ AttributeName: "branch-key-id", KeyType: "HASH" }, { AttributeName: "type", KeyType: "RANGE" }],
        AttributeDefinitions: [{ AttributeName: "branch-key-id", AttributeType: "S" }, { AttributeName: "type", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    const kmsClient = new KMSClient({ endpoint: endpoint(), region: "us-east-1", credentials, maxAttempts: 1 });
    kmsClient.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "DecryptCommand") kmsDecrypts++;
        return next(args);
      },
      { step: "initialize", name: "kmsplanCountDecrypts" },
    );
    keyStore = new BranchKeyStoreNode({
      logicalKeyStoreName: tableName,
      storage: { ddbTableName: tableName, ddbClient: ddb },
      keyManagement: { kmsClient },
      kmsConfiguration: { identifier: keyArn },
    });
    for (let t = 0; t < TENANTS; t++) branchKeyIds.push((await keyStore.createKey()).branchKeyIdentifier);
  });

  it("same KMS Decrypt count for a random mixed sequence (ttl boundary, two scopes, per-tenant branch keys)", async () => {
    const rng = new Random(77);
    const ops: Op[] = [];
    let t = 0;
    const written: number[] = [];
    for (let i = 0; i < 120; i++) {
      t += rng.int(120);
      const instance = rng.int(INSTANCES);
      if (written.length > 0 && rng.next() < 0.4) {
        const reads = written[written.length - 1 - rng.int(Math.min(6, written.length))];
        ops.push({ atMs: t, instance, tenant: ops[reads].tenant, op: "decrypt", reads });
      } else {
        written.push(ops.length);
        ops.push({ atMs: t, instance, tenant: rng.int(TENANTS), op: "encrypt" });
      }
    }
    // Exact boundary: tenant 0 on instance 0, encrypt at T and at T + ttl (hit) and T + ttl + 1 (miss).
    const T = t + 5000;
    ops.push({ atMs: T, instance: 0, tenant: 0, op: "encrypt" }, { atMs: T + TTL_MS, instance: 0, tenant: 0, op: "encrypt" }, { atMs: T + TTL_MS + 1, instance: 0, tenant: 0, op: "encrypt" });

    // Model
    const model = new HierarchicalCacheModel({ instances: INSTANCES, ttlMs: TTL_MS, branchKeys: "per-tenant", sweepIntervalMs: Infinity });
    let modelDecrypts = 0;
    for (const o of ops) {
      if (o.op === "encrypt") {
        if (!model.encryptLookup(o.atMs, o.instance, o.tenant, 16)) {
          modelDecrypts++;
          model.encryptStore(o.atMs, o.instance, o.tenant, 16);
        }
      } else {
        const key = model.dataKeyForRead(o.atMs, o.instance, o.tenant, o.atMs - ops[o.reads!].atMs, 0);
        if (!model.decryptLookup(o.atMs, o.instance, key)) {
          modelDecrypts++;
          model.decryptStore(o.atMs, o.instance, key);
        }
      }
    }

    // Real library
    const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
    const keyrings = Array.from(
      { length: INSTANCES },
      () =>
        new KmsHierarchicalKeyRingNode({
          branchKeyIdSupplier: { getBranchKeyId: (ec) => branchKeyIds[Number(ec.tenant.slice(1))] },
          keyStore,
          cacheLimitTtl: TTL_MS / 1000,
        }),
    );
    const messages: Buffer[] = [];
    kmsDecrypts = 0;
    const base = Date.UTC(2026, 10, 29);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      for (let i = 0; i < ops.length; i++) {
        const o = ops[i];
        vi.setSystemTime(base + o.atMs);
        if (o.op === "encrypt") {
          messages[i] = (await encrypt(keyrings[o.instance], Buffer.from("x"), { encryptionContext: { tenant: `t${o.tenant}` } })).result;
        } else {
          await decrypt(keyrings[o.instance], messages[o.reads!]);
        }
      }
    } finally {
      vi.useRealTimers();
    }
    expect(modelDecrypts).toBeGreaterThan(20);
    expect(model.hits).toBeGreaterThan(20);
    expect(modelDecrypts).toBe(kmsDecrypts);
  });
});
