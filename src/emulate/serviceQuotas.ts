/**
 * A stub of the Service Quotas API (awsJson1_1, `X-Amz-Target: ServiceQuotasV20190624.<Op>`) for
 * service code `kms`, answering from the emulator's configured quotas, so that `live` can read the
 * quotas of an emulator with the real @aws-sdk/client-service-quotas client. GetServiceQuota,
 * ListServiceQuotas and GetAWSDefaultServiceQuota (the Region defaults of src/model/quotas.ts).
 */
import { SERVICE_QUOTA_CODES } from "../model/quotas.js";
import type { Quotas } from "../scenario/types.js";
import { defaultQuotas } from "./QuotaPools.js";
import { KmsError } from "./wire.js";

const QUOTA_NAMES: Record<keyof typeof SERVICE_QUOTA_CODES, string> = {
  symmetric: "Cryptographic operations (symmetric) request rate",
  rsa: "Cryptographic operations (RSA) request rate",
  ecc: "Cryptographic operations (ECC) request rate",
};

function valueOf(quotas: Quotas, pool: keyof typeof SERVICE_QUOTA_CODES): number {
  return pool === "symmetric" ? quotas.symmetricPerSec : pool === "rsa" ? quotas.rsaPerSec : quotas.eccPerSec;
}

function quota(pool: keyof typeof SERVICE_QUOTA_CODES, value: number, region: string, accountId: string) {
  const code = SERVICE_QUOTA_CODES[pool];
  return {
    ServiceCode: "kms",
    ServiceName: "AWS Key Management Service (AWS KMS)",
    QuotaArn: `arn:aws:servicequotas:${region}:${accountId}:kms/${code}`,
    QuotaCode: code,
    QuotaName: QUOTA_NAMES[pool],
    Value: value,
    Unit: "None",
    Adjustable: true,
    GlobalQuota: false,
  };
}

function poolOfCode(code: unknown): keyof typeof SERVICE_QUOTA_CODES {
  for (const [pool, c] of Object.entries(SERVICE_QUOTA_CODES)) if (c === code) return pool as keyof typeof SERVICE_QUOTA_CODES;
  throw new KmsError("NoSuchResourceException", `The request failed because the specified quota ${String(code)} does not exist.`);
}

function checkService(body: Record<string, unknown>): void {
  if (body.ServiceCode !== "kms") {
    throw new KmsError("NoSuchResourceException", `The kmsplan emulator answers Service Quotas for service code kms only, got ${String(body.ServiceCode)}.`);
  }
}

/** The answer to one Service Quotas operation, or a thrown KmsError (JSON 1.1 error shape). */
export function answerServiceQuotas(
  op: string,
  body: Record<string, unknown>,
  quotas: Quotas,
  region: string,
  accountId: string,
): unknown {
  switch (op) {
    case "GetServiceQuota": {
      checkService(body);
      const pool = poolOfCode(body.QuotaCode);
      return { Quota: quota(pool, valueOf(quotas, pool), region, accountId) };
    }
    case "GetAWSDefaultServiceQuota": {
      checkService(body);
      const pool = poolOfCode(body.QuotaCode);
      return { Quota: quota(pool, valueOf(defaultQuotas(region), pool), region, accountId) };
    }
    case "ListServiceQuotas":
    case "ListAWSDefaultServiceQuotas": {
      checkService(body);
      const source = op === "ListServiceQuotas" ? quotas : defaultQuotas(region);
      const pools = Object.keys(SERVICE_QUOTA_CODES) as (keyof typeof SERVICE_QUOTA_CODES)[];
      return { Quotas: pools.map((p) => quota(p, valueOf(source, p), region, accountId)) };
    }
    default:
      throw new KmsError("UnsupportedOperationException", `Service Quotas operation ${op} is not supported by the kmsplan emulator.`);
  }
}
