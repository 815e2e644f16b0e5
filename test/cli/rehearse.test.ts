/**
 * `kmsplan rehearse` as argv -> (exit code, stdout, stderr) on a tiny scenario: the table with the
 * calibration, `--json`, `--tolerance` (exit 3 when a row is outside), unknown variant (exit 2).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { memoryIo } from "../support/cliIo.js";

const dir = mkdtempSync(join(tmpdir(), "kmsplan-rehearse-cli-"));
const scenarioFile = join(dir, "tiny.yaml");
writeFileSync(
  scenarioFile,
  `version: 1
name: tiny-rehearsal
seed: 5
duration: 3s
warmup: 1s
account: { region: us-east-1, quotas: { symmetric: 1000 } }
tenants: { count: 2 }
keys: { boundary: per-account }
clients: { instances: 1 }
traffic:
  rate: 40
  mix:
    - { op: "kms:GenerateDataKey", weight: 1 }
latency:
  kms: { p50: 5ms, p99: 10ms }
variants:
  slow: { latency.kms.p50: 6ms }
`,
);

async function cli(argv: string[]) {
  const io = memoryIo(dir);
  const code = await main(argv, io);
  return { code, stdout: io.out.join(""), stderr: io.err.join("") };
}

describe("kmsplan rehearse", () => {
  it("prints the calibration and the comparison; --json gives the comparison JSON; exit 0 when every row holds", async () => {
    // Only rows whose outcome is known are checked: at 40/s under a 1,000/s quota nothing is
    // throttled or fails, and the model and the SDK send one GenerateDataKey per operation of the
    // same schedule. Latency (host noise) is info only here; the next test makes a row fail.
    const tol = join(dir, "counts.yaml");
    writeFileSync(tol, "app.latencyMs.p50: null\napp.latencyMs.p99: null\nkms.requests: { rel: 0.05 }\nkms.throttleRate: { abs: 0 }\napp.failureRate: { abs: 0 }\n");
    const r = await cli(["rehearse", scenarioFile, "--json", "--tolerance", tol, "--calibration-seconds", "1", "--results", join(dir, "results")]);
    const json = JSON.parse(r.stdout) as { ok: boolean; missing: string[]; rows: { metric: string; verdict: string; predicted: number; measured: number }[] };
    expect(r.stderr).toMatch(/calibration: 1 s at 40 ops\/s/);
    expect(r.stderr).toMatch(/latency\.client \(per KMS attempt\): p50 [\d.]+ ms/);
    expect(r.stderr).toMatch(/kmsplan rehearse: live:/);
    const checked = json.rows.filter((x) => x.verdict !== "info").map((x) => x.metric).sort();
    expect(checked).toEqual(["app.failureRate", "kms.requests", "kms.throttleRate"]);
    expect(json.missing).toEqual([]);
    expect(json.rows.find((x) => x.metric === "kms.throttleRate")).toMatchObject({ predicted: 0, measured: 0, verdict: "ok" });
    expect(json.ok).toBe(true);
    expect(r.code).toBe(0);
  }, 60_000);

  it("exit 3 when a row is outside a --tolerance bound", async () => {
    const tol = join(dir, "strict.yaml");
    writeFileSync(tol, "app.latencyMs.p99: { abs: 0 }\n");
    const r = await cli(["rehearse", scenarioFile, "--tolerance", tol, "--no-calibrate", "--results", join(dir, "results")]);
    expect(r.stdout).toMatch(/calibration: skipped/);
    expect(r.stdout).toMatch(/app\.latencyMs\.p99/);
    expect(r.code).toBe(3);
  }, 60_000);

  it("unknown variant is a usage error (exit 2), before anything runs", async () => {
    const r = await cli(["rehearse", scenarioFile, "--variant", "nope"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown variant nope.*slow/);
  });
});
