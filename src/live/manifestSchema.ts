/**
 * The live manifest's schema (zod, as for scenarios and results) and `readManifestData`, which
 * turns every way a manifest file can be wrong - missing, a directory, truncated, not JSON, `{}`,
 * an unknown version, missing fields, `keyArns` as a string - into one InputError line (exit 2).
 *
 * The schema also keeps cleanup to the run's own resources: the run id is a plain token, every
 * alias is under `alias/kmsplan/<runId>/`, and every key is a KMS key ARN or id, so an edited
 * manifest cannot make `cleanup` delete an alias or key of something else by name.
 */
import { readFileSync, statSync } from "node:fs";
import { z } from "zod";
import { InputError } from "../errors.js";
import { IssueSummary } from "../metrics/resultSchema.js";

/** The manifest versions this kmsplan reads. */
export const MANIFEST_VERSION = 1;

/** Largest manifest read, bytes (64 MiB: about a million object keys). */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

const KEY_REF = /^(arn:[a-z-]+:kms:[a-z0-9-]*:\d*:key\/[A-Za-z0-9-]+|[A-Za-z0-9-]{1,128})$/;

export const manifestSchema = z
  .object({
    version: z.literal(MANIFEST_VERSION),
    runId: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, "expected a run id (letters, digits, . _ -)"),
    createdIso: z.string(),
    kmsEndpoint: z.string().nullable(),
    s3Endpoint: z.string().nullable(),
    region: z.string().min(1),
    /** Keys this run created (scheduled for deletion on cleanup). */
    keyArns: z.array(z.string().regex(KEY_REF, "expected a KMS key ARN or key id")),
    /**
     * Write-ahead: layout slots whose CreateKey was sent and whose answer is not recorded yet. Not
     * empty after a crash between CreateKey and the next manifest write: cleanup then finds the key
     * by its kmsplan:run tag. Absent in manifests of earlier versions of kmsplan.
     */
    pendingKeys: z.array(z.string()).default([]),
    /** Keys it only used (never deleted). */
    existingKeyArns: z.array(z.string()),
    /** Aliases whose CreateAlias was sent (written before the call). */
    aliases: z.array(z.string()),
    /** Bucket this run created or was creating (written before CreateBucket), or null. */
    bucket: z.string().min(3).nullable(),
    existingBucket: z.string().nullable(),
    /** Object keys written into whichever bucket was used. */
    objects: z.array(z.string()),
    /** Bucket the objects were written to. */
    objectsBucket: z.string().nullable(),
    /** True only when a check after cleanup found nothing of the run left. */
    cleanedUp: z.boolean(),
  })
  .superRefine((m, ctx) => {
    const prefix = `alias/kmsplan/${m.runId}/`;
    m.aliases.forEach((a, i) => {
      if (!a.startsWith(prefix)) ctx.addIssue({ code: "custom", path: ["aliases", i], message: `expected an alias under ${prefix}` });
    });
  });

export type ManifestData = z.output<typeof manifestSchema>;

/** Reads and validates a manifest file; every problem is one InputError line naming the file. */
export function readManifestData(file: string): ManifestData {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(`${file} is a directory, not a live manifest (results/<run>.manifest.json)`);
    if (!st.isFile()) throw new InputError(`${file} is not a regular file, so not a live manifest`);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? `${file}: no such manifest file` : `cannot read ${file} (${code ?? (e as Error).message})`, { cause: e });
  }
  if (size > MAX_MANIFEST_BYTES) throw new InputError(`${file} is ${size.toLocaleString("en-US")} bytes, over the ${MAX_MANIFEST_BYTES.toLocaleString("en-US")} a manifest can be`);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new InputError(`${file} is not a live manifest: not valid JSON (${(e as Error).message.slice(0, 120)}); truncated?`, { cause: e });
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) throw new InputError(`${file} is not a live manifest: expected a JSON object`);
  const version = (doc as { version?: unknown }).version;
  if (version !== undefined && version !== MANIFEST_VERSION) {
    throw new InputError(`${file}: unknown manifest version ${JSON.stringify(version)?.slice(0, 40)} (this kmsplan reads version ${MANIFEST_VERSION})`);
  }
  const parsed = manifestSchema.safeParse(doc);
  if (!parsed.success) {
    const s = new IssueSummary(5);
    s.addIssues(parsed.error.issues, doc);
    throw new InputError(`${file} is not a valid live manifest: ${[...s.lines, s.more()].filter(Boolean).join("; ")}`);
  }
  return parsed.data;
}
