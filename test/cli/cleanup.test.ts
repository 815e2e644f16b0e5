/**
 * `kmsplan cleanup` as argv -> exit code and output: every corrupt manifest exits 2 with one line,
 * an endpoint that never answers ends within the documented bound with exit 4, a clean run's
 * manifest cleans up with exit 0 (against moto_server).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminTimeouts, callBoundMs } from "../../src/live/timeouts.js";
import { validManifest } from "../live/support.js";
import { runCli } from "../support/cliIo.js";
import { silentServer, type SilentServer } from "../support/sockets.js";

const dir = mkdtempSync(join(tmpdir(), "kmsplan-cleanup-cli-"));
function write(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}
const valid = JSON.stringify(validManifest());
const edited = (k: string, v: unknown) => JSON.stringify({ ...validManifest(), [k]: v });

describe("kmsplan cleanup: corrupt manifests", () => {
  mkdirSync(join(dir, "results-dir"));
  const missing = (() => {
    const m = validManifest();
    delete m.region;
    return JSON.stringify(m);
  })();

  it.each([
    ["truncated", () => write("t.json", valid.slice(0, 100)), /not valid JSON/],
    ["{}", () => write("e.json", "{}"), /not a valid live manifest: version: expected one of 1/],
    ["an unknown version", () => write("v.json", edited("version", 2)), /unknown manifest version 2/],
    ["missing fields", () => write("m.json", missing), /region: expected string, got nothing/],
    ["a directory", () => join(dir, "results-dir"), /is a directory/],
    ["a missing file", () => join(dir, "none.manifest.json"), /no such manifest file/],
    ["keyArns as a string", () => write("k.json", edited("keyArns", "arn:aws:kms:us-east-1:1:key/x")), /keyArns: expected array, got string/],
  ])("%s: exit 2, one line, nothing sent", async (_what, make, pattern) => {
    const r = await runCli(["cleanup", make()], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.stdout).toBe("");
  });
});

describe("kmsplan cleanup: an endpoint that never answers", () => {
  let silent: SilentServer;
  beforeAll(async () => void (silent = await silentServer()));
  afterAll(() => silent.close());

  it("ends within the documented bound with exit 4 and one line; cleanedUp stays false", async () => {
    const f = write("silent.manifest.json", JSON.stringify({ ...validManifest(), kmsEndpoint: silent.url, s3Endpoint: silent.url }));
    const t0 = performance.now();
    const r = await runCli(["cleanup", f, "--request-timeout", "1s"], dir);
    const elapsedMs = performance.now() - t0;
    expect(r.code).toBe(4);
    const errLines = r.stderr.trim().split("\n");
    expect(errLines).toHaveLength(1);
    expect(errLines[0]).toMatch(/^kmsplan: cleanup incomplete: \d+ error\(s\), 0 resource\(s\) left \(ListAliases: http:\/\/127\.0\.0\.1:\d+ did not answer \(TimeoutError after 1000 ms, 3 attempt\(s\)/);
    // The first call's bound only: every later call to the same endpoint is skipped, not retried.
    expect(r.stdout).toMatch(/KMS call\(s\) not tried/);
    expect(r.stdout).toMatch(/S3 call\(s\) not tried/);
    expect(elapsedMs).toBeLessThan(callBoundMs(adminTimeouts(1000)) + 5000);
    expect(JSON.parse(readFileSync(f, "utf8")).cleanedUp).toBe(false);
  }, 30_000);
});
