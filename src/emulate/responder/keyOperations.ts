/**
 * Management operations of the built-in responder: CreateKey, DescribeKey, ListKeys, aliases,
 * EnableKey/DisableKey, ScheduleKeyDeletion/CancelKeyDeletion, tags. Each takes the parsed JSON
 * body and returns the JSON answer, or throws a KmsError as KMS would answer.
 */
import { MAX_ALIAS_NAME_CHARS, MAX_DESCRIPTION_CHARS, MAX_TAG_KEY_CHARS, MAX_TAG_VALUE_CHARS, MAX_TAGS_PER_KEY } from "../limits.js";
import { KmsError } from "../wire.js";
import { optionalInt, optionalString, requiredString, type Body } from "./fields.js";
import type { EmulatedKey, KeyTable } from "./KeyTable.js";

/** Key specs KMS accepts in CreateKey (RSA/ECC/SM2/ML-DSA keys: metadata only in the emulator). */
const KEY_SPECS = new Set([
  "SYMMETRIC_DEFAULT", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512", "RSA_2048", "RSA_3072", "RSA_4096",
  "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "ECC_NIST_EDWARDS25519", "SM2",
  "ML_DSA_44", "ML_DSA_65", "ML_DSA_87",
]);

/** Key usages allowed per key-spec family; the first is the default where KMS has one. */
function allowedUsages(spec: string): string[] {
  if (spec === "SYMMETRIC_DEFAULT") return ["ENCRYPT_DECRYPT"];
  if (spec.startsWith("HMAC_")) return ["GENERATE_VERIFY_MAC"];
  if (spec.startsWith("RSA_")) return ["ENCRYPT_DECRYPT", "SIGN_VERIFY"];
  if (spec === "SM2") return ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "KEY_AGREEMENT"];
  if (spec.startsWith("ML_DSA_") || spec === "ECC_SECG_P256K1") return ["SIGN_VERIFY"];
  return ["SIGN_VERIFY", "KEY_AGREEMENT"];
}

function algorithms(key: EmulatedKey): Record<string, string[]> {
  if (key.spec === "SYMMETRIC_DEFAULT") return { EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"] };
  if (key.spec.startsWith("HMAC_")) return { MacAlgorithms: [`HMAC_SHA_${key.spec.slice(5)}`] };
  if (key.keyUsage === "ENCRYPT_DECRYPT") return { EncryptionAlgorithms: ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"] };
  if (key.keyUsage === "KEY_AGREEMENT") return { KeyAgreementAlgorithms: ["ECDH"] };
  if (key.spec.startsWith("RSA_")) return { SigningAlgorithms: ["RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PSS_SHA_256"] };
  return { SigningAlgorithms: ["ECDSA_SHA_256"] };
}

export function keyMetadata(table: KeyTable, key: EmulatedKey): Record<string, unknown> {
  const meta: Record<string, unknown> = {
    AWSAccountId: table.accountId,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: key.creationDateSec,
    Enabled: key.state === "Enabled",
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeyState: key.state,
    Origin: key.origin,
    KeyManager: "CUSTOMER",
    CustomerMasterKeySpec: key.spec,
    KeySpec: key.spec,
    ...algorithms(key),
    MultiRegion: false,
  };
  if (key.customKeyStoreId) meta.CustomKeyStoreId = key.customKeyStoreId;
  if (key.deletionDateSec !== null) {
    meta.DeletionDate = key.deletionDateSec;
    meta.PendingDeletionWindowInDays = key.pendingWindowDays;
  }
  return meta;
}

function tagError(message: string): KmsError {
  return new KmsError("TagException", message);
}

/** Tags of a request: a list of {TagKey 1-128 chars, TagValue 0-256 chars}, at most 50 (KMS's limits, limits.ts). */
function readTags(body: Body, name = "Tags"): { TagKey: string; TagValue: string }[] {
  const v = body[name];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((t) => t && typeof t.TagKey === "string" && typeof t.TagValue === "string")) {
    throw new KmsError("ValidationException", `${name} must be a list of {TagKey, TagValue} strings`);
  }
  if (v.length > MAX_TAGS_PER_KEY) throw tagError(`A key can have at most ${MAX_TAGS_PER_KEY} tags.`);
  for (const t of v as { TagKey: string; TagValue: string }[]) {
    if (t.TagKey.length < 1 || t.TagKey.length > MAX_TAG_KEY_CHARS) throw tagError(`Tag keys must be 1 to ${MAX_TAG_KEY_CHARS} characters.`);
    if (t.TagValue.length > MAX_TAG_VALUE_CHARS) throw tagError(`Tag values must be at most ${MAX_TAG_VALUE_CHARS} characters.`);
  }
  return v as { TagKey: string; TagValue: string }[];
}

export function createKey(table: KeyTable, body: Body): unknown {
  const spec = optionalString(body, "KeySpec") ?? optionalString(body, "CustomerMasterKeySpec") ?? "SYMMETRIC_DEFAULT";
  if (!KEY_SPECS.has(spec)) throw new KmsError("ValidationException", `KeySpec ${spec} is not valid`);
  const usages = allowedUsages(spec);
  const usage = optionalString(body, "KeyUsage");
  // KMS requires KeyUsage for every key but symmetric encryption keys (HMAC included).
  if (usage === null && spec !== "SYMMETRIC_DEFAULT") {
    throw new KmsError("ValidationException", `KeyUsage must be specified for a ${spec} key`);
  }
  if (usage !== null && !usages.includes(usage)) {
    throw new KmsError("ValidationException", `KeyUsage ${usage} is not compatible with KeySpec ${spec}`);
  }
  const customKeyStoreId = optionalString(body, "CustomKeyStoreId");
  const description = optionalString(body, "Description") ?? "";
  if (description.length > MAX_DESCRIPTION_CHARS) {
    throw new KmsError("ValidationException", `1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to ${MAX_DESCRIPTION_CHARS}`);
  }
  const key = table.create({
    spec,
    keyUsage: usage ?? usages[0],
    description,
    origin: optionalString(body, "Origin") ?? (customKeyStoreId ? "AWS_CLOUDHSM" : "AWS_KMS"),
    customKeyStoreId,
    tags: readTags(body),
  });
  return { KeyMetadata: keyMetadata(table, key) };
}

export function describeKey(table: KeyTable, body: Body): unknown {
  return { KeyMetadata: keyMetadata(table, table.resolve(requiredString(body, "KeyId"))) };
}

/** Pagination shared by the List* operations: `Marker` is the index of the next item. */
function page<T>(items: T[], body: Body): { items: T[]; more: Record<string, unknown> } {
  const limit = optionalInt(body, "Limit", 1, 1000) ?? 100;
  const marker = optionalString(body, "Marker");
  const start = marker === null ? 0 : Number(marker);
  if (!Number.isInteger(start) || start < 0) throw new KmsError("InvalidMarkerException", "Invalid marker");
  const slice = items.slice(start, start + limit);
  const next = start + slice.length;
  return { items: slice, more: next < items.length ? { Truncated: true, NextMarker: String(next) } : { Truncated: false } };
}

export function listKeys(table: KeyTable, body: Body): unknown {
  const { items, more } = page(table.allKeys(), body);
  return { Keys: items.map((k) => ({ KeyId: k.keyId, KeyArn: k.arn })), ...more };
}

export function createAlias(table: KeyTable, body: Body): unknown {
  const aliasName = requiredString(body, "AliasName");
  if (aliasName.length > MAX_ALIAS_NAME_CHARS || !/^alias\/[a-zA-Z0-9/_-]+$/.test(aliasName)) {
    throw new KmsError("ValidationException", `Alias name ${aliasName.slice(0, MAX_ALIAS_NAME_CHARS)} is not valid`);
  }
  if (aliasName.startsWith("alias/aws/")) throw new KmsError("NotAuthorizedException", "Cannot create an alias with the prefix alias/aws/");
  const key = table.resolve(requiredString(body, "TargetKeyId"));
  table.addAlias(aliasName, key.keyId);
  return {};
}

export function deleteAlias(table: KeyTable, body: Body): unknown {
  table.deleteAlias(requiredString(body, "AliasName"));
  return {};
}

export function listAliases(table: KeyTable, body: Body): unknown {
  const keyFilter = optionalString(body, "KeyId");
  const keyId = keyFilter === null ? null : table.resolve(keyFilter).keyId;
  const all = table.allAliases().filter((a) => keyId === null || a.keyId === keyId);
  const { items, more } = page(all, body);
  const aliases = items.map((a) => ({
    AliasName: a.aliasName,
    AliasArn: table.aliasArn(a.aliasName),
    TargetKeyId: a.keyId,
    CreationDate: a.creationDateSec,
  }));
  return { Aliases: aliases, ...more };
}

export function pendingDeletion(key: EmulatedKey): KmsError {
  return new KmsError("KMSInvalidStateException", `${key.arn} is pending deletion.`);
}

export function scheduleKeyDeletion(table: KeyTable, body: Body): unknown {
  const key = table.resolve(requiredString(body, "KeyId"));
  const days = optionalInt(body, "PendingWindowInDays", 7, 30) ?? 30;
  if (key.state === "PendingDeletion") throw pendingDeletion(key);
  key.state = "PendingDeletion";
  key.pendingWindowDays = days;
  key.deletionDateSec = Math.floor(Date.now() / 1000) + days * 86_400;
  return { KeyId: key.arn, DeletionDate: key.deletionDateSec, KeyState: key.state, PendingWindowInDays: days };
}

export function cancelKeyDeletion(table: KeyTable, body: Body): unknown {
  const key = table.resolve(requiredString(body, "KeyId"));
  if (key.state !== "PendingDeletion") throw new KmsError("KMSInvalidStateException", `${key.arn} is not pending deletion.`);
  key.state = "Disabled"; // as KMS: a key whose deletion is cancelled comes back disabled
  key.deletionDateSec = null;
  key.pendingWindowDays = null;
  return { KeyId: key.arn };
}

export function setEnabled(enabled: boolean): (table: KeyTable, body: Body) => unknown {
  return (table, body) => {
    const key = table.resolve(requiredString(body, "KeyId"));
    if (key.state === "PendingDeletion") throw pendingDeletion(key);
    key.state = enabled ? "Enabled" : "Disabled";
    return {};
  };
}

export function tagResource(table: KeyTable, body: Body): unknown {
  const key = table.resolve(requiredString(body, "KeyId"));
  const tags = readTags(body);
  const after = new Set([...key.tags.keys(), ...tags.map((t) => t.TagKey)]);
  if (after.size > MAX_TAGS_PER_KEY) throw tagError(`A key can have at most ${MAX_TAGS_PER_KEY} tags.`);
  for (const t of tags) key.tags.set(t.TagKey, t.TagValue);
  return {};
}

export function untagResource(table: KeyTable, body: Body): unknown {
  const key = table.resolve(requiredString(body, "KeyId"));
  const keys = body.TagKeys;
  if (!Array.isArray(keys)) throw new KmsError("ValidationException", "TagKeys must be a list of strings");
  for (const k of keys) key.tags.delete(String(k));
  return {};
}

export function listResourceTags(table: KeyTable, body: Body): unknown {
  const key = table.resolve(requiredString(body, "KeyId"));
  const { items, more } = page([...key.tags].map(([TagKey, TagValue]) => ({ TagKey, TagValue })), body);
  return { Tags: items, ...more };
}
