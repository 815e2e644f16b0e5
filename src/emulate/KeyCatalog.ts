/**
 * What the emulator must know about a key to pick its quota pools: its spec and where it lives.
 * The built-in responder knows its keys; in upstream mode they are learned from the answers that
 * pass through (`LearnedKeys`). Unknown keys are assumed to be the scenario's `keys.spec`/`store`.
 */
import { poolsFor } from "../model/pools.js";
import type { KeyStore } from "../scenario/types.js";
import { MAX_CUSTOM_KEY_STORES } from "./limits.js";

export interface KeyInfo {
  spec: string;
  store: KeyStore;
  /** 0-based index of the custom key store; 0 for store "kms". */
  storeIndex: number;
}

export interface KeyCatalog {
  /** The key named by a key id, key ARN, alias name or alias ARN; null when unknown. */
  find(keyIdentifier: string): KeyInfo | null;
  /** The key that produced a base64 ciphertext blob; null when it cannot be told. */
  findByBlob(blobBase64: string): KeyInfo | null;
  /** True while every known key draws from the same pools as the default key (no body parsing needed). */
  readonly uniform: boolean;
}

export type Identifier = { kind: "key"; keyId: string } | { kind: "alias"; aliasName: string };

/**
 * Classify a KMS key identifier. Examples: "1234abcd-12ab-..." -> key; "arn:aws:kms:us-east-1:111122223333:key/1234abcd-..."
 * -> key 1234abcd-...; "alias/app" and "arn:aws:kms:us-east-1:111122223333:alias/app" -> alias "alias/app".
 */
export function parseIdentifier(id: string): Identifier {
  if (id.startsWith("alias/")) return { kind: "alias", aliasName: id };
  if (id.startsWith("arn:")) {
    const slash = id.indexOf(":key/");
    if (slash >= 0) return { kind: "key", keyId: id.slice(slash + 5) };
    const alias = id.indexOf(":alias/");
    if (alias >= 0) return { kind: "alias", aliasName: id.slice(alias + 1) };
  }
  return { kind: "key", keyId: id };
}

/**
 * Store of a new key. An explicit custom key store id gets its own index (in order of first use),
 * a CloudHSM or external store by `origin`; otherwise the scenario's store, keys spread round-robin
 * over `stores` like the simulator's key layout (key k in store k % stores). An account has at most
 * MAX_CUSTOM_KEY_STORES stores, so a further id names none: `assign` answers null.
 */
export class StoreAssigner {
  private readonly customStores = new Map<string, number>();
  private created = 0;
  constructor(
    private readonly defaultStore: KeyStore,
    private readonly stores: number,
  ) {}

  assign(customKeyStoreId: string | null, origin: string | null): { store: KeyStore; storeIndex: number } | null {
    if (customKeyStoreId && !this.customStores.has(customKeyStoreId) && this.customStores.size >= MAX_CUSTOM_KEY_STORES) return null;
    const ordinal = this.created++;
    if (customKeyStoreId) {
      let index = this.customStores.get(customKeyStoreId);
      if (index === undefined) {
        index = this.customStores.size;
        this.customStores.set(customKeyStoreId, index);
      }
      return { store: origin === "EXTERNAL_KEY_STORE" ? "external" : "cloudhsm", storeIndex: index };
    }
    if (this.defaultStore === "kms") return { store: "kms", storeIndex: 0 };
    return { store: this.defaultStore, storeIndex: ordinal % Math.max(1, this.stores) };
  }
}

/** Pools an Encrypt on this key would draw from, as one string: keys with equal signatures throttle alike. */
export function poolSignature(key: KeyInfo): string {
  return poolsFor({ operation: "Encrypt", keySpec: key.spec, tier: "customer-managed", store: key.store, storeIndex: key.storeIndex }).join(",");
}
