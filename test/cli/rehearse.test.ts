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
  it("prints the calibration and the comparison; --json gives the comparison JSON", async () => {
    const r = await cli(["rehearse", scenarioFile, "--json", "--calibration-seconds", "1", "--results", join(dir, "results")]);
    const json = JSON.parse(r.stdout) as { ok: boolean; rows: { metric: string }[] };
    expect(json.rows.map((x) => x.metric)).toContain("kms.requests");
    expect(r.stderr).toMatch(/calibration: 1 s at 40 ops\/s/);
    expect(r.stderr).toMatch(/latency\.client \(per KMS attempt\): p50 [\d.]+ ms/);
    expect(r.stderr).toMatch(/kmsplan rehearse: live:/);
    expect(r.code).toBe(json.ok ? 0 : 3);
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
