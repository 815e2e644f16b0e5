/**
 * The built-in responder's keys and aliases, in memory. Key material (a random 256-bit AES key,
 * or an HMAC key of the spec's length) never leaves this process and is never logged. Bounded as
 * an account is (limits.ts): 100,000 keys, 50 aliases per key (100,000 in all), 10 custom key
 * stores; each key holds at most 50 tags and an 8,192-character description.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { parseIdentifier, poolSignature as signature, StoreAssigner, type KeyCatalog, type KeyInfo } from "../KeyCatalog.js";
import { MAX_ALIASES, MAX_ALIASES_PER_KEY, MAX_CUSTOM_KEY_STORES, MAX_KEYS } from "../limits.js";
import { KmsError } from "../wire.js";
import { blobKeyId } from "./ciphertextBlob.js";

export type KeyState = "Enabled" | "Disabled" | "PendingDeletion";

export interface EmulatedKey extends KeyInfo {
  keyId: string;
  /** The UUID's 16 raw bytes, written into ciphertext blobs. */
  idBytes: Buffer;
  arn: string;
  keyUsage: string;
  description: string;
  origin: string;
  customKeyStoreId: string | null;
  creationDateSec: number;
  state: KeyState;
  deletionDateSec: number | null;
  pendingWindowDays: number | null;
  /** AES-256 key (SYMMETRIC_DEFAULT) or HMAC key; null for RSA/ECC (metadata only). */
  material: Buffer | null;
  tags: Map<string, string>;
}

/** HMAC key lengths in bytes by key spec. */
export const HMAC_KEY_BYTES: Readonly<Record<string, number>> = { HMAC_224: 28, HMAC_256: 32, HMAC_384: 48, HMAC_512: 64 };

export interface NewKey {
  spec: string;
  keyUsage: string;
  description: string;
  origin: string;
  customKeyStoreId: string | null;
  tags: { TagKey: string; TagValue: string }[];
}

export class KeyTable implements KeyCatalog {
  private readonly keys = new Map<string, EmulatedKey>();
  private readonly aliases = new Map<string, { keyId: string; creationDateSec: number }>();
  private readonly aliasesPerKey = new Map<string, number>();
  private readonly stores: StoreAssigner;
  private readonly defaultSignature: string;
  private nonUniform = 0;

  constructor(
    readonly region: string,
    readonly accountId: string,
    defaultKey: KeyInfo,
    stores: number,
  ) {
    this.stores = new StoreAssigner(defaultKey.store, stores);
    this.defaultSignature = signature(defaultKey);
  }

  get uniform(): boolean {
    return this.nonUniform === 0;
  }

  arnOf(keyId: string): string {
    return `arn:aws:kms:${this.region}:${this.accountId}:key/${keyId}`;
  }

  aliasArn(aliasName: string): string {
    return `arn:aws:kms:${this.region}:${this.accountId}:${aliasName}`;
  }

  /** A new key; LimitExceededException past MAX_KEYS, CustomKeyStoreNotFoundException for an 11th store id. */
  create(k: NewKey): EmulatedKey {
    if (this.keys.size >= MAX_KEYS) throw new KmsError("LimitExceededException", `The account already has ${MAX_KEYS} KMS keys in this Region.`);
    const assigned = this.stores.assign(k.customKeyStoreId, k.origin);
    if (assigned === null) throw new KmsError("CustomKeyStoreNotFoundException", `No custom key store with ID ${k.customKeyStoreId?.slice(0, 64)} (the account has ${MAX_CUSTOM_KEY_STORES} already).`);
    const { store, storeIndex } = assigned;
    const keyId = randomUUID();
    const material = k.spec === "SYMMETRIC_DEFAULT" ? randomBytes(32) : HMAC_KEY_BYTES[k.spec] ? randomBytes(HMAC_KEY_BYTES[k.spec]) : null;
    const key: EmulatedKey = {
      keyId,
      idBytes: Buffer.from(keyId.replace(/-/g, ""), "hex"),
      arn: this.arnOf(keyId),
      spec: k.spec,
      store,
      storeIndex,
      keyUsage: k.keyUsage,
      description: k.description,
      origin: k.origin,
      customKeyStoreId: k.customKeyStoreId,
      creationDateSec: Date.now() / 1000,
      state: "Enabled",
      deletionDateSec: null,
      pendingWindowDays: null,
      material,
      tags: new Map(k.tags.map((t) => [t.TagKey, t.TagValue])),
    };
    this.keys.set(keyId, key);
    if (signature(key) !== this.defaultSignature) this.nonUniform++;
    return key;
  }

  /** The key named by a key id, key ARN, alias name or alias ARN, else NotFoundException. */
  resolve(identifier: string): EmulatedKey {
    const id = parseIdentifier(identifier);
    if (id.kind === "alias") {
      const alias = this.aliases.get(id.aliasName);
      const key = alias && this.keys.get(alias.keyId);
      if (!key) throw new KmsError("NotFoundException", `Alias ${this.aliasArn(id.aliasName)} is not found.`);
      return key;
    }
    const key = this.keys.get(id.keyId);
    if (!key) throw new KmsError("NotFoundException", `Key '${this.arnOf(id.keyId)}' does not exist`);
    return key;
  }

  find(identifier: string): KeyInfo | null {
    const id = parseIdentifier(identifier);
    const keyId = id.kind === "alias" ? this.aliases.get(id.aliasName)?.keyId : id.keyId;
    return (keyId !== undefined && this.keys.get(keyId)) || null;
  }

  /** The key whose 16-byte id is written in a blob; null when none. */
  byIdBytes(idBytes: Buffer): EmulatedKey | null {
    const hex = idBytes.toString("hex");
    const keyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    return this.keys.get(keyId) ?? null;
  }

  findByBlob(blobBase64: string): KeyInfo | null {
    const id = blobKeyId(Buffer.from(blobBase64, "base64"));
    return id ? this.byIdBytes(id) : null;
  }

  allKeys(): EmulatedKey[] {
    return [...this.keys.values()];
  }

  /** A new alias; LimitExceededException past MAX_ALIASES_PER_KEY on the key or MAX_ALIASES in all. */
  addAlias(aliasName: string, keyId: string): void {
    if (this.aliases.has(aliasName)) {
      throw new KmsError("AlreadyExistsException", `An alias with the name ${this.aliasArn(aliasName)} already exists`);
    }
    const onKey = this.aliasesPerKey.get(keyId) ?? 0;
    if (onKey >= MAX_ALIASES_PER_KEY) throw new KmsError("LimitExceededException", `Key ${keyId} already has ${MAX_ALIASES_PER_KEY} aliases.`);
    if (this.aliases.size >= MAX_ALIASES) throw new KmsError("LimitExceededException", `The emulator holds at most ${MAX_ALIASES} aliases.`);
    this.aliases.set(aliasName, { keyId, creationDateSec: Date.now() / 1000 });
    this.aliasesPerKey.set(keyId, onKey + 1);
  }

  deleteAlias(aliasName: string): void {
    const alias = this.aliases.get(aliasName);
    if (alias === undefined) {
      throw new KmsError("NotFoundException", `Alias ${this.aliasArn(aliasName)} is not found.`);
    }
    this.aliases.delete(aliasName);
    const left = (this.aliasesPerKey.get(alias.keyId) ?? 1) - 1;
    if (left > 0) this.aliasesPerKey.set(alias.keyId, left);
    else this.aliasesPerKey.delete(alias.keyId);
  }

  allAliases(): { aliasName: string; keyId: string; creationDateSec: number }[] {
    return [...this.aliases].map(([aliasName, a]) => ({ aliasName, ...a }));
  }
}
