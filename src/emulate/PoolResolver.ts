/**
 * Which quota pools a KMS request draws from, using the simulator's `poolsFor`. Management
 * operations (CreateKey, DescribeKey, ...) draw from none: KMS gives each its own per-API quota,
 * which kmsplan does not model, so the emulator never throttles them.
 *
 * Hot path: while every known key draws from the same pools as the default key (`catalog.uniform`),
 * the pools depend on the operation only and the body is not parsed. Otherwise the key is read
 * from `KeyId` (or the ciphertext blob for Decrypt / ReEncrypt); ReEncrypt draws from the union of
 * its source and destination pools (docs/reference.md §1: one request in each distinct pool involved).
 * A GenerateDataKeyPair whose KeyPairSpec is not one of KMS's is a ValidationException (no token drawn).
 */
import { isCryptoOperation, poolsFor } from "../model/pools.js";
import type { KeyTier } from "../scenario/types.js";
import type { KeyCatalog, KeyInfo } from "./KeyCatalog.js";
import { DATA_KEY_PAIR_SPECS } from "./operations.js";
import { KmsError } from "./wire.js";

const NONE: readonly string[] = Object.freeze([]);
const PAIR_SPECS: ReadonlySet<string> = new Set(DATA_KEY_PAIR_SPECS);

export class PoolResolver {
  private readonly byOperation = new Map<string, readonly string[]>();

  constructor(
    private readonly catalog: KeyCatalog,
    private readonly defaultKey: KeyInfo,
    private readonly tier: KeyTier,
  ) {}

  private poolsOfKey(op: string, key: KeyInfo, keyPairSpec: string | null): string[] {
    return poolsFor({ operation: op, keySpec: key.spec, tier: this.tier, store: key.store, storeIndex: key.storeIndex, keyPairSpec });
  }

  /** Pools of `op`; `body` is called only when the key must be looked up. */
  resolve(op: string, body: () => Record<string, unknown>): readonly string[] {
    if (!isCryptoOperation(op) || this.tier === "aws-owned") return NONE;
    if (op === "GenerateDataKeyPair" || op === "GenerateDataKeyPairWithoutPlaintext") {
      const spec = body().KeyPairSpec;
      // Each spec is a pool: only KMS's specs may name one, or a client could create pools without end.
      if (typeof spec !== "string" || !PAIR_SPECS.has(spec)) {
        throw new KmsError("ValidationException", `1 validation error detected: Value at 'keyPairSpec' failed to satisfy constraint: Member must satisfy enum value set: [${DATA_KEY_PAIR_SPECS.join(", ")}]`);
      }
      return this.poolsOfKey(op, this.defaultKey, spec);
    }
    if (this.catalog.uniform || op === "GenerateRandom") {
      let pools = this.byOperation.get(op);
      if (pools === undefined) {
        pools = Object.freeze(this.poolsOfKey(op, this.defaultKey, null));
        this.byOperation.set(op, pools);
      }
      return pools;
    }
    const b = body();
    const keyId = typeof b.KeyId === "string" ? b.KeyId : typeof b.SourceKeyId === "string" ? b.SourceKeyId : null;
    let key: KeyInfo | null = keyId ? this.catalog.find(keyId) : null;
    if (key === null && typeof b.CiphertextBlob === "string") key = this.catalog.findByBlob(b.CiphertextBlob);
    const pools = this.poolsOfKey(op, key ?? this.defaultKey, null);
    if (op === "ReEncrypt" && typeof b.DestinationKeyId === "string") {
      const dest = this.catalog.find(b.DestinationKeyId) ?? this.defaultKey;
      for (const p of this.poolsOfKey(op, dest, null)) if (!pools.includes(p)) pools.push(p);
    }
    return pools;
  }
}
