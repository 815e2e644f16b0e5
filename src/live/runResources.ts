/**
 * Finding a run's resources by its run id rather than by the manifest alone: its aliases carry the
 * id in their name (alias/kmsplan/<runId>/...), its keys in a kmsplan:run tag, its bucket in its
 * name (derived from the run id, and recorded before CreateBucket, so never unknown). Used by
 * cleanup to find what a crash left unrecorded, and by the check after cleanup that decides
 * `cleanedUp`.
 *
 * Calls: ListAliases (pages of 100), ListKeys (pages of 1,000) + ListResourceTags per key (only
 * when the manifest has a key whose CreateKey answer was never recorded), DescribeKey per key,
 * HeadBucket, ListObjectsV2.
 */
import { DescribeKeyCommand, ListAliasesCommand, ListKeysCommand, ListResourceTagsCommand, type KMS } from "@aws-sdk/client-kms";
import { HeadBucketCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import type { CleanupCalls } from "./CleanupCalls.js";
import { RUN_TAG_KEY } from "./provision.js";

/** The alias prefix of a run. */
export const aliasPrefix = (runId: string): string => `alias/kmsplan/${runId}/`;

/** The run's aliases still in the account, with their target key ids; null when they could not be listed. */
export async function listRunAliases(kms: KMS, runId: string, calls: CleanupCalls): Promise<{ name: string; targetKeyId: string | null }[] | null> {
  const prefix = aliasPrefix(runId);
  const found: { name: string; targetKeyId: string | null }[] = [];
  let marker: string | undefined;
  do {
    const page = await calls.run("kms", "ListAliases", () => kms.send(new ListAliasesCommand({ Limit: 100, Marker: marker })));
    if (!page.ok) return null;
    for (const a of page.value.Aliases ?? []) {
      if (a.AliasName?.startsWith(prefix)) found.push({ name: a.AliasName, targetKeyId: a.TargetKeyId ?? null });
    }
    marker = page.value.Truncated ? page.value.NextMarker : undefined;
  } while (marker);
  return found;
}

/** Keys tagged kmsplan:run=<runId> (ARNs), skipping `known` key ids; null when the scan did not finish. */
export async function scanRunKeys(kms: KMS, runId: string, known: ReadonlySet<string>, calls: CleanupCalls): Promise<string[] | null> {
  const found: string[] = [];
  let marker: string | undefined;
  do {
    const page = await calls.run("kms", "ListKeys", () => kms.send(new ListKeysCommand({ Limit: 1000, Marker: marker })));
    if (!page.ok) return null;
    for (const k of page.value.Keys ?? []) {
      if (!k.KeyId || known.has(k.KeyId)) continue;
      const keyId = k.KeyId;
      // A key this account cannot read the tags of (an AWS managed key, a key policy) is not the run's.
      const tags = await calls.run("kms", `ListResourceTags ${keyId}`, () => kms.send(new ListResourceTagsCommand({ KeyId: keyId })), ["AccessDeniedException", "KMSInvalidStateException"]);
      if (!tags.ok) {
        if (!calls.reachable("kms")) return null;
        continue;
      }
      if ((tags.value.Tags ?? []).some((t) => t.TagKey === RUN_TAG_KEY && t.TagValue === runId)) found.push(k.KeyArn ?? keyId);
    }
    marker = page.value.Truncated ? page.value.NextMarker : undefined;
  } while (marker);
  return found;
}

/** A key's state ("Enabled", "PendingDeletion", ...), "gone" when KMS does not know it, null when it could not be read. */
export async function keyState(kms: KMS, keyId: string, calls: CleanupCalls): Promise<string | null> {
  const d = await calls.run("kms", `DescribeKey ${keyId}`, () => kms.send(new DescribeKeyCommand({ KeyId: keyId })));
  if (d.ok) return d.value.KeyMetadata?.KeyState ?? null;
  return d.gone ? "gone" : null;
}

/** Whether a bucket exists: true, false (404), or null when it could not be told. */
export async function bucketExists(s3: S3Client, bucket: string, calls: CleanupCalls): Promise<boolean | null> {
  const h = await calls.run("s3", `HeadBucket ${bucket}`, () => s3.send(new HeadBucketCommand({ Bucket: bucket })));
  if (h.ok) return true;
  return h.gone ? false : null;
}

/** Every object key under `prefix` (the whole bucket for undefined); null when listing failed. */
export async function listObjects(s3: S3Client, bucket: string, prefix: string | undefined, calls: CleanupCalls): Promise<string[] | null> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await calls.run("s3", `ListObjectsV2 ${bucket}`, () => s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })));
    if (!page.ok) return page.gone ? [] : null;
    for (const o of page.value.Contents ?? []) if (o.Key) keys.push(o.Key);
    token = page.value.IsTruncated ? page.value.NextContinuationToken : undefined;
  } while (token);
  return keys;
}
