/** The loader's warnings and the run-size guard, as the CLI shows them: validate, simulate, live. */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/errors.js";
import { guardRunSize } from "../../src/cli/commands/runGuard.js";
import { parseScenario } from "../../src/scenario/index.js";
import { runCli } from "../support/cliIo.js";

const small = (extra = "", rate = "200", duration = "5s") => `
version: 1
name: guard
duration: ${duration}
tenants: { count: 3 }
traffic:
  rate: ${rate}
  mix:
    - { op: "kms:GenerateDataKey", weight: 1 }
${extra}`;

async function scenarioFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "kmsplan-guard-"));
  const f = join(dir, "s.yaml");
  await writeFile(f, text);
  return f;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("kmsplan validate: warnings", () => {
  it("prints warnings on stderr with file:line:col and exits 0; --strict exits 2", async () => {
    const f = await scenarioFile(small("latency:\n  kms: { p50: 8, p99: 30ms }\n"));
    const r = await runCli(["validate", f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok \(1 warning\(s\)\) - guard: 3 tenants, .* 200 ops\/s for 5s/);
    expect(r.stderr).toBe(`${f}:11:15: warning: latency.kms.p50: a bare number is milliseconds: read as 8 ms; write 8ms to say so\n`);
    const strict = await runCli(["validate", "--strict", f]);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(new RegExp(`^${escape(f)}:11:15: latency.kms.p50: a bare number is milliseconds: read as 8 ms; write 8ms to say so \\(a warning; --strict makes it a problem\\)\\n1 problem\\(s\\) found\\.\\n$`));
  });

  it("describes the rate the run actually has, not a ramp it never reaches", async () => {
    const f = await scenarioFile(small("", "1000", "20m").replace("  rate: 1000\n", "  shape: [{ at: 20m, rate: 8000, ramp: 20m }]\n"));
    const r = await runCli(["validate", f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 ops\/s for 20m/);
    expect(r.stdout).not.toMatch(/8,000/);
    expect(r.stderr).toMatch(/warning: traffic.shape\[0\].at: this ramp starts at 20m, when the run \(duration 20m\) is over/);
  });

  it("reports an unknown Region with a did-you-mean and exits 2", async () => {
    const r = await runCli(["validate", await scenarioFile(small("account: { region: us-wset-2 }\n"))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/account.region: unknown Region "us-wset-2"; did you mean "us-west-2"\?/);
  });
});

describe("kmsplan simulate / live: warnings first, then the size guard", () => {
  it("prints the loader's warnings on stderr before the run", async () => {
    const f = await scenarioFile(small("", "200", "5000"));
    const r = await runCli(["simulate", f, "--json", "--no-savings"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${f}:4:11: warning: duration: a bare number is milliseconds: read as 5000 ms; write 5000ms to say so\n`);
    expect(JSON.parse(r.stdout).simulatedSeconds).toBe(5);
  });

  it("refuses a run estimated too large, with the estimate, and exits 2 at once", async () => {
    const f = await scenarioFile(small("", "9007199254740992", "10m"));
    const r = await runCli(["simulate", f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(new RegExp(`^${escape(f)}: too large to run: simulating it would take over 100 years \\(5\\.4e\\+18 KMS calls at about 400 ns each; limit 30 min\\);`));
    expect(r.stderr).toMatch(/shrink it: a shorter duration, a lower rate[^;]*; or run it anyway with --force\n1 problem\(s\) found\.\n$/);
    const live = await runCli(["live", f]);
    expect(live.code).toBe(2);
    expect(live.stderr).toMatch(/too large to run: .*the live driver would need over 100 years of CPU/);
  });

  it("names the variant that is too large", async () => {
    const f = await scenarioFile(small("variants:\n  ok: { traffic.rate: 100 }\n  flood: { traffic.rate: 1e308 }\n"));
    const r = await runCli(["simulate", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/: variant "flood": too large to run: /);
    expect(r.stderr).not.toMatch(/variant "ok"/);
  });

  it("guardRunSize: refuses what is over the budget, together too, and lets --force through", () => {
    const s = parseScenario(small("", "1000", "10m"), "g.yaml").base;
    const tight = { maxWallMs: 100, maxMemoryBytes: 2 ** 30, machineMemoryBytes: 2 ** 31 };
    const one = { file: "g.yaml", scenario: s, run: { simulatedPasses: 1, live: false } };
    expect(() => guardRunSize([one], false, tight)).toThrow(ScenarioError);
    expect(() => guardRunSize([one], true, tight)).not.toThrow();
    // Each of 3 runs fits a 300 ms budget (240 ms each); together they do not.
    const roomy = { ...tight, maxWallMs: 300 };
    expect(() => guardRunSize([one], false, roomy)).not.toThrow();
    const err = (() => {
      try {
        guardRunSize([one, one, one], false, roomy);
      } catch (e) {
        return e as ScenarioError;
      }
    })();
    expect(err?.problems.map((p) => p.message)).toEqual([
      "too large to run: these 3 runs would take about 720 ms of simulation together (limit 300 ms); pick fewer with --variant, shrink them, or run them anyway with --force",
    ]);
  });
});
