/**
 * What one application instance owns in a live run, as a real deployment would: its own KMS and
 * S3 clients (own retry budget and adaptive limiter), and per KMS key an Encryption SDK keyring
 * (KmsKeyringNode, full key ARN, clientProvider returning this instance's KMS client so the
 * counting middleware sees every call) behind one NodeCachingMaterialsManager per key sharing one
 * local cache (`getLocalCryptographicMaterialsCache(capacity)`) when the scenario has a cache.
 */
import {
  getLocalCryptographicMaterialsCache,
  KmsKeyringNode,
  NodeCachingMaterialsManager,
  NodeDefaultCryptographicMaterialsManager,
  type KeyringNode,
  type NodeMaterialsManager,
} from "@aws-crypto/client-node";
import { DescribeKeyCommand, type KMS } from "@aws-sdk/client-kms";
import { HeadBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import type { Scenario } from "../scenario/types.js";
import type { LiveCounters } from "./LiveCounters.js";

type LocalCache = ReturnType<typeof getLocalCryptographicMaterialsCache>;

/**
 * Wraps the local cache to count hits and misses, as the caching CMM uses it (cache-material 5.0.2
 * `caching_cryptographic_materials_decorators.js`): every cached operation calls get*Material once;
 * a miss (absent or over its limits) is always followed at once by `del(key)`, then a put* when the
 * backing manager answered. So lookups = get calls, misses = del calls, and a del of a key whose
 * earlier miss has not been put yet is a stampede miss (no in-flight coalescing in 5.0.2).
 */
export function countingCache(cache: LocalCache, counters: LiveCounters): LocalCache {
  const fetching = new Set<string>();
  const put = (key: string): void => void fetching.delete(key);
  return {
    ...cache,
    getEncryptionMaterial: (key, plaintextLength) => {
      counters.recordCacheLookup();
      return cache.getEncryptionMaterial(key, plaintextLength);
    },
    getDecryptionMaterial: (key) => {
      counters.recordCacheLookup();
      return cache.getDecryptionMaterial(key);
    },
    del: (key) => {
      counters.recordCacheMiss(fetching.has(key));
      fetching.add(key);
      return cache.del(key);
    },
    putEncryptionMaterial: (key, material, plaintextLength, maxAge) => {
      put(key);
      return cache.putEncryptionMaterial(key, material, plaintextLength, maxAge);
    },
    putDecryptionMaterial: (key, material, maxAge) => {
      put(key);
      return cache.putDecryptionMaterial(key, material, maxAge);
    },
  };
}

/** Whether one Encryption SDK operation's materials came from the cache ("hit") or from KMS ("miss"). */
export type CacheOutcome = "hit" | "miss";

type EncryptionRequest = Parameters<NodeMaterialsManager["getEncryptionMaterials"]>[0];
type DecryptionRequest = Parameters<NodeMaterialsManager["decryptMaterials"]>[0];

/**
 * The backing materials manager of a caching CMM, marking what the cache could not answer. In
 * cache-material 5.0.2 the caching CMM hands a miss to its backing manager with the caller's own
 * `encryptionContext` object (encrypt: a new request object, the same context) or the caller's own
 * request object (decrypt), so those objects identify the operation that missed.
 */
export class MarkingBackingManager {
  readonly missed = new WeakSet<object>();
  constructor(private readonly inner: NodeMaterialsManager) {}
  getEncryptionMaterials(request: EncryptionRequest): ReturnType<NodeMaterialsManager["getEncryptionMaterials"]> {
    this.missed.add(request.encryptionContext);
    return this.inner.getEncryptionMaterials(request);
  }
  decryptMaterials(request: DecryptionRequest): ReturnType<NodeMaterialsManager["decryptMaterials"]> {
    this.missed.add(request);
    return this.inner.decryptMaterials(request);
  }
}

/**
 * One operation's view of the instance's caching CMM: it delegates, then records whether the
 * backing manager was asked (a miss). One per operation, so concurrent operations never mix.
 * Example: `const p = inst.probe(k); await esdk.encrypt(p, data, { encryptionContext }); p.outcome`.
 */
export class CacheProbe {
  outcome: CacheOutcome | null = null;
  constructor(
    private readonly caching: NodeCachingMaterialsManager,
    private readonly backing: MarkingBackingManager,
  ) {}
  async getEncryptionMaterials(request: EncryptionRequest): ReturnType<NodeMaterialsManager["getEncryptionMaterials"]> {
    const m = await this.caching.getEncryptionMaterials(request);
    this.outcome = this.backing.missed.has(request.encryptionContext) ? "miss" : "hit";
    return m;
  }
  async decryptMaterials(request: DecryptionRequest): ReturnType<NodeMaterialsManager["decryptMaterials"]> {
    const m = await this.caching.decryptMaterials(request);
    this.outcome = this.backing.missed.has(request) ? "miss" : "hit";
    return m;
  }
}

/** Milliseconds between the ESDK cache sweeper's passes: the library default (60,000 ms, docs/reference.md §7). */
const CACHE_SWEEP_MS = 60_000;

export class InstanceClients {
  private readonly managers = new Map<number, { caching: NodeCachingMaterialsManager; backing: MarkingBackingManager } | KeyringNode>();
  private readonly cache: LocalCache | null;

  constructor(
    readonly kms: KMS,
    readonly s3: S3Client,
    private readonly scenario: Scenario,
    private readonly keyArns: readonly string[],
    counters: LiveCounters,
  ) {
    const c = scenario.cache;
    // capacity Infinity -> 0: lru-cache 6 treats max 0 as unbounded.
    this.cache =
      c?.type === "local"
        ? countingCache(getLocalCryptographicMaterialsCache(Number.isFinite(c.capacity) ? c.capacity : 0, CACHE_SWEEP_MS), counters)
        : null;
  }

  keyArn(keyIndex: number): string {
    return this.keyArns[keyIndex % this.keyArns.length];
  }

  /**
   * What one Encryption SDK operation passes as its materials manager for a key index: a fresh
   * CacheProbe on the key's caching CMM (whose `outcome` says hit or miss afterwards), or the
   * keyring itself when the scenario has no cache.
   */
  materials(keyIndex: number): CacheProbe | KeyringNode {
    let m = this.managers.get(keyIndex);
    if (m === undefined) {
      const arn = this.keyArn(keyIndex);
      const kms = this.kms;
      const keyring = new KmsKeyringNode({ generatorKeyId: arn, clientProvider: () => kms as never });
      const c = this.scenario.cache;
      if (c?.type === "local" && this.cache) {
        const backing = new MarkingBackingManager(new NodeDefaultCryptographicMaterialsManager(keyring));
        const caching = new NodeCachingMaterialsManager({
          backingMaterials: backing as unknown as NodeMaterialsManager,
          cache: this.cache,
          maxAge: c.maxAgeMs,
          maxMessagesEncrypted: Math.min(c.maxMessagesEncrypted, 2 ** 32),
          maxBytesEncrypted: Math.min(c.maxBytesEncrypted, Number.MAX_SAFE_INTEGER),
        });
        m = { caching, backing };
      } else {
        m = keyring;
      }
      this.managers.set(keyIndex, m);
    }
    return "caching" in m ? new CacheProbe(m.caching, m.backing) : m;
  }

  destroy(): void {
    this.kms.destroy();
    this.s3.destroy();
  }
}

/**
 * One uncounted call per instance client before the drive (KMS DescribeKey, S3 HeadBucket): the
 * SDK's lazy setup (credentials, endpoint rules, module loading) and the first connection would
 * otherwise land on the first arrivals. (JIT warm-up needs more: use the scenario's `warmup`.)
 */
export async function warmUpClients(instances: readonly InstanceClients[], keyArn: string, bucket: string | null, counters: LiveCounters): Promise<void> {
  counters.counting = false;
  try {
    await Promise.all(
      instances.map(async (i) => {
        await i.kms.send(new DescribeKeyCommand({ KeyId: keyArn })).catch(() => undefined);
        if (bucket) await i.s3.send(new HeadBucketCommand({ Bucket: bucket })).catch(() => undefined);
      }),
    );
  } finally {
    counters.counting = true;
  }
}
