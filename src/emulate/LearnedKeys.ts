/**
 * Upstream mode's view of the keys: learned from the traffic that passes through (KeyMetadata in
 * CreateKey / DescribeKey answers, CreateAlias requests). A key never seen is assumed to be the
 * scenario's `keys.spec` in its `keys.store`.
 *
 * Decrypt without KeyId: moto_server's blob starts with the key id as 36 ASCII characters
 * (moto/kms/utils.py `_serialize_ciphertext_blob`), which is used when it names a known key.
 *
 * Bounded like KMS itself (limits.ts: 100,000 keys, 10 custom key stores, 100,000 aliases in the
 * emulator), though the upstream may not be: past a bound nothing more is learned, and keys not
 * learned draw from the default key's pools.
 */
import { parseIdentifier, poolSignature as signature, StoreAssigner, type KeyCatalog, type KeyInfo } from "./KeyCatalog.js";
import { MAX_ALIASES, MAX_KEYS } from "./limits.js";

const UUID_CHARS = 36;

export class LearnedKeys implements KeyCatalog {
  private readonly keys = new Map<string, KeyInfo>();
  private readonly aliases = new Map<string, string>();
  private readonly stores: StoreAssigner;
  private readonly defaultSignature: string;
  private nonUniform = 0;

  constructor(defaultKey: KeyInfo, stores: number) {
    this.stores = new StoreAssigner(defaultKey.store, stores);
    this.defaultSignature = signature(defaultKey);
  }

  get uniform(): boolean {
    return this.nonUniform === 0;
  }

  /** Learn from a KeyMetadata object of an answer (ignored when malformed or already known). */
  learnMetadata(meta: unknown): void {
    if (meta === null || typeof meta !== "object") return;
    const m = meta as Record<string, unknown>;
    if (typeof m.KeyId !== "string" || this.keys.has(m.KeyId) || this.keys.size >= MAX_KEYS) return;
    const spec = typeof m.KeySpec === "string" ? m.KeySpec : typeof m.CustomerMasterKeySpec === "string" ? m.CustomerMasterKeySpec : "SYMMETRIC_DEFAULT";
    const custom = typeof m.CustomKeyStoreId === "string" ? m.CustomKeyStoreId : null;
    const assigned = this.stores.assign(custom, typeof m.Origin === "string" ? m.Origin : null);
    if (assigned === null) return;
    const info: KeyInfo = { spec, store: assigned.store, storeIndex: assigned.storeIndex };
    this.keys.set(m.KeyId, info);
    if (signature(info) !== this.defaultSignature) this.nonUniform++;
  }

  learnAlias(aliasName: string, targetKeyId: string): void {
    const id = parseIdentifier(targetKeyId);
    if (id.kind === "key" && (this.aliases.has(aliasName) || this.aliases.size < MAX_ALIASES)) this.aliases.set(aliasName, id.keyId);
  }

  find(identifier: string): KeyInfo | null {
    const id = parseIdentifier(identifier);
    const keyId = id.kind === "alias" ? this.aliases.get(id.aliasName) : id.keyId;
    return (keyId !== undefined && this.keys.get(keyId)) || null;
  }

  findByBlob(blobBase64: string): KeyInfo | null {
    const head = Buffer.from(blobBase64.slice(0, 48), "base64").subarray(0, UUID_CHARS).toString("latin1");
    return this.keys.get(head) ?? null;
  }
}
