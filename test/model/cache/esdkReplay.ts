/**
 * Replays a sequence of Encryption SDK operations through (a) LocalCacheModel and (b) the real
 * @aws-crypto/client-node 5.0.2 caching CMM, so tests can compare KMS call counts.
 *
 * An operation runs at `atMs` (fake Date) on `instance`, for tenant context `{ tenant: "t<id>" }`.
 * Decrypts read the message written by an earlier encrypt (`reads` = its index in the sequence).
 * Consecutive operations with the same `wave` run concurrently (Promise.all) at the same time; the
 * model replays a wave as "every lookup happens before any KMS reply" (KMS round trip >> the time
 * the SDK takes to reach the cache), then the stores in order.
 */
import { vi } from "vitest";
import { CreateKeyCommand, KMS, KMSClient } from "@aws-sdk/client-kms";
import { randomBytes } from "node:crypto";
import {
  buildClient,
  CommitmentPolicy,
  getLocalCryptographicMaterialsCache,
  KeyringNode,
  KmsKeyringNode,
  NodeCachingMaterialsManager,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
  type EncryptedDataKey,
  type NodeDecryptionMaterial,
  type NodeEncryptionMaterial,
} from "@aws-crypto/client-node";
import { LocalCacheModel, type LocalCacheModelOptions } from "../../../src/model/cache/LocalCacheModel.js";

export interface CacheOp {
  atMs: number;
  instance: number;
  tenant: number;
  op: "encrypt" | "decrypt";
  /** Plaintext bytes (encrypt). */
  sizeBytes?: number;
  /** Index in the sequence of the encrypt whose message this decrypt reads. */
  reads?: number;
  /** Operations with the same wave id (consecutive) run concurrently. */
  wave?: number;
}

export interface CacheConfig {
  instances: number;
  maxAgeMs: number;
  maxMessagesEncrypted?: number;
  maxBytesEncrypted?: number;
  /** Entries per instance; undefined = unbounded. */
  capacity?: number;
}

export interface KmsCounts {
  generateDataKey: number;
  decrypt: number;
}

/** Groups consecutive operations with the same wave (undefined = its own group). */
function groups(ops: CacheOp[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ops.length; i++) {
    const last = out[out.length - 1];
    if (last && ops[i].wave !== undefined && ops[last[0]].wave === ops[i].wave) last.push(i);
    else out.push([i]);
  }
  return out;
}

export function replayModel(ops: CacheOp[], config: CacheConfig, extra: Partial<LocalCacheModelOptions> = {}): KmsCounts & { model: LocalCacheModel } {
  const model = new LocalCacheModel({
    instances: config.instances,
    maxAgeMs: config.maxAgeMs,
    maxMessagesEncrypted: config.maxMessagesEncrypted,
    maxBytesEncrypted: config.maxBytesEncrypted,
    capacity: config.capacity,
    sweepIntervalMs: Infinity, // the real sweeper runs on a real 60 s timer: never within a test
    ...extra,
  });
  const counts = { generateDataKey: 0, decrypt: 0 };
  const dataKeyOf = new Float64Array(ops.length).fill(NaN);
  let uncached = -1;
  for (const group of groups(ops)) {
    const missed: number[] = [];
    const dataKeys = new Map<number, number>();
    for (const i of group) {
      const o = ops[i];
      if (o.op === "encrypt") {
        if (model.encryptLookup(o.atMs, o.instance, o.tenant, o.sizeBytes ?? 0)) dataKeyOf[i] = model.cachedEncryptDataKey(o.instance, o.tenant);
        else missed.push(i);
      } else {
        const dk = dataKeyOf[o.reads!];
        if (Number.isNaN(dk)) throw new Error(`op ${i} reads op ${o.reads}, which is not an earlier encrypt`);
        if (!model.decryptLookup(o.atMs, o.instance, dk)) {
          missed.push(i);
          dataKeys.set(i, dk);
        }
      }
    }
    for (const i of missed) {
      const o = ops[i];
      if (o.op === "encrypt") {
        counts.generateDataKey++;
        model.encryptStore(o.atMs, o.instance, o.tenant, o.sizeBytes ?? 0);
        const stored = model.cachedEncryptDataKey(o.instance, o.tenant);
        dataKeyOf[i] = (o.sizeBytes ?? 0) > model.maxBytesEncrypted || stored < 0 ? uncached-- : stored;
      } else {
        counts.decrypt++;
        model.decryptStore(o.atMs, o.instance, dataKeys.get(i)!);
      }
    }
  }
  return { ...counts, model };
}

/** One KMS client per instance (the keyring needs the aggregated `KMS` client), counting its commands. */
export function countingKmsClient(endpoint: string, counts: KmsCounts): KMS {
  const client = new KMS({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "GenerateDataKeyCommand") counts.generateDataKey++;
      if (context.commandName === "DecryptCommand") counts.decrypt++;
      return next(args);
    },
    { step: "initialize", name: "kmsplanCountCalls" },
  );
  return client;
}

export async function createKeyArn(endpoint: string): Promise<string> {
  const client = new KMSClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
  const out = await client.send(new CreateKeyCommand({ Description: "kmsplan cache calibration" }));
  client.destroy();
  return out.KeyMetadata!.Arn!;
}

/**
 * A keyring standing in for KMS without a network: the real RawAesKeyringNode, with its calls
 * counted as the KMS calls a KMS keyring would make (generate = GenerateDataKey, unwrap = Decrypt).
 * Its "KMS reply" comes after `replyDelayMs` of real time (a timer), like a network round trip.
 */
const SHARED_WRAPPING_KEY = new Uint8Array(randomBytes(32));

export class CountingAesKeyring extends KeyringNode {
  /** Every instance wraps with the same key (as they would share one KMS key). */
  private readonly inner = new RawAesKeyringNode({
    keyName: "kmsplan",
    keyNamespace: "kmsplan-test",
    unencryptedMasterKey: new Uint8Array(SHARED_WRAPPING_KEY), // an isolated copy: the keyring zeroes the one it is given
    wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
  });
  constructor(
    private readonly counts: KmsCounts,
    private readonly replyDelayMs = 0,
  ) {
    super();
  }
  async _onEncrypt(material: NodeEncryptionMaterial): Promise<NodeEncryptionMaterial> {
    this.counts.generateDataKey++;
    if (this.replyDelayMs > 0) await new Promise((r) => setTimeout(r, this.replyDelayMs));
    return this.inner.onEncrypt(material);
  }
  async _onDecrypt(material: NodeDecryptionMaterial, edks: EncryptedDataKey[]): Promise<NodeDecryptionMaterial> {
    this.counts.decrypt++;
    if (this.replyDelayMs > 0) await new Promise((r) => setTimeout(r, this.replyDelayMs));
    return this.inner.onDecrypt(material, edks);
  }
}

/** Replays `ops` through the real library on KMS (moto): KmsKeyringNode on `keyArn`, a counting client per instance. */
export async function replayReal(endpoint: string, keyArn: string, ops: CacheOp[], config: CacheConfig, baseMs: number): Promise<KmsCounts> {
  const counts = { generateDataKey: 0, decrypt: 0 };
  const clients: KMS[] = [];
  try {
    return await replayLibrary(ops, config, baseMs, counts, () => {
      const client = countingKmsClient(endpoint, counts);
      clients.push(client);
      return new KmsKeyringNode({ generatorKeyId: keyArn, clientProvider: () => client });
    });
  } finally {
    for (const c of clients) c.destroy();
  }
}

/**
 * Replays `ops` through the real library: one NodeCachingMaterialsManager and one local cache per
 * instance over `keyringFor(instance)`, buildClient(REQUIRE_ENCRYPT_REQUIRE_DECRYPT). Fakes Date only.
 */
export async function replayLibrary(ops: CacheOp[], config: CacheConfig, baseMs: number, counts: KmsCounts, keyringFor: (instance: number) => KeyringNode): Promise<KmsCounts> {
  const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
  const cmms: NodeCachingMaterialsManager[] = [];
  for (let i = 0; i < config.instances; i++) {
    cmms.push(
      new NodeCachingMaterialsManager({
        backingMaterials: keyringFor(i),
        cache: getLocalCryptographicMaterialsCache(config.capacity ?? 0),
        maxAge: config.maxAgeMs,
        maxMessagesEncrypted: config.maxMessagesEncrypted,
        maxBytesEncrypted: config.maxBytesEncrypted,
      }),
    );
  }
  const messages: Buffer[] = [];
  const run = async (i: number): Promise<void> => {
    try {
      await runOne(i);
    } catch (cause) {
      throw new Error(`operation ${i} ${JSON.stringify(ops[i])} failed: ${String(cause)}`, { cause });
    }
  };
  const runOne = async (i: number): Promise<void> => {
    const o = ops[i];
    if (o.op === "encrypt") {
      const { result } = await encrypt(cmms[o.instance], Buffer.alloc(o.sizeBytes ?? 0, 7), { encryptionContext: { tenant: `t${o.tenant}` } });
      messages[i] = result;
    } else {
      const { messageHeader } = await decrypt(cmms[o.instance], messages[o.reads!]);
      if (messageHeader.encryptionContext.tenant !== `t${ops[o.reads!].tenant}`) throw new Error("wrong encryption context");
    }
  };
  vi.useFakeTimers({ toFake: ["Date"] });
  try {
    for (const group of groups(ops)) {
      vi.setSystemTime(baseMs + ops[group[0]].atMs);
      if (group.length === 1) await run(group[0]);
      else await Promise.all(group.map(run));
    }
  } finally {
    vi.useRealTimers();
  }
  return counts;
}
