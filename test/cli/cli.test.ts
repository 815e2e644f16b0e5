/** The CLI as argv -> exit code and output, in process (no spawning). */
import { describe, expect, it } from "vitest";
import { mkdtemp, writeFile, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../support/cliIo.js";

const small = `
version: 1
name: cli-small
seed: 5
duration: 20s
account: { region: eu-north-1, quotas: { symmetric: 1000 } }
tenants: { count: 30 }
keys: { boundary: per-tenant }
traffic:
  rate: 1200
  mix:
    - { op: "kms:GenerateDataKey", weight: 1 }
variants:
  per-tenant: { keys.boundary: per-tenant }
  per-account: { keys.boundary: per-account }
`;

async function scenarioFile(text: string, name = "s.yaml"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "kmsplan-cli-"));
  const f = join(dir, name);
  await writeFile(f, text);
  return f;
}

describe("kmsplan simulate", () => {
  it("prints a side-by-side table for variants, with keys per variant", async () => {
    const f = await scenarioFile(small);
    const r = await runCli(["simulate", f]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/per-tenant/);
    expect(r.stdout).toMatch(/per-account/);
  });

  it("--json prints the contract fields, the same bytes twice, and --out writes them", async () => {
    const f = await scenarioFile(small);
    const out = join(f, "..", "r.json");
    const a = await runCli(["simulate", f, "--json", "--variant", "per-tenant", "--out", out]);
    const b = await runCli(["simulate", f, "--json", "--variant", "per-tenant"]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const j = JSON.parse(a.stdout);
    for (const k of ["scenario", "variant", "seed", "simulatedSeconds", "app", "kms", "cache", "keys", "cost", "warnings"]) expect(j).toHaveProperty(k);
    for (const k of ["operations", "succeeded", "failed", "failureRate", "latencyMs", "byOperation"]) expect(j.app).toHaveProperty(k);
    for (const k of ["requests", "throttled", "throttleRate", "retries", "byOperation", "pools"]) expect(j.kms).toHaveProperty(k);
    expect(j.keys.count).toBe(30);
    expect(JSON.parse(await readFile(out, "utf8"))).toEqual(j);
  });

  it("--series adds per-second request and throttle series per pool", async () => {
    const f = await scenarioFile(small);
    const r = await runCli(["simulate", f, "--json", "--series", "--variant", "per-account"]);
    const j = JSON.parse(r.stdout);
    const sym = j.series.find((x: { pool: string }) => x.pool === "symmetric");
    expect(sym.requestsPerSec).toHaveLength(20);
    const pool = j.kms.pools.find((x: { pool: string }) => x.pool === "symmetric");
    expect(sym.requestsPerSec.reduce((a: number, b: number) => a + b, 0)).toBe(pool.requests);
    expect(sym.throttledPerSec.reduce((a: number, b: number) => a + b, 0)).toBe(pool.throttled);
    // kms.requests follows the operations of the window, retries after its end included.
    expect(pool.requests).toBeLessThanOrEqual(j.kms.requests);
    expect(pool.requests).toBeGreaterThan(0.97 * j.kms.requests);
  });

  it("exits 2 with file:line:col and no stack trace for a bad scenario", async () => {
    const f = await scenarioFile(small.replace("rate: 1200", "rate: -5").replace("tenants: { count: 30 }", "tenants: { count: 30, colour: red }"));
    const r = await runCli(["simulate", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: traffic.rate`));
    expect(r.stderr).toMatch(/colour/);
    expect(r.stderr).not.toMatch(/    at /);
  });

  it("exits 2 for a missing file and for an unknown variant", async () => {
    expect((await runCli(["simulate", "/nonexistent/x.yaml"])).code).toBe(2);
    const f = await scenarioFile(small);
    const r = await runCli(["simulate", f, "--variant", "per-galaxy"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/per-galaxy/);
  });
});

describe("kmsplan usage", () => {
  it("--version prints package.json's version", async () => {
    const pkg = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    const r = await runCli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it("a bare kmsplan prints the command list on stderr and exits 2", async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    for (const c of ["simulate", "validate", "live", "cleanup", "compare", "emulate", "rehearse"]) expect(r.stderr).toMatch(new RegExp(`kmsplan ${c}\\b`));
    expect(r.stderr).toMatch(/name a command/);
  });

  it("--help documents every exit code", async () => {
    const h = await runCli(["--help"]);
    expect(h.stdout.replace(/\s+/g, " ")).toMatch(/Exit codes: 0 ok; 1 unexpected error .*; 2 invalid scenario, input file or usage; 3 a threshold or comparison failed; 4 a live run or cleanup incomplete/);
  });

  it("exits 2 for an unknown command or flag and teaches in --help", async () => {
    expect((await runCli(["simulat"])).code).toBe(2);
    expect((await runCli(["simulate", "x.yaml", "--jsn"])).code).toBe(2);
    const h = await runCli(["--help"]);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/shared per account/);
    expect(h.stdout).toMatch(/simulate/);
  });

  it("validate reports every problem and exits 2", async () => {
    const f = await scenarioFile(small.replace("rate: 1200", "rate: lots").replace("boundary: per-tenant }", "boundary: per-tennant }"));
    const r = await runCli(["validate", f]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n").filter((l) => l.startsWith(f)).length).toBeGreaterThanOrEqual(2);
    const ok = await runCli(["validate", await scenarioFile(small)]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/ok/);
  });
});

describe("kmsplan emulate on a port in use", () => {
  it("exits 2 with one line naming the port, no stack trace", async () => {
    const { createServer } = await import("node:net");
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await runCli(["emulate", "--port", String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--port ${port}: the port is already in use`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });
});
