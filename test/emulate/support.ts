/** Shared helpers of the emulator tests: SDK clients pointed at an emulator, dummy credentials. */
import { KMSClient, type KMSClientConfig } from "@aws-sdk/client-kms";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";

export const credentials = { accessKeyId: "test", secretAccessKey: "test" };

export function kmsClient(endpoint: string, extra: Partial<KMSClientConfig> = {}): KMSClient {
  return new KMSClient({ endpoint, region: "us-east-1", credentials, ...extra });
}

/** 3 attempts, 10 ms between them: retries classified as the SDK does, without 1-2 s backoffs. */
export function fastRetries(maxAttempts = 3): ConfiguredRetryStrategy {
  return new ConfiguredRetryStrategy(maxAttempts, () => 10);
}

/** A clock the test moves by hand. */
export function manualClock(startMs = 0): { now: () => number; advance(ms: number): void } {
  let t = startMs;
  return { now: () => t, advance: (ms) => { t += ms; } };
}
