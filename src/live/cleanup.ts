/**
 * Deletes what a live run created, found from its manifest and by its run id (runResources.ts):
 * aliases deleted, keys ScheduleKeyDeletion (7 days, the minimum), the run's objects deleted, the
 * bucket deleted if the run created it. Resources given with `useExisting` are never deleted (only
 * the objects the run wrote). Idempotent: "not found" and "already pending deletion" count as done.
 *
 * Then a check: the run's aliases listed again, each of its keys described, its bucket (or, in a
 * bucket it only used, its prefix) looked up. The manifest says `cleanedUp: true` only when that
 * check found nothing of the run left - a key pending deletion counts as cleaned, an enabled key or
 * an alias does not - and no call failed. An endpoint that cannot be reached or does not answer
 * stops the cleanup after one call's time bound (CleanupCalls.ts, timeouts.ts).
 */
import { DeleteAliasCommand, KMS, ScheduleKeyDeletionCommand } from "@aws-sdk/client-kms";
import { DeleteBucketCommand, DeleteObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CleanupCalls } from "./CleanupCalls.js";
import { chooseCredentials } from "./credentials.js";
import { Manifest, type ManifestData } from "./Manifest.js";
import { bucketExists, keyState, listObjects, listRunAliases, scanRunKeys } from "./runResources.js";
import { adminClientConfig, adminTimeouts } from "./timeouts.js";
import type { CleanupReport, LiveCredentialSource } from "./types.js";

export { PENDING_WINDOW_DAYS } from "./liveConstants.js";
import { PENDING_WINDOW_DAYS } from "./liveConstants.js";

export interface CleanupClients {
  kms: KMS;
  s3: S3Client;
}

/**
 * The bare key id of a key ARN ("arn:aws:kms:r:a:key/<id>" -> "<id>"). KMS accepts either, but
 * moto_server 5.2.1 answers ScheduleKeyDeletion on an ARN with HTTP 500 HTML: the id works on both.
 */
export function keyIdOf(arn: string): string {
  const i = arn.lastIndexOf(":key/");
  return i >= 0 ? arn.slice(i + 5) : arn;
}

/** Key states that count as cleaned: deletion scheduled, or already deleted. */
const CLEANED_KEY_STATES = new Set(["PendingDeletion", "gone"]);

export interface CleanupContext {
  /** Where credentials came from, in words (for the no-credentials line). */
  credentialSource?: string;
  /** The endpoints the clients talk to, for messages; default the manifest's. */
  endpoints?: { kms: string | null; s3: string | null };
}

/** Deletes everything of the run: manifest entries and what the run id finds. Mutates the report. */
async function deleteAll(d: ManifestData, c: CleanupClients, calls: CleanupCalls, report: CleanupReport): Promise<string[]> {
  const existing = new Set(d.existingKeyArns.map(keyIdOf));
  const aliases = new Set(d.aliases);
  const keys = new Map<string, string>(); // key id -> ARN (or id)
  for (const arn of d.keyArns) keys.set(keyIdOf(arn), arn);

  for (const a of (await listRunAliases(c.kms, d.runId, calls)) ?? []) {
    if (!aliases.has(a.name)) report.found.push(a.name);
    aliases.add(a.name);
    if (a.targetKeyId && !existing.has(keyIdOf(a.targetKeyId)) && !keys.has(keyIdOf(a.targetKeyId))) {
      keys.set(keyIdOf(a.targetKeyId), a.targetKeyId);
      report.found.push(a.targetKeyId);
    }
  }
  if (d.pendingKeys.length > 0 && calls.reachable("kms")) {
    // A CreateKey whose answer was never recorded: the key, if it exists, is found by its tag.
    const tagged = await scanRunKeys(c.kms, d.runId, new Set(keys.keys()), calls);
    if (tagged !== null) {
      for (const arn of tagged) {
        if (existing.has(keyIdOf(arn))) continue;
        keys.set(keyIdOf(arn), arn);
        report.found.push(arn);
      }
      d.keyArns = [...new Set([...d.keyArns, ...tagged])];
      d.pendingKeys = [];
    }
  }

  for (const alias of aliases) {
    const r = await calls.run("kms", `DeleteAlias ${alias}`, () => c.kms.send(new DeleteAliasCommand({ AliasName: alias })));
    if (r.ok || r.gone) report.aliasesDeleted.push(alias);
  }
  for (const [id, arn] of keys) {
    const r = await calls.run("kms", `ScheduleKeyDeletion ${arn}`, () => c.kms.send(new ScheduleKeyDeletionCommand({ KeyId: id, PendingWindowInDays: PENDING_WINDOW_DAYS })), ["KMSInvalidStateException"]);
    // KMSInvalidStateException: already pending deletion (or in a state the check below will name).
    if (r.ok || r.gone || (r.error as { name?: string })?.name === "KMSInvalidStateException") report.keysScheduled.push(arn);
  }

  const objectsBucket = d.objectsBucket ?? d.bucket;
  if (objectsBucket) {
    // Objects written after the last manifest save: the run's prefix (or the whole bucket it created).
    const prefix = d.bucket === objectsBucket ? undefined : `kmsplan/${d.runId}/`;
    const toDelete = new Set(d.objects.filter((k) => prefix === undefined || k.startsWith(prefix)));
    for (const k of (await listObjects(c.s3, objectsBucket, prefix, calls)) ?? []) toDelete.add(k);
    for (const key of toDelete) {
      const r = await calls.run("s3", `DeleteObject ${key}`, () => c.s3.send(new DeleteObjectCommand({ Bucket: objectsBucket, Key: key })));
      if (r.ok || r.gone) report.objectsDeleted++;
    }
  }
  if (d.bucket) {
    const bucket = d.bucket;
    const r = await calls.run("s3", `DeleteBucket ${bucket}`, () => c.s3.send(new DeleteBucketCommand({ Bucket: bucket })));
    report.bucketDeleted = r.ok || r.gone;
  }
  return [...keys.keys()];
}

/** The check after cleanup: what of the run is still there, in words (empty when nothing). Calls that fail are errors in `calls`. */
async function leftovers(d: ManifestData, keyIds: string[], c: CleanupClients, calls: CleanupCalls): Promise<string[]> {
  const left: string[] = [];
  const aliases = await listRunAliases(c.kms, d.runId, calls);
  for (const a of aliases ?? []) left.push(`alias ${a.name}`);
  for (const id of keyIds) {
    const state = await keyState(c.kms, id, calls);
    if (state !== null && !CLEANED_KEY_STATES.has(state)) left.push(`key ${id} (${state})`);
  }
  const objectsBucket = d.objectsBucket ?? d.bucket;
  if (d.bucket) {
    if ((await bucketExists(c.s3, d.bucket, calls)) === true) left.push(`bucket ${d.bucket}`);
  } else if (objectsBucket) {
    const objects = await listObjects(c.s3, objectsBucket, `kmsplan/${d.runId}/`, calls);
    if (objects !== null && objects.length > 0) left.push(`${objects.length} object(s) under s3://${objectsBucket}/kmsplan/${d.runId}/`);
  }
  return left;
}

export async function cleanupManifest(manifest: Manifest, c: CleanupClients, ctx: CleanupContext = {}): Promise<CleanupReport> {
  const d = manifest.data;
  const report: CleanupReport = { keysScheduled: [], aliasesDeleted: [], objectsDeleted: 0, bucketDeleted: false, found: [], leftovers: [], errors: [] };
  const calls = new CleanupCalls(ctx.endpoints ?? { kms: d.kmsEndpoint, s3: d.s3Endpoint }, ctx.credentialSource);
  const keyIds = await deleteAll(d, c, calls, report);
  if (calls.fatalLine() === null) report.leftovers = await leftovers(d, keyIds, c, calls);
  report.errors = [...calls.errors, ...calls.skippedLines()];
  d.cleanedUp = report.errors.length === 0 && report.leftovers.length === 0;
  manifest.save();
  return report;
}

export interface CleanupFromManifestOptions {
  /** Default `chooseCredentials` over `profile` and `env` (dummy ones for a local endpoint). */
  credentials?: LiveCredentialSource;
  /** Credential profile (`--profile`), read with the SDK's fromIni. */
  profile?: string;
  /** Environment for credentials; default process.env. */
  env?: Record<string, string | undefined>;
  /** Override the endpoints recorded in the manifest. */
  endpointUrl?: string;
  s3EndpointUrl?: string;
  /** Bound on one attempt of each call, ms; default ADMIN_REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number;
}

/** The endpoints a cleanup of `manifest` talks to, after overrides. */
export function cleanupEndpoints(d: Pick<ManifestData, "kmsEndpoint" | "s3Endpoint">, opts: Pick<CleanupFromManifestOptions, "endpointUrl" | "s3EndpointUrl">): { kms: string | null; s3: string | null } {
  return { kms: opts.endpointUrl ?? d.kmsEndpoint, s3: opts.s3EndpointUrl ?? opts.endpointUrl ?? d.s3Endpoint };
}

/** Finish (or redo) the cleanup of a run from its manifest file, e.g. after a crash. Throws InputError for a file that is not a manifest. */
export async function cleanupFromManifest(file: string, opts: CleanupFromManifestOptions = {}): Promise<CleanupReport> {
  const manifest = Manifest.read(file);
  const d = manifest.data;
  const ep = cleanupEndpoints(d, opts);
  const usesS3 = d.bucket !== null || d.objectsBucket !== null;
  const chosen = opts.credentials
    ? { credentials: opts.credentials, source: "the credentials given" }
    : chooseCredentials({ profile: opts.profile, env: opts.env ?? process.env, endpoints: usesS3 ? [ep.kms, ep.s3] : [ep.kms] });
  const timeouts = adminTimeouts(opts.requestTimeoutMs);
  const config = () => ({ region: d.region, ...adminClientConfig(timeouts), ...(chosen.credentials ? { credentials: chosen.credentials } : {}) });
  const kms = new KMS({ ...config(), ...(ep.kms ? { endpoint: ep.kms } : {}) });
  const s3 = new S3Client({ ...config(), ...(ep.s3 ? { endpoint: ep.s3, forcePathStyle: true } : {}) });
  try {
    return await cleanupManifest(manifest, { kms, s3 }, { credentialSource: chosen.source, endpoints: ep });
  } finally {
    kms.destroy();
    s3.destroy();
  }
}
