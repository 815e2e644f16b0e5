/**
 * Drives the real SDK (`KMSClient`, @smithy/core 3.41.1 retries) and, in virtual time, the model,
 * through the same throttling pattern, one call after another, and records per call what both
 * report: attempts, failure, `totalRetryDelay`, and the client's retry budget afterwards.
 */
import http from "node:http";
import { GenerateDataKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { Random } from "../../../src/plan/Random.js";
import { ErrorClass, type ClientRetryModel } from "../../../src/model/retry/types.js";
import type { Pattern, Reply, SeenRequest } from "./kmsFake.js";

export interface CallRecord {
  attempts: number;
  failed: boolean;
  errorName: string | null;
  totalRetryDelayMs: number;
  capacityAfter: number;
}

/** A Random that replays given uniforms (the same numbers the stubbed Math.random returned). */
export class ReplayRandom extends Random {
  private i = 0;
  constructor(private readonly uniforms: () => number) {
    super(1);
  }
  override next(): number {
    this.i++;
    return this.uniforms();
  }
  get draws(): number {
    return this.i;
  }
}

export function makeClient(url: string, maxAttempts: number, agent: http.Agent): KMSClient {
  return new KMSClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts,
    retryMode: "standard",
    requestHandler: new NodeHttpHandler({ httpAgent: agent }),
  });
}

interface Capacity {
  getCapacity(): number;
}

/** `calls` GenerateDataKey calls in sequence; the server's pattern is set by the caller. */
export async function runSdk(client: KMSClient, calls: number): Promise<CallRecord[]> {
  const strategy = (await (client.config.retryStrategy as () => Promise<unknown>)()) as Capacity;
  const out: CallRecord[] = [];
  for (let i = 0; i < calls; i++) {
    try {
      const r = await client.send(new GenerateDataKeyCommand({ KeyId: "alias/x", KeySpec: "AES_256" }));
      out.push({
        attempts: r.$metadata.attempts ?? -1,
        failed: false,
        errorName: null,
        totalRetryDelayMs: r.$metadata.totalRetryDelay ?? -1,
        capacityAfter: strategy.getCapacity(),
      });
    } catch (e) {
      const err = e as { name: string; $metadata?: { attempts?: number; totalRetryDelay?: number } };
      out.push({
        attempts: err.$metadata?.attempts ?? -1,
        failed: true,
        errorName: err.name,
        totalRetryDelayMs: err.$metadata?.totalRetryDelay ?? -1,
        capacityAfter: strategy.getCapacity(),
      });
    }
  }
  return out;
}

const REPLY_CLASS: Record<Exclude<Reply, "ok">, ErrorClass> = {
  // The classes are those classifyError gives the SDK's errors for these replies (asserted in
  // the calibration test), so the model sees what the middleware sees.
  throttle: ErrorClass.Throttling,
  unavailable: ErrorClass.Transient,
  "invalid-state": ErrorClass.ClientError,
};
const REPLY_NAME: Record<Exclude<Reply, "ok">, string> = {
  throttle: "ThrottlingException",
  unavailable: "ServiceUnavailable",
  "invalid-state": "KMSInvalidStateException",
};

/**
 * The same calls through `model` in virtual time: each attempt is answered by `pattern` with the
 * request/operation/attempt numbering the server would see (sequential calls, so the order is the
 * SDK's). Responses take `rttMs` of virtual time.
 */
export function runModel(model: ClientRetryModel, pattern: Pattern, calls: number, rng: Random, maxAttempts: number, rttMs = 1): CallRecord[] {
  const out: CallRecord[] = [];
  let now = 1_800_000_000_000;
  let index = 0;
  for (let op = 0; op < calls; op++) {
    let attempts = 0;
    let retryCost = 0;
    let total = 0;
    for (;;) {
      let d: number;
      while ((d = model.acquireSendDelayMs(now)) > 0) now += d;
      attempts++;
      const req: SeenRequest = { index: index++, op, attempt: attempts, max: maxAttempts, target: "TrentService.GenerateDataKey" };
      const reply = pattern(req);
      now += rttMs;
      if (reply === "ok") {
        model.onSuccess(now, retryCost);
        out.push({ attempts, failed: false, errorName: null, totalRetryDelayMs: total, capacityAfter: model.capacity });
        break;
      }
      const wait = model.onError(now, attempts, REPLY_CLASS[reply], rng);
      if (wait < 0) {
        out.push({ attempts, failed: true, errorName: REPLY_NAME[reply], totalRetryDelayMs: total, capacityAfter: model.capacity });
        break;
      }
      retryCost = model.lastRetryCost;
      total += model.lastBackoffMs;
      now += wait;
    }
  }
  return out;
}

