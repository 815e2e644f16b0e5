/**
 * Creates a live run's resources, each carrying the run id (keys and the bucket in a kmsplan:run
 * tag, aliases in their name): one KMS key per layout slot with alias alias/kmsplan/<run>/<name>,
 * and a bucket with SSE-KMS default encryption (first key) and Bucket Keys as `s3.bucketKeys` says.
 * Write-ahead: each intent is in the manifest (on disk) before its create call is sent, and each
 * outcome right after it answers (see Manifest.ts). With `useExisting` nothing of that kind is
 * created (and nothing of it is deleted later).
 */
import { CreateAliasCommand, CreateKeyCommand, type KMS } from "@aws-sdk/client-kms";
import { CreateBucketCommand, PutBucketEncryptionCommand, PutBucketTaggingCommand, type S3Client } from "@aws-sdk/client-s3";
import type { Scenario } from "../scenario/types.js";
import type { Manifest } from "./Manifest.js";
import { aliasName, bucketName } from "./plan.js";
import type { KeySlot } from "./liveScenario.js";
import type { ProvisionStep } from "./types.js";

export const RUN_TAG_KEY = "kmsplan:run";

export interface Provisioned {
  /** Key ARN per layout index. */
  keyArns: string[];
  bucket: string | null;
}

export interface ProvisionInput {
  kms: KMS;
  s3: S3Client;
  scenario: Scenario;
  runId: string;
  slots: KeySlot[];
  needsBucket: boolean;
  region: string;
  existing?: { keyArns?: string[]; bucket?: string };
  manifest: Manifest;
  signal?: AbortSignal;
  /** Test hook: called right after each create call answered, before its outcome is recorded. */
  onStep?: (step: ProvisionStep) => void;
}

export async function provision(p: ProvisionInput): Promise<Provisioned> {
  const tags = [{ TagKey: RUN_TAG_KEY, TagValue: p.runId }];
  let keyArns: string[];
  if (p.existing?.keyArns && p.existing.keyArns.length > 0) {
    keyArns = [...p.existing.keyArns];
  } else {
    keyArns = [];
    for (const slot of p.slots) {
      if (p.signal?.aborted) throw new Error("aborted during provisioning");
      p.manifest.intendKey(slot.name);
      const out = await p.kms.send(
        new CreateKeyCommand({
          Description: `kmsplan live run ${p.runId}: ${slot.name}`,
          KeySpec: p.scenario.keys.spec as never,
          KeyUsage: p.scenario.keys.spec.startsWith("HMAC") ? "GENERATE_VERIFY_MAC" : "ENCRYPT_DECRYPT",
          Tags: tags,
        }),
      );
      p.onStep?.("key-created");
      const arn = out.KeyMetadata?.Arn;
      if (!arn) throw new Error(`CreateKey returned no key ARN for ${slot.name}`);
      p.manifest.addKey(arn, slot.name);
      keyArns.push(arn);
      const alias = aliasName(p.runId, slot.name);
      p.manifest.addAlias(alias);
      await p.kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: arn }));
      p.onStep?.("alias-created");
    }
  }

  let bucket: string | null = null;
  if (p.existing?.bucket) {
    bucket = p.existing.bucket;
  } else if (p.needsBucket) {
    bucket = bucketName(p.runId);
    // Record the name first: a crash between CreateBucket and the next save must still clean it up.
    p.manifest.data.bucket = bucket;
    p.manifest.save();
    await p.s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        ...(p.region !== "us-east-1" ? { CreateBucketConfiguration: { LocationConstraint: p.region as never } } : {}),
      }),
    );
    p.onStep?.("bucket-created");
    await p.s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyArns[0] },
              BucketKeyEnabled: p.scenario.s3.bucketKeys,
            },
          ],
        },
      }),
    );
    await p.s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: [{ Key: RUN_TAG_KEY, Value: p.runId }] } }));
  }
  p.manifest.data.objectsBucket = bucket;
  p.manifest.save();
  return { keyArns, bucket };
}
