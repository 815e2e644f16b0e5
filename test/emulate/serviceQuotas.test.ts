import {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
  ListServiceQuotasCommand,
  ServiceQuotasClient,
} from "@aws-sdk/client-service-quotas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulate/index.js";
import { SERVICE_QUOTA_CODES } from "../../src/model/quotas.js";
import { credentials } from "./support.js";

describe("Service Quotas stub read with @aws-sdk/client-service-quotas", () => {
  let emu: RunningEmulator;
  let sq: ServiceQuotasClient;
  beforeAll(async () => {
    emu = await startEmulator({ region: "eu-north-1", accountId: "123456789012", quotas: { symmetricPerSec: 1234, rsaPerSec: 55 } });
    sq = new ServiceQuotasClient({ endpoint: emu.url, region: "eu-north-1", credentials, maxAttempts: 1 });
  });
  afterAll(async () => {
    sq.destroy();
    await emu.close();
  });

  it("GetServiceQuota answers the configured symmetric and RSA quotas and Region-default ECC", async () => {
    const sym = await sq.send(new GetServiceQuotaCommand({ ServiceCode: "kms", QuotaCode: SERVICE_QUOTA_CODES.symmetric }));
    expect(sym.Quota).toMatchObject({
      ServiceCode: "kms",
      QuotaCode: "L-6E3AF000",
      QuotaName: "Cryptographic operations (symmetric) request rate",
      Value: 1234,
      Unit: "None",
      Adjustable: true,
      QuotaArn: "arn:aws:servicequotas:eu-north-1:123456789012:kms/L-6E3AF000",
    });
    const rsa = await sq.send(new GetServiceQuotaCommand({ ServiceCode: "kms", QuotaCode: SERVICE_QUOTA_CODES.rsa }));
    expect(rsa.Quota!.Value).toBe(55);
    const ecc = await sq.send(new GetServiceQuotaCommand({ ServiceCode: "kms", QuotaCode: SERVICE_QUOTA_CODES.ecc }));
    expect(ecc.Quota!.Value).toBe(1000);
  });

  it("follows quota changes made through the admin API", async () => {
    emu.setQuotas({ symmetricPerSec: 777 });
    const sym = await sq.send(new GetServiceQuotaCommand({ ServiceCode: "kms", QuotaCode: SERVICE_QUOTA_CODES.symmetric }));
    expect(sym.Quota!.Value).toBe(777);
  });

  it("ListServiceQuotas and GetAWSDefaultServiceQuota (Region table: eu-north-1 -> 10,000)", async () => {
    const list = await sq.send(new ListServiceQuotasCommand({ ServiceCode: "kms" }));
    expect(list.Quotas!.map((q) => q.QuotaCode).sort()).toEqual(Object.values(SERVICE_QUOTA_CODES).sort());
    const def = await sq.send(new GetAWSDefaultServiceQuotaCommand({ ServiceCode: "kms", QuotaCode: SERVICE_QUOTA_CODES.symmetric }));
    expect(def.Quota!.Value).toBe(10_000);
  });

  it("unknown quota codes and services -> NoSuchResourceException", async () => {
    for (const input of [{ ServiceCode: "kms", QuotaCode: "L-00000000" }, { ServiceCode: "s3", QuotaCode: SERVICE_QUOTA_CODES.symmetric }]) {
      const err: any = await sq.send(new GetServiceQuotaCommand(input)).catch((e) => e);
      expect(err.name).toBe("NoSuchResourceException");
    }
  });

  it("Service Quotas calls are not counted as KMS requests", () => {
    expect(emu.stats().requests).toBe(0);
  });
});
