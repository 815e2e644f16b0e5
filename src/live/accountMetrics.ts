/**
 * Account facts read around a live run, each optional: the caller's account (STS
 * GetCallerIdentity), the symmetric quota (Service Quotas GetServiceQuota kms L-6E3AF000) and the
 * account's KMS CallCount per minute for the run window (CloudWatch AWS/Usage, dimensions
 * Service=KMS, Type=API, Class=None, Resource=CryptographicOperationsSymmetric; docs/reference.md §3).
 * A failure is a value ({ status: "unavailable", reason }), never an exception: moto has no
 * Service Quotas for kms, and AWS/Usage is empty there unless seeded.
 */
import { CloudWatchClient, GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { GetServiceQuotaCommand, ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { SERVICE_QUOTA_CODES } from "../model/quotas.js";
import { adminClientConfig, adminTimeouts, type ClientTimeouts } from "./timeouts.js";
import type { LiveCredentialSource, LiveInfo } from "./types.js";

export interface AccountClientSettings {
  region: string;
  /** Endpoint for STS / Service Quotas / CloudWatch (the KMS endpoint in local runs), null = AWS. */
  endpoint: string | null;
  credentials?: LiveCredentialSource;
  /** Per-attempt bounds (src/live/timeouts.ts); default adminTimeouts(). */
  timeouts?: ClientTimeouts;
}

/** CloudWatch AWS/Usage dimensions of the symmetric KMS pool (docs/reference.md §3). */
export const USAGE_DIMENSIONS = [
  { Name: "Service", Value: "KMS" },
  { Name: "Type", Value: "API" },
  { Name: "Class", Value: "None" },
  { Name: "Resource", Value: "CryptographicOperationsSymmetric" },
];

/** Period of AWS/Usage data, seconds: per-minute (one-second peaks are invisible). */
export const USAGE_PERIOD_SEC = 60;

const common = (s: AccountClientSettings) => ({
  region: s.region,
  ...adminClientConfig(s.timeouts ?? adminTimeouts()),
  ...(s.endpoint ? { endpoint: s.endpoint } : {}),
  ...(s.credentials ? { credentials: s.credentials } : {}),
});

const reason = (err: unknown): string => `${(err as Error)?.name ?? "Error"}: ${(err as Error)?.message ?? String(err)}`.slice(0, 300);

/** The caller's account; on failure `error` in words and `cause`, the SDK's error (to tell an unreachable endpoint from one without STS). */
export async function callerAccount(s: AccountClientSettings): Promise<{ accountId: string | null; error: string | null; cause?: unknown }> {
  const sts = new STSClient(common(s));
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}));
    return { accountId: out.Account ?? null, error: out.Account ? null : "GetCallerIdentity returned no account" };
  } catch (err) {
    return { accountId: null, error: reason(err), cause: err };
  } finally {
    sts.destroy();
  }
}

export async function symmetricQuota(s: AccountClientSettings): Promise<LiveInfo["quota"]> {
  const sq = new ServiceQuotasClient(common(s));
  try {
    const out = await sq.send(new GetServiceQuotaCommand({ ServiceCode: "kms", QuotaCode: SERVICE_QUOTA_CODES.symmetric }));
    const v = out.Quota?.Value;
    if (typeof v !== "number") return { status: "unavailable", reason: "GetServiceQuota returned no value" };
    return { status: "ok", valuePerSec: v, code: SERVICE_QUOTA_CODES.symmetric };
  } catch (err) {
    return { status: "unavailable", reason: reason(err) };
  } finally {
    sq.destroy();
  }
}

/** Per-minute Sum of CallCount over [startMs, endMs], widened to whole minutes. */
export async function usageCallCount(s: AccountClientSettings, startMs: number, endMs: number): Promise<LiveInfo["cloudWatch"]> {
  const cw = new CloudWatchClient(common(s));
  const minute = USAGE_PERIOD_SEC * 1000;
  try {
    const out = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: "AWS/Usage",
        MetricName: "CallCount",
        Dimensions: USAGE_DIMENSIONS,
        StartTime: new Date(Math.floor(startMs / minute) * minute),
        EndTime: new Date(Math.ceil((endMs + 1) / minute) * minute),
        Period: USAGE_PERIOD_SEC,
        Statistics: ["Sum"],
      }),
    );
    const points = (out.Datapoints ?? [])
      .filter((d) => d.Timestamp && typeof d.Sum === "number")
      .map((d) => ({ timestamp: d.Timestamp!.toISOString(), sum: d.Sum! }))
      .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    if (points.length === 0) return { status: "unavailable", reason: "no AWS/Usage CallCount datapoints for the run window" };
    return { status: "ok", perMinute: points, total: points.reduce((a, p) => a + p.sum, 0) };
  } catch (err) {
    return { status: "unavailable", reason: reason(err) };
  } finally {
    cw.destroy();
  }
}
