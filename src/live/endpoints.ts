/**
 * Where `live` sends requests: an explicit endpoint, else the SDK's environment conventions
 * (AWS_ENDPOINT_URL_KMS / AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL), else real AWS (null).
 * Real AWS is what the `yes` guardrail protects. The Region: `region`, else AWS_REGION, else the
 * scenario's `account.region` (whose quotas the model uses: `regionNote` says when they differ).
 */
import type { LiveOptions } from "./types.js";

export interface ResolvedEndpoints {
  kms: string | null;
  s3: string | null;
  /** True when either service would go to real AWS. */
  realAws: boolean;
  region: string;
  /** True when the run talks to S3 (an S3 op in the mix, or the http driver). */
  usesS3: boolean;
}

export function resolveEndpoints(opts: LiveOptions): ResolvedEndpoints {
  const env = opts.env ?? process.env;
  const nonEmpty = (v: string | undefined): string | null => (v && v.trim() !== "" ? v.trim() : null);
  const kms = nonEmpty(opts.endpointUrl) ?? nonEmpty(env.AWS_ENDPOINT_URL_KMS) ?? nonEmpty(env.AWS_ENDPOINT_URL);
  const s3 =
    nonEmpty(opts.s3EndpointUrl) ?? nonEmpty(opts.endpointUrl) ?? nonEmpty(env.AWS_ENDPOINT_URL_S3) ?? nonEmpty(env.AWS_ENDPOINT_URL);
  const usesS3 = opts.driver === "http" || opts.scenario.traffic.mix.some((m) => m.op === "s3-put" || m.op === "s3-get");
  return {
    kms,
    s3,
    realAws: kms === null || (usesS3 && s3 === null),
    region: nonEmpty(opts.region) ?? nonEmpty(env.AWS_REGION) ?? opts.scenario.account.region,
    usesS3,
  };
}

/** A note when the run's Region is not the scenario's (whose quotas and prices the prediction uses), else null. */
export function regionNote(ep: ResolvedEndpoints, opts: LiveOptions): string | null {
  const written = opts.scenario.account.region;
  if (ep.region === written) return null;
  const from = opts.region ? "--region" : "AWS_REGION";
  return `Region ${ep.region} (from ${from}) is not the scenario's ${written}: a prediction of this scenario uses ${written}'s quotas`;
}
