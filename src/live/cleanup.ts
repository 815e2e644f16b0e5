/**
 * Deletes what a live run created, from its manifest: keys ScheduleKeyDeletion (7 days, the
 * minimum), aliases deleted, the run's objects deleted, the bucket deleted if the run created it.
 * Idempotent and best effort: every step is tried, failures are collected, "not found" counts as
 * done. Resources given with `useExisting` are never deleted (only the objects the run wrote).
 */
import { DeleteAliasCommand, KMS, ScheduleKeyDeletionCommand } from "@aws-sdk/client-kms";
import { DeleteBucketCommand, DeleteObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { Manifest } from "./Manifest.js";
import type { CleanupReport, LiveCredentials } from "./types.js";

/** Days before a scheduled key is deleted: 7 is the minimum KMS accepts (range 7-30). */
export const PENDING_WINDOW_DAYS = 7;

export interface CleanupClients {
  kms: KMS;
  s3: S3Client;
}

const gone = (err: unknown): boolean => {
  const name = (err as { name?: string })?.name ?? "";
  return name === "NotFoundException" || name === "NoSuchBucket" || name === "NoSuchKey" || name === "KMSInvalidStateException";
};

/**
 * The bare key id of a key ARN ("arn:aws:kms:r:a:key/<id>" -> "<id>"). KMS accepts either, but
 * moto_server 5.2.1 answers ScheduleKeyDeletion on an ARN with HTTP 500 HTML: the id works on both.
 */
export function keyIdOf(arn: string): string {
  const i = arn.lastIndexOf(":key/");
  return i >= 0 ? arn.slice(i + 5) : arn;
}

export async function cleanupManifest(manifest: Manifest, c: CleanupClients): Promise<CleanupReport> {
  const d = manifest.data;
  const report: CleanupReport = { keysScheduled: [], aliasesDeleted: [], objectsDeleted: 0, bucketDeleted: false, errors: [] };
  const attempt = async (what: string, fn: () => Promise<unknown>): Promise<boolean> => {
    try {
      await fn();
      return true;
    } catch (err) {
      if (gone(err)) return true;
      report.errors.push(`${what}: ${(err as Error)?.name ?? "Error"}: ${(err as Error)?.message ?? String(err)}`);
      return false;
    }
  };

  for (const alias of d.aliases) {
    if (await attempt(`DeleteAlias ${alias}`, () => c.kms.send(new DeleteAliasCommand({ AliasName: alias })))) {
      report.aliasesDeleted.push(alias);
    }
  }
  for (const arn of d.keyArns) {
    const ok = await attempt(`ScheduleKeyDeletion ${arn}`, () =>
      c.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyIdOf(arn), PendingWindowInDays: PENDING_WINDOW_DAYS })),
    );
    if (ok) report.keysScheduled.push(arn);
  }

  const objectsBucket = d.objectsBucket ?? d.bucket;
  if (objectsBucket) {
    const toDelete = new Set(d.objects);
    // Objects written after the last manifest save: the run's prefix (or the whole bucket it created).
    const prefix = d.bucket === objectsBucket ? undefined : `kmsplan/${d.runId}/`;
    await attempt(`ListObjectsV2 ${objectsBucket}`, async () => {
      let token: string | undefined;
      do {
        const page = await c.s3.send(new ListObjectsV2Command({ Bucket: objectsBucket, Prefix: prefix, ContinuationToken: token }));
        for (const o of page.Contents ?? []) if (o.Key) toDelete.add(o.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    });
    for (const key of toDelete) {
      if (await attempt(`DeleteObject ${key}`, () => c.s3.send(new DeleteObjectCommand({ Bucket: objectsBucket, Key: key })))) {
        report.objectsDeleted++;
      }
    }
  }
  if (d.bucket) {
    report.bucketDeleted = await attempt(`DeleteBucket ${d.bucket}`, () => c.s3.send(new DeleteBucketCommand({ Bucket: d.bucket! })));
  }
  d.cleanedUp = report.errors.length === 0;
  manifest.save();
  return report;
}

export interface CleanupFromManifestOptions {
  credentials?: LiveCredentials;
  /** Override the endpoints recorded in the manifest. */
  endpointUrl?: string;
  s3EndpointUrl?: string;
}

/** Finish (or redo) the cleanup of a run from its manifest file, e.g. after a crash. */
export async function cleanupFromManifest(file: string, opts: CleanupFromManifestOptions = {}): Promise<CleanupReport> {
  const manifest = Manifest.read(file);
  const d = manifest.data;
  const kmsEndpoint = opts.endpointUrl ?? d.kmsEndpoint;
  const s3Endpoint = opts.s3EndpointUrl ?? opts.endpointUrl ?? d.s3Endpoint;
  const kms = new KMS({
    region: d.region,
    maxAttempts: 5,
    ...(kmsEndpoint ? { endpoint: kmsEndpoint } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
  });
  const s3 = new S3Client({
    region: d.region,
    maxAttempts: 5,
    ...(s3Endpoint ? { endpoint: s3Endpoint, forcePathStyle: true } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
  });
  try {
    return await cleanupManifest(manifest, { kms, s3 });
  } finally {
    kms.destroy();
    s3.destroy();
  }
}
