/**
 * Where `live` sends requests: an explicit endpoint, else the SDK's environment conventions
 * (AWS_ENDPOINT_URL_KMS / AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL), else real AWS (null).
 * Real AWS is what the `yes` guardrail protects.
 */
import type { LiveOptions } from "./types.js";

export interface ResolvedEndpoints {
  kms: string | null;
  s3: string | null;
  /** True when either service would go to real AWS. */
  realAws: boolean;
  region: string;
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
    region: opts.region ?? opts.scenario.account.region,
  };
}
