/**
 * Live counters attribute each KMS attempt to its request class and quota pools as the engine
 * does (`requestClassTable`), count per-second series by the second of the run the attempt was
 * sent, and feed the one result builder through `buildLiveResult`.
 */
import { describe, expect, it } from "vitest";
import { LiveCounters } from "../../src/live/LiveCounters.js";
import { LiveRecorder } from "../../src/live/LiveRecorder.js";
import { buildLiveResult, type BuildInput } from "../../src/live/buildLiveResult.js";
import { attemptNumber } from "../../src/live/clients.js";
import { makeScenario } from "../fixtures/scenario.js";
import { mix } from "./support.js";

const START = 1_000_000;

function counters(scenario = makeScenario(), keyArns = ["arn:k0"]) {
  const c = new LiveCounters();
  let t = START;
  c.now = () => t;
  c.startMs = START;
  c.attribute(scenario, keyArns);
  return { c, at: (runMs: number) => (t = START + runMs) };
}

function liveInput(c: LiveCounters, over: Partial<BuildInput> = {}): BuildInput {
  return {
    scenario: makeScenario(),
    recorder: new LiveRecorder(),
    counters: c,
    window: { fromMs: 0, toMs: 3000 },
    keyCount: 1,
    notStarted: 0,
    warnings: [],
    live: { quota: { status: "unavailable", reason: "test" } } as BuildInput["live"],
    ...over,
  };
}

describe("LiveCounters", () => {
  it("counts an attempt in the pools of its class, in the second of the run it was sent", () => {
    const { c, at } = counters();
    at(2500); // the response arrives later than the send
    c.recordKmsAttempt("GenerateDataKey", false, { sentMs: START + 1999, attempt: 1 });
    c.recordKmsAttempt("GenerateDataKey", true, { sentMs: START + 2000, attempt: 2 });
    expect(c.table!.pools.map((p) => p.name)).toEqual(["symmetric"]);
    expect(c.pools[0]).toEqual({ requestsPerSec: [0, 1, 1], throttledPerSec: [0, 0, 1] });
    expect(c.classes[0]).toEqual({ requests: 2, throttled: 1, servedPerSec: [0, 1] });
    expect(c.kmsRetries).toBe(1);
    expect(c.timeline.retries).toEqual([0, 0, 1]);
  });

  it("custom key stores: the key's store pool beside symmetric, from the key ARN", () => {
    const s = makeScenario({ keys: { store: "external", stores: 2, boundary: "per-tenant" } });
    const { c, at } = counters(s, ["arn:k0", "arn:k1"]);
    at(500);
    c.recordKmsAttempt("Decrypt", true, { input: { KeyId: "arn:k1" } });
    expect(c.table!.pools.map((p) => p.name)).toEqual(["symmetric", "store:0", "store:1"]);
    expect(c.pools.map((p) => p.requestsPerSec)).toEqual([[1], [], [1]]);
    // The error does not say which pool refused: both count it.
    expect(c.pools.map((p) => p.throttledPerSec)).toEqual([[1], [], [1]]);
  });

  it("an operation the mix did not announce gets its class, pool and price class on first sight", () => {
    const { c } = counters();
    c.recordKmsAttempt("GenerateDataKeyPair", false, { input: { KeyPairSpec: "RSA_2048" } });
    c.recordKmsAttempt("DescribeKey", false);
    const classes = c.table!.classes;
    expect(classes.map((k) => [k.operation, k.priceClass])).toEqual([
      ["GenerateDataKey", "SYMMETRIC_DEFAULT"],
      ["Decrypt", "SYMMETRIC_DEFAULT"],
      ["Encrypt", "SYMMETRIC_DEFAULT"],
      ["GenerateDataKeyPair", "keypair:RSA_2048"],
      ["DescribeKey", "SYMMETRIC_DEFAULT"],
    ]);
    expect(c.table!.pools.map((p) => p.name)).toEqual(["symmetric", "keypair:RSA_2048"]);
    expect(c.pools[1].requestsPerSec).toEqual([1]);
    expect(c.classes[4].requests).toBe(1); // no pool (a management API), still a request
  });

  it("the scenario's warm-up: series count every attempt of the drive, totals only those after it; client warm-up counts nowhere", () => {
    const { c, at } = counters();
    c.measureFromMs = START + 1000;
    at(400);
    c.recordKmsAttempt("Decrypt", false);
    c.recordCacheLookup();
    c.counting = false;
    c.recordKmsAttempt("Decrypt", false);
    c.counting = true;
    at(1200);
    c.recordKmsAttempt("Decrypt", false);
    c.recordCacheLookup();
    c.recordCacheMiss(true);
    expect(c.pools[0].requestsPerSec).toEqual([1, 1]);
    expect(c.kmsRequests).toBe(1);
    expect(c.classes[1].requests).toBe(1);
    expect([c.cacheLookups, c.cacheMisses, c.cacheStampedeMisses]).toEqual([1, 1, 1]);
    expect(c.timeline.cacheLookups).toEqual([0, 1]);
    expect(c.timeline.cacheMisses).toEqual([0, 1]);
  });

  it("operations count by the second they were due", () => {
    const { c } = counters();
    c.recordOperation(START + 999.5, false);
    c.recordOperation(START + 1000, true);
    expect(c.timeline.appOps).toEqual([1, 1]);
    expect(c.timeline.appFailed).toEqual([0, 1]);
  });

  it.each([
    [{ headers: { "amz-sdk-request": "attempt=3; max=3" } }, 3],
    [{ headers: {} }, 1],
    [undefined, 1],
  ])("attemptNumber(%o) = %i", (request, n) => {
    expect(attemptNumber(request)).toBe(n);
  });
});

describe("buildLiveResult", () => {
  it("reports every pool of the scenario with the scenario's quota, or Service Quotas' for symmetric", () => {
    const scenario = makeScenario({ traffic: { mix: [mix("kms:GenerateDataKeyPair", 1)] as never } });
    const { c, at } = counters(scenario);
    at(100);
    c.recordKmsAttempt("GenerateDataKey", false);
    const unread = buildLiveResult(liveInput(c, { scenario }));
    expect(unread.kms.pools.map((p) => [p.pool, p.quotaPerSec])).toEqual([["symmetric", 1000], ["keypair:ECC_NIST_P256", 100]]);
    const read = buildLiveResult(liveInput(c, { scenario, live: { quota: { status: "ok", valuePerSec: 12_345, code: "L-6E3AF000" } } as BuildInput["live"] }));
    expect(read.kms.pools.map((p) => [p.pool, p.quotaPerSec])).toEqual([["symmetric", 12_345], ["keypair:ECC_NIST_P256", 100]]);
    expect(read.kms.pools[0]).toMatchObject({ requests: 1, peakPerSec: 1, meanPerSec: 1 / 3 });
    expect(read.series!.map((s) => s.requestsPerSec)).toEqual([[1, 0, 0], [0, 0, 0]]);
    expect(read.cost.basis).toEqual({ rate: "window-mean", requestsPerSec: 1 / 3, windowSec: 3 });
    expect(read.source).toBe("live");
    expect(read.timeline!.appOpsPerSec).toEqual([0, 0, 0]);
  });
});
