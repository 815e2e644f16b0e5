/**
 * `planLive`: what a live run would create and send, computed without sending anything. The
 * CLI prints it, and against real AWS without `yes` it is all `runLive` does.
 *
 * Estimate per application operation, before any caching or Bucket Keys credit (an upper bound):
 * encrypt 1 GenerateDataKey (+1 Encrypt per extra wrapping key), decrypt 1 Decrypt, s3-put 1 S3
 * request + 1 KMS call made by S3, s3-get the same, kms:* 1. Plus provisioning: per key CreateKey,
 * CreateAlias, ScheduleKeyDeletion, DeleteAlias. Cost = KMS requests x $0.03 / 10,000 plus each
 * key's $1/month prorated over a 1-hour minimum. Example: 3 tenant keys, 50 ops/s for 3 s, half
 * encrypt/decrypt -> 150 KMS calls + 12 management calls, about $0.0046 for the key-hours.
 */
import { pricePer10k } from "../model/cost.js";
import { expectedArrivals, buildRateCurve } from "../plan/Schedule.js";
import { regionNote, resolveEndpoints } from "./endpoints.js";
import { HTTP_DRIVER_LIMITS } from "./httpDrive.js";
import { keySlots, liveScenario } from "./liveScenario.js";
import type { LiveOptions, LivePlan } from "./types.js";

/** Operations direct `kms:` mix entries may name in a live run. */
export const LIVE_KMS_OPERATIONS: readonly string[] = [
  "GenerateDataKey",
  "GenerateDataKeyWithoutPlaintext",
  "Encrypt",
  "Decrypt",
  "ReEncrypt",
  "GenerateRandom",
  "DescribeKey",
];

/** Hours of key storage charged at least (keys pending deletion are free; prorated hourly). */
const MIN_KEY_HOURS = 1;
const HOURS_PER_MONTH = 720;

export function newRunId(nowMs: number): string {
  const ts = new Date(nowMs).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "z").toLowerCase();
  return `${ts}-${Math.random().toString(36).slice(2, 8)}`;
}

export function planLive(opts: LiveOptions, runId: string = opts.runId ?? newRunId(Date.now())): LivePlan {
  const scenario = liveScenario(opts.scenario, opts.tenants, opts.scale);
  const ep = resolveEndpoints(opts);
  const notes: string[] = [];
  for (const m of scenario.traffic.mix) {
    if (m.op === "kms" && !LIVE_KMS_OPERATIONS.includes(m.kmsOperation ?? "")) {
      notes.push(`mix ${m.label}: not supported by live (supported: ${LIVE_KMS_OPERATIONS.join(", ")}); counted as failed`);
    }
  }
  if (scenario.cache?.type === "hierarchical") notes.push("hierarchical cache is not driven live: a plain KMS keyring is used");
  if (scenario.keys.extraWrappingKeys > 0) notes.push("extra wrapping keys are not provisioned live: one key per keyring");
  if (scenario.keys.tier !== "customer-managed") notes.push(`key tier ${scenario.keys.tier}: live creates customer managed keys instead`);
  if (opts.tenants !== undefined && opts.tenants < opts.scenario.tenants.count) {
    notes.push(`tenants capped at ${scenario.tenants.count} of ${opts.scenario.tenants.count}`);
  }
  const rn = regionNote(ep, opts);
  if (rn) notes.push(rn);
  if (opts.driver === "http") notes.push(HTTP_DRIVER_LIMITS);

  const existingKeys = opts.useExisting?.keyArns ?? [];
  const slots = existingKeys.length > 0 ? [] : keySlots(scenario);
  const usesS3 = opts.driver === "http" || scenario.traffic.mix.some((m) => (m.op === "s3-put" || m.op === "s3-get") && m.share > 0);
  const bucket = usesS3 && !opts.useExisting?.bucket ? bucketName(runId) : (opts.useExisting?.bucket ?? null);

  const curve = buildRateCurve(scenario.traffic.shape);
  const durationSec = scenario.durationMs / 1000;
  const operations = Math.round(expectedArrivals(curve, durationSec));
  let kmsPerOp = 0;
  let s3PerOp = 0;
  for (const m of scenario.traffic.mix) {
    if (m.op === "encrypt") kmsPerOp += m.share * (1 + scenario.keys.extraWrappingKeys);
    else if (m.op === "decrypt" || m.op === "kms") kmsPerOp += m.share;
    else {
      kmsPerOp += m.share;
      s3PerOp += m.share;
    }
  }
  const managementCalls = slots.length * 4 + (bucket && !opts.useExisting?.bucket ? 4 : 0);
  const estimatedKmsRequests = Math.ceil(operations * kmsPerOp) + managementCalls;
  const estimatedS3Requests = Math.ceil(operations * s3PerOp) * 2; // + deletes at cleanup
  const requestUsd = (estimatedKmsRequests / 10_000) * pricePer10k(scenario.keys.spec);
  const keyUsd = (slots.length * Math.max(MIN_KEY_HOURS, Math.ceil(durationSec / 3600))) / HOURS_PER_MONTH;
  return {
    runId,
    realAws: ep.realAws,
    kmsEndpoint: ep.kms,
    s3Endpoint: ep.s3,
    region: ep.region,
    tenants: scenario.tenants.count,
    ratePerSec: operations / Math.max(durationSec, 1e-9),
    durationSec,
    keys: { count: slots.length, names: slots.map((s) => s.name) },
    aliases: slots.map((s) => aliasName(runId, s.name)),
    bucket,
    operations,
    estimatedKmsRequests,
    estimatedS3Requests,
    estimatedCostUsd: Math.round((requestUsd + keyUsd) * 1e6) / 1e6,
    notes,
  };
}

export function aliasName(runId: string, keyName: string): string {
  return `alias/kmsplan/${runId}/${keyName}`;
}

/** S3 bucket names: 3-63 lowercase letters, digits, hyphens. */
export function bucketName(runId: string): string {
  return `kmsplan-${runId.toLowerCase().replace(/[^a-z0-9-]/g, "-")}`.slice(0, 63).replace(/-+$/, "");
}
