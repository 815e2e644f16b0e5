/**
 * `live` end to end against moto_server: provisioning, the open-loop drive with the real SDK
 * clients and Encryption SDK, the result file, the isolation check, cleanup (keys pending
 * deletion, aliases and bucket gone) and abort mid-run. Unique run ids; moto is never reset
 * (other suites share it).
 */
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeKeyCommand, KMS, ListAliasesCommand, ListKeysCommand, ListResourceTagsCommand } from "@aws-sdk/client-kms";
import { HeadBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Manifest, cleanupFromManifest, keySlots } from "../../src/live/index.js";
import { provision } from "../../src/live/provision.js";
import { CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { readdirSync } from "node:fs";
import { spawn } from "node:child_process";
import { GuardrailError } from "../../src/errors.js";
import { USAGE_DIMENSIONS } from "../../src/live/index.js";
import { describe, expect, it } from "vitest";
import { runLive } from "../../src/live/index.js";
import type { LiveRunResult } from "../../src/live/index.js";
import { credentials, smallScenario } from "../live/support.js";
import { describeMoto } from "../support/moto.js";
import { memoryIo } from "../support/cliIo.js";
import { main } from "../../src/cli/main.js";
import { RUN_TAG_KEY } from "../../src/live/index.js";

/** Every key moto holds with the run's kmsplan:run tag, with its state: found independently of kmsplan's cleanup. */
async function taggedKeys(kms: KMS, runId: string): Promise<{ keyId: string; state: string }[]> {
  const out: { keyId: string; state: string }[] = [];
  let marker: string | undefined;
  do {
    const page = await kms.send(new ListKeysCommand({ Limit: 1000, Marker: marker }));
    for (const k of page.Keys ?? []) {
      const tags = await kms.send(new ListResourceTagsCommand({ KeyId: k.KeyId! }));
      if ((tags.Tags ?? []).some((t) => t.TagKey === RUN_TAG_KEY && t.TagValue === runId)) {
        const d = await kms.send(new DescribeKeyCommand({ KeyId: k.KeyId! }));
        out.push({ keyId: k.KeyId!, state: d.KeyMetadata!.KeyState! });
      }
    }
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return out;
}

async function runAliases(kms: KMS, runId: string): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page = await kms.send(new ListAliasesCommand({ Limit: 100, Marker: marker }));
    for (const a of page.Aliases ?? []) if (a.AliasName?.includes(runId)) names.push(a.AliasName);
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return names;
}

/** Credentials whose reads are counted: any signed request reads them. */
function countingCredentials() {
  let reads = 0;
  const credentials = {
    get accessKeyId() {
      reads++;
      return "test";
    },
    get secretAccessKey() {
      reads++;
      return "test";
    },
  };
  return { credentials, reads: () => reads };
}

async function keyGone(kms: KMS, arn: string): Promise<boolean> {
  const d = await kms.send(new DescribeKeyCommand({ KeyId: arn }));
  // moto 5.2.1 reports KeyState PendingDeletion for DescribeKey (checked), plus a DeletionDate.
  return d.KeyMetadata!.KeyState === "PendingDeletion";
}

async function bucketExists(s3: S3Client, bucket: string): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (err) {
    if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw err;
  }
}

describeMoto("live against moto_server", (endpoint) => {
  it("runs a small scenario end to end, writes the result contract and cleans up", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kmsplan-live-"));
    const progress: number[] = [];
    const out = await runLive({
      scenario: smallScenario("live-e2e"),
      endpointUrl: endpoint(),
      yes: false, // an explicit endpoint is not real AWS: no confirmation needed
      resultsDir: dir,
      credentials,
      onProgress: (p) => progress.push(p.started),
    });
    expect(out.result).toBeDefined();
    const result = JSON.parse(readFileSync(out.file!, "utf8")) as LiveRunResult;
    expect(result.source).toBe("live");
    expect(result.live.complete).toBe(true);
    expect(result.live.stopReason).toBeNull();
    expect(out.complete).toBe(true);
    for (const key of ["scenario", "variant", "seed", "simulatedSeconds", "app", "kms", "cache", "keys", "cost", "warnings", "assumptions"]) {
      expect(result).toHaveProperty(key);
    }
    // Every planned arrival started (none dropped at this rate) and was recorded.
    const s = result.live.schedule;
    expect(s.planned).toBeGreaterThan(80);
    expect(s.started + s.dropped).toBe(s.planned);
    expect(result.app.operations).toBe(s.started);
    expect(result.app.failed).toBe(0);
    expect(Object.keys(result.app.byOperation).sort()).toEqual(["decrypt", "encrypt", "s3-get", "s3-put"]);
    for (const op of Object.values(result.app.byOperation)) {
      expect(op.histogram).toMatch(/^[A-Za-z0-9+/=]+$/);
      expect(op.latencyMs.p99).toBeGreaterThanOrEqual(op.latencyMs.p50);
    }
    // ESDK through the instances' clients: encrypt -> GenerateDataKey, decrypt -> Decrypt, seen by the middleware.
    expect(result.kms.byOperation.GenerateDataKey.requests).toBeGreaterThan(0);
    expect(result.kms.byOperation.Decrypt.requests).toBeGreaterThan(0);
    expect(result.kms.requests).toBe(Object.values(result.kms.byOperation).reduce((a, o) => a + o.requests, 0));
    // Caching (100 messages per key, 60 s): far fewer GenerateDataKey than encrypts.
    expect(result.kms.byOperation.GenerateDataKey.requests).toBeLessThan(result.app.byOperation.encrypt.operations);
    expect(result.kms.throttled).toBe(0);
    // One cache lookup per ESDK operation; each miss is exactly one KMS call here (no retries, no direct calls).
    expect(result.cache.hits + result.cache.misses).toBe(result.app.byOperation.encrypt.operations + result.app.byOperation.decrypt.operations);
    expect(result.cache.misses).toBe(result.kms.requests);
    expect(result.cache.hits).toBeGreaterThan(0);
    // Each ESDK operation was told hit or miss by the CMM itself; the totals agree with the cache's own counts.
    const per = result.live.cacheByOperation ?? {};
    expect(Object.keys(per).sort()).toEqual(["decrypt", "encrypt"]);
    expect(per.encrypt.hits + per.encrypt.misses).toBe(result.app.byOperation.encrypt.succeeded);
    expect(per.decrypt.hits + per.decrypt.misses).toBe(result.app.byOperation.decrypt.succeeded);
    expect(per.encrypt.misses + per.decrypt.misses).toBe(result.cache.misses);
    expect(per.encrypt.hitLatencyMs?.p50).toBeGreaterThan(0);
    expect(per.encrypt.hitHistogram).toMatch(/^HIST/);
    expect(result.keys.count).toBe(3);
    expect(result.live.environment.accountId).toBe("123456789012");
    expect(result.live.environment.sdkVersions["@aws-sdk/client-kms"]).toMatch(/^\d+\.\d+\.\d+/);
    expect(result.live.isolation.status).toBe("pass");
    expect(result.live.quota.status).toBe("unavailable");
    expect(progress.length).toBeGreaterThanOrEqual(1);
    // No key material or credentials in the files.
    const text = readFileSync(out.file!, "utf8") + readFileSync(out.manifest!, "utf8");
    expect(text).not.toMatch(/Plaintext|secretAccessKey/);

    // Cleanup: keys pending deletion, aliases deleted, objects and bucket gone.
    const manifest = JSON.parse(readFileSync(out.manifest!, "utf8"));
    expect(manifest.keyArns).toHaveLength(3);
    expect(manifest.cleanedUp).toBe(true);
    expect(result.live.cleanup?.errors).toEqual([]);
    const kms = new KMS({ endpoint: endpoint(), region: "us-east-1", credentials });
    const s3 = new S3Client({ endpoint: endpoint(), region: "us-east-1", credentials, forcePathStyle: true });
    for (const arn of manifest.keyArns) expect(await keyGone(kms, arn)).toBe(true);
    const aliases = (await kms.send(new ListAliasesCommand({ Limit: 1000 }))).Aliases ?? [];
    expect(aliases.filter((a) => a.AliasName?.includes(manifest.runId))).toEqual([]);
    expect(await bucketExists(s3, manifest.bucket)).toBe(false);
    kms.destroy();
    s3.destroy();
  });

  it("an abort mid-run stops the drive, cleans up and leaves a partial result", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kmsplan-live-"));
    const ac = new AbortController();
    let aborted = false;
    const out = await runLive({
      scenario: smallScenario("live-abort", 20_000, 40),
      endpointUrl: endpoint(),
      yes: true,
      resultsDir: dir,
      credentials,
      signal: ac.signal,
      progressEveryMs: 200,
      onProgress: (p) => {
        if (!aborted && p.completed >= 10) {
          aborted = true;
          ac.abort();
        }
      },
      skipAccountMetrics: true,
    });
    expect(aborted).toBe(true);
    const result = JSON.parse(readFileSync(out.file!, "utf8")) as LiveRunResult;
    expect(result.live.complete).toBe(false);
    expect(result.live.stopReason).toBe("aborted");
    expect(result.live.schedule.notStarted).toBeGreaterThan(0);
    expect(result.live.schedule.started + result.live.schedule.dropped + result.live.schedule.notStarted).toBe(result.live.schedule.planned);
    expect(result.app.operations).toBeGreaterThanOrEqual(10);
    const manifest = JSON.parse(readFileSync(out.manifest!, "utf8"));
    expect(manifest.cleanedUp).toBe(true);
    const kms = new KMS({ endpoint: endpoint(), region: "us-east-1", credentials });
    const s3 = new S3Client({ endpoint: endpoint(), region: "us-east-1", credentials, forcePathStyle: true });
    for (const arn of manifest.keyArns) expect(await keyGone(kms, arn)).toBe(true);
    expect(await bucketExists(s3, manifest.bucket)).toBe(false);
    kms.destroy();
    s3.destroy();
    expect(existsSync(out.file!)).toBe(true);
  });

  it("reads the account's AWS/Usage CallCount for the run window from CloudWatch (seeded)", async () => {
    const cw = new CloudWatchClient({ endpoint: endpoint(), region: "us-east-1", credentials });
    const seeded = 4242;
    await cw.send(
      new PutMetricDataCommand({
        Namespace: "AWS/Usage",
        MetricData: [{ MetricName: "CallCount", Dimensions: USAGE_DIMENSIONS, Timestamp: new Date(Date.now() + 1500), Value: seeded, Unit: "None" }],
      }),
    );
    cw.destroy();
    const out = await runLive({
      scenario: { ...smallScenario("live-cloudwatch", 2000, 20), warmupMs: 500 },
      endpointUrl: endpoint(),
      yes: true,
      resultsDir: mkdtempSync(join(tmpdir(), "kmsplan-live-")),
      credentials,
    });
    const cwResult = out.result!.live.cloudWatch;
    expect(cwResult.status).toBe("ok");
    if (cwResult.status === "ok") {
      expect(cwResult.perMinute.some((p) => p.sum >= seeded)).toBe(true);
      expect(cwResult.total).toBeGreaterThanOrEqual(seeded);
    }
    // The scenario's warm-up runs but stays out of the statistics, as in simulate.
    const sched = out.result!.live.schedule;
    expect(sched.warmupOperations).toBeGreaterThan(0);
    expect(out.result!.app.operations + sched.warmupOperations).toBe(sched.started);
    // moto has no Service Quotas for kms: marked unavailable with the reason.
    expect(out.result!.live.quota).toMatchObject({ status: "unavailable" });
    expect((out.result!.live.quota as { reason: string }).reason).not.toBe("");
  });

  it("stops at maxRequests with complete: false and the reason, and still cleans up", async () => {
    const out = await runLive({
      scenario: smallScenario("live-budget", 10_000, 40),
      endpointUrl: endpoint(),
      yes: true,
      resultsDir: mkdtempSync(join(tmpdir(), "kmsplan-live-")),
      credentials,
      maxRequests: 5,
      skipAccountMetrics: true,
    });
    expect(out.complete).toBe(false);
    expect(out.result!.live.stopReason).toMatch(/^maxRequests reached/);
    expect(out.result!.live.schedule.notStarted).toBeGreaterThan(0);
    expect(out.result!.live.cleanup).toMatchObject({ errors: [], bucketDeleted: true });
  });

  it("refuses to run when STS says the credentials belong to another account; creates nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kmsplan-live-"));
    const spy = countingCredentials();
    await expect(
      runLive({ scenario: smallScenario("live-account"), endpointUrl: endpoint(), yes: true, resultsDir: dir, credentials: spy.credentials, account: "999999999999" }),
    ).rejects.toBeInstanceOf(GuardrailError);
    expect(readdirSync(dir)).toEqual([]);
    // The credential spy does see signing (STS GetCallerIdentity), so the guardrail test below is meaningful.
    expect(spy.reads()).toBeGreaterThan(0);
  });

  it("cleanupFromManifest finishes the cleanup of a run that died after provisioning", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kmsplan-live-"));
    const file = join(dir, "crashed.manifest.json");
    const runId = `crash-${Date.now().toString(36)}`;
    const scenario = smallScenario("live-crash");
    const manifest = new Manifest(file, {
      version: 1, runId, createdIso: new Date().toISOString(), kmsEndpoint: endpoint(), s3Endpoint: endpoint(), region: "us-east-1",
      keyArns: [], existingKeyArns: [], aliases: [], bucket: null, existingBucket: null, objects: [], objectsBucket: null, cleanedUp: false,
    });
    manifest.save();
    const kms = new KMS({ endpoint: endpoint(), region: "us-east-1", credentials });
    const s3 = new S3Client({ endpoint: endpoint(), region: "us-east-1", credentials, forcePathStyle: true });
    const p = await provision({ kms, s3, scenario, runId, slots: keySlots(scenario), needsBucket: true, region: "us-east-1", manifest });
    // An object written after the last manifest save: found by listing the bucket.
    await s3.send(new PutObjectCommand({ Bucket: p.bucket!, Key: `kmsplan/${runId}/t0/unsaved`, Body: "x" }));
    const onDisk = JSON.parse(readFileSync(file, "utf8"));
    expect(onDisk.keyArns).toHaveLength(3);
    expect(onDisk.aliases).toHaveLength(3);
    expect(onDisk.bucket).toBe(p.bucket);

    const report = await cleanupFromManifest(file, { credentials });
    expect(report).toMatchObject({ errors: [], objectsDeleted: 1, bucketDeleted: true });
    expect(report.keysScheduled).toEqual(p.keyArns);
    for (const arn of p.keyArns) expect(await keyGone(kms, arn)).toBe(true);
    expect(await bucketExists(s3, p.bucket!)).toBe(false);
    expect(JSON.parse(readFileSync(file, "utf8")).cleanedUp).toBe(true);
    // Idempotent: a second cleanup finds everything already gone and reports no errors.
    expect((await cleanupFromManifest(file, { credentials })).errors).toEqual([]);
    kms.destroy();
    s3.destroy();
  });

  it("http driver: the bundled tenant service driven by autocannon; KMS calls still counted; cleaned up", async () => {
    const out = await runLive({
      scenario: smallScenario("live-http", 2000, 20),
      endpointUrl: endpoint(),
      yes: true,
      resultsDir: mkdtempSync(join(tmpdir(), "kmsplan-live-")),
      credentials,
      driver: "http",
      skipAccountMetrics: true,
    });
    const r = out.result!;
    expect(r.live.driver).toBe("http");
    expect(r.live.complete).toBe(true);
    const http = r.live.http!;
    expect(http.requests).toBeGreaterThan(10);
    expect(http.byRoute["POST objects 201"]).toBeGreaterThan(0);
    expect(http.byRoute["GET latest 200"]).toBeGreaterThan(0);
    expect(Object.keys(http.byRoute).filter((k) => k.includes(" 500"))).toEqual([]);
    expect(http.latencyMs.p99).toBeGreaterThan(0);
    expect(http.notSent).toEqual({});
    // Each answered request is an application operation, by route; what the driver does not follow is said.
    const served = (http.byRoute["POST objects 201"] ?? 0) + (http.byRoute["GET latest 200"] ?? 0);
    expect(r.app.operations).toBeGreaterThan(0);
    expect(r.app.operations).toBeLessThanOrEqual(served);
    expect(Object.keys(r.app.byOperation).sort()).toEqual(["GET latest", "POST objects"]);
    expect(r.warnings.join("\n")).toMatch(/http driver: tenants and operations follow the shared schedule .* timing does not/);
    expect(r.kms.byOperation.GenerateDataKey.requests).toBeGreaterThan(0);
    expect(r.live.cleanup).toMatchObject({ errors: [], bucketDeleted: true });
    expect(r.live.cleanup!.objectsDeleted).toBeGreaterThanOrEqual(http.byRoute["POST objects 201"]);
  });

  it.each([
    ["key-created", { keys: 1, aliases: 0, bucket: false }],
    ["alias-created", { keys: 1, aliases: 1, bucket: false }],
    ["bucket-created", { keys: 3, aliases: 3, bucket: true }],
  ] as const)("kill -9 right after %s: cleanup finds everything, leaves no key enabled and no alias", async (step, created) => {
    const dir = mkdtempSync(join(tmpdir(), "kmsplan-live-kill-"));
    const runId = `kill-${step}-${Date.now().toString(36)}`;
    const child = spawn(process.execPath, ["--import", "tsx", "test/integration/liveKillChild.ts", endpoint(), dir, step, runId], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    let output = "";
    child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, sig) => resolve(sig)));
    expect(signal, output.slice(-2000)).toBe("SIGKILL");
    const kms = new KMS({ endpoint: endpoint(), region: "us-east-1", credentials });
    const s3 = new S3Client({ endpoint: endpoint(), region: "us-east-1", credentials, forcePathStyle: true });
    // What the crash left: found independently, by the run id.
    const before = await taggedKeys(kms, runId);
    expect(before).toHaveLength(created.keys);
    expect(before.every((k) => k.state === "Enabled")).toBe(true);
    expect(await runAliases(kms, runId)).toHaveLength(created.aliases);
    const manifestFile = join(dir, readdirSync(dir).find((f) => f.endsWith(".manifest.json"))!);
    const written = JSON.parse(readFileSync(manifestFile, "utf8"));
    // Write-ahead: the intent of the step that was cut short is on disk.
    if (step === "key-created") expect(written).toMatchObject({ keyArns: [], pendingKeys: ["tenant-0"] });
    if (step === "alias-created") expect(written.aliases).toEqual([`alias/kmsplan/${runId}/tenant-0`]);
    if (step === "bucket-created") expect(written.bucket).toBe(`kmsplan-${runId}`);

    const io = memoryIo(dir, {});
    const code = await main(["cleanup", manifestFile], io);
    expect(code, io.err.join("")).toBe(0);
    if (step === "key-created") expect(io.out.join("")).toMatch(/found by the run id \(not in the manifest\):\n {2}arn:aws:kms:/);
    const after = await taggedKeys(kms, runId);
    expect(after).toHaveLength(created.keys);
    expect(after.filter((k) => k.state !== "PendingDeletion")).toEqual([]);
    expect(await runAliases(kms, runId)).toEqual([]);
    if (created.bucket) expect(await bucketExists(s3, `kmsplan-${runId}`)).toBe(false);
    const cleaned = JSON.parse(readFileSync(manifestFile, "utf8"));
    expect(cleaned.cleanedUp).toBe(true);
    expect(cleaned.pendingKeys).toEqual([]);
    kms.destroy();
    s3.destroy();
  }, 60_000);

  it("a real SIGINT to a child process running live aborts it: cleanup done, partial result written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kmsplan-live-"));
    const child = spawn(process.execPath, ["--import", "tsx", "test/integration/liveSigintChild.ts", endpoint(), dir], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes("RUNNING")) resolve();
      });
      child.on("exit", () => reject(new Error(`child exited before running: ${stderr.slice(-2000)}`)));
    });
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    const outcome = JSON.parse(stdout.trim().split("\n").pop()!);
    expect(outcome.complete).toBe(false);
    const result = JSON.parse(readFileSync(outcome.file, "utf8")) as LiveRunResult;
    expect(result.live.stopReason).toBe("aborted");
    expect(result.app.operations).toBeGreaterThanOrEqual(5);
    const manifest = JSON.parse(readFileSync(outcome.manifest, "utf8"));
    expect(manifest.cleanedUp).toBe(true);
    const kms = new KMS({ endpoint: endpoint(), region: "us-east-1", credentials });
    for (const arn of manifest.keyArns) expect(await keyGone(kms, arn)).toBe(true);
    kms.destroy();
  });
});

describe("live guardrail: real AWS without yes", () => {
  it("returns the plan and sends nothing (no request is ever signed)", async () => {
    const spy = countingCredentials();
    const dir = join(mkdtempSync(join(tmpdir(), "kmsplan-live-")), "results");
    const out = await runLive({ scenario: smallScenario("live-guard"), yes: false, resultsDir: dir, credentials: spy.credentials, env: {} });
    expect(out.result).toBeUndefined();
    expect(out.planned.realAws).toBe(true);
    expect(out.planned.keys.count).toBe(3);
    expect(out.planned.bucket).toMatch(/^kmsplan-/);
    expect(out.planned.estimatedKmsRequests).toBeGreaterThan(0);
    expect(spy.reads()).toBe(0);
    expect(existsSync(dir)).toBe(false);
  });

  it("AWS_ENDPOINT_URL in the environment counts as a local endpoint", async () => {
    const { resolveEndpoints } = await import("../../src/live/index.js");
    const ep = resolveEndpoints({ scenario: smallScenario("x"), yes: false, resultsDir: "r", env: { AWS_ENDPOINT_URL: "http://127.0.0.1:1" } });
    expect(ep).toMatchObject({ kms: "http://127.0.0.1:1", s3: "http://127.0.0.1:1", realAws: false });
    const onlyKms = resolveEndpoints({ scenario: smallScenario("x"), yes: false, resultsDir: "r", env: { AWS_ENDPOINT_URL_KMS: "http://127.0.0.1:1" } });
    expect(onlyKms.realAws).toBe(true); // the scenario uses S3, which would go to AWS
  });
});
