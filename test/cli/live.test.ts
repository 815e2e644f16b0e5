/**
 * `kmsplan live` as argv -> exit code and output: every failure is non-zero with one line and no
 * stack trace (no credentials, a refused connection, a silent endpoint, an interrupt, a budget
 * stop); a complete run against moto_server exits 0 with the manifest cleaned up.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { adminTimeouts, callBoundMs } from "../../src/live/timeouts.js";
import { memoryIo } from "../support/cliIo.js";
import { describeMoto } from "../support/moto.js";
import { refusedUrl, silentServer, type SilentServer } from "../support/sockets.js";

const dir = mkdtempSync(join(tmpdir(), "kmsplan-live-cli-"));
const scenario = join(dir, "small.yaml");
writeFileSync(
  scenario,
  `version: 1
name: live-cli
seed: 3
duration: 2s
account: { region: us-east-1 }
tenants: { count: 2 }
keys: { boundary: per-tenant }
clients: { instances: 1 }
traffic:
  rate: 15
  mix:
    - { op: encrypt, weight: 1, size: 1KiB }
    - { op: s3-put, weight: 1, size: 1KiB }
`,
);

async function cli(argv: string[], opts: { env?: NodeJS.ProcessEnv; onStderr?: (text: string, io: ReturnType<typeof memoryIo>) => void } = {}) {
  const io = memoryIo(dir, opts.env ?? {});
  if (opts.onStderr) {
    const write = io.stderr;
    io.stderr = (t) => {
      write(t);
      opts.onStderr!(t, io);
    };
  }
  const code = await main(argv, io);
  return { code, stdout: io.out.join(""), stderr: io.err.join("") };
}

/** The stderr lines that are not progress (progress rewrites one line with \r). */
const lines = (stderr: string) => stderr.split("\n").map((l) => l.split("\r").at(-1)!.replace(/\x1b\[K/g, "").trim()).filter((l) => l !== "");

describe("kmsplan live: failures before anything is created", () => {
  let silent: SilentServer;
  beforeAll(async () => void (silent = await silentServer()));
  afterAll(() => silent.close());

  it("a refused connection (no credentials configured, local endpoint): exit 4, one line, nothing written", async () => {
    const results = join(dir, "refused");
    const url = await refusedUrl();
    const r = await cli(["live", scenario, "--endpoint-url", url, "--results-dir", results]);
    expect(r.code).toBe(4);
    expect(lines(r.stderr)).toEqual([`kmsplan: live run not started, nothing created: cannot connect to ${url} (ECONNREFUSED)`]);
    expect(r.stdout).toBe("");
    expect(existsSync(results)).toBe(false);
  });

  it("an endpoint that accepts and never answers: exit 4 within the documented bound, one line", async () => {
    const t0 = performance.now();
    const r = await cli(["live", scenario, "--endpoint-url", silent.url, "--request-timeout", "1s", "--results-dir", join(dir, "silent")]);
    const elapsedMs = performance.now() - t0;
    expect(r.code).toBe(4);
    expect(lines(r.stderr)).toEqual([
      `kmsplan: live run not started, nothing created: ${silent.url} did not answer (TimeoutError after 1000 ms, 3 attempt(s); --request-timeout sets the bound)`,
    ]);
    expect(silent.connections()).toBeGreaterThanOrEqual(1);
    // One STS call: 3 attempts of 1 s plus backoff (src/live/timeouts.ts), with slack for a loaded machine.
    expect(elapsedMs).toBeLessThan(callBoundMs(adminTimeouts(1000)) + 5000);
  }, 30_000);

  it("--profile naming a profile that does not exist: exit 4, one line saying what to set", async () => {
    const empty = join(dir, "empty-aws-file");
    writeFileSync(empty, "");
    const saved = { c: process.env.AWS_CONFIG_FILE, s: process.env.AWS_SHARED_CREDENTIALS_FILE };
    process.env.AWS_CONFIG_FILE = empty;
    process.env.AWS_SHARED_CREDENTIALS_FILE = empty;
    try {
      const r = await cli(["live", scenario, "--endpoint-url", await refusedUrl(), "--profile", "no-such-profile", "--results-dir", join(dir, "noprofile")]);
      expect(r.code).toBe(4);
      const l = lines(r.stderr);
      expect(l).toHaveLength(1);
      expect(l[0]).toMatch(/^kmsplan: live run not started, nothing created: no AWS credentials \(looked in: profile no-such-profile \(--profile\)\): set AWS_PROFILE or pass --profile/);
    } finally {
      for (const [k, v] of [["AWS_CONFIG_FILE", saved.c], ["AWS_SHARED_CREDENTIALS_FILE", saved.s]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it("plan mode honours AWS_REGION, and says when it is not the scenario's Region", async () => {
    const r = await cli(["live", scenario], { env: { AWS_REGION: "eu-west-1" } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Plan for run .* \(REAL AWS, eu-west-1\)/);
    expect(r.stdout).toMatch(/note: Region eu-west-1 \(from AWS_REGION\) is not the scenario's us-east-1/);
    expect(r.stdout).toMatch(/Nothing was sent/);
    const flag = await cli(["live", scenario, "--region", "ap-south-1"], { env: { AWS_REGION: "eu-west-1" } });
    expect(flag.stdout).toMatch(/\(REAL AWS, ap-south-1\)/);
  });
});

describeMoto("kmsplan live against moto_server", (endpoint) => {
  it("a complete run exits 0; the manifest says cleanedUp: true", async () => {
    const results = join(dir, "ok");
    const r = await cli(["live", scenario, "--endpoint-url", endpoint(), "--results-dir", results, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).live.complete).toBe(true);
    expect(lines(r.stderr).at(-1)).toMatch(/^manifest: .*\.manifest\.json \(cleaned up\)$/);
    const manifest = readdirSync(results).find((f) => f.endsWith(".manifest.json"))!;
    expect(JSON.parse(readFileSync(join(results, manifest), "utf8")).cleanedUp).toBe(true);
  }, 60_000);

  it("Ctrl-C during the drive: exit 4, one line naming the partial result; cleanup done", async () => {
    let interrupted = false;
    const results = join(dir, "interrupted");
    const longer = join(dir, "longer.yaml");
    writeFileSync(longer, readFileSync(scenario, "utf8").replace("duration: 2s", "duration: 20s"));
    const r = await cli(["live", longer, "--endpoint-url", endpoint(), "--results-dir", results], {
      onStderr: (t, io) => {
        if (!interrupted && /\b[1-9]\d* done/.test(t)) {
          interrupted = true;
          io.interrupt();
        }
      },
    });
    expect(interrupted).toBe(true);
    expect(r.code).toBe(4);
    const last = lines(r.stderr).at(-1)!;
    expect(last).toMatch(/^kmsplan: live run incomplete: interrupted; partial result .*\.json; cleaned up$/);
    expect(r.stdout).toMatch(/live-cli/); // what was measured is still reported
    const manifest = readdirSync(results).find((f) => f.endsWith(".manifest.json"))!;
    expect(JSON.parse(readFileSync(join(results, manifest), "utf8")).cleanedUp).toBe(true);
  }, 60_000);

  it("a guardrail stop (--max-requests) is a partial run: exit 4", async () => {
    const r = await cli(["live", scenario, "--endpoint-url", endpoint(), "--results-dir", join(dir, "budget"), "--max-requests", "3"]);
    expect(r.code).toBe(4);
    expect(lines(r.stderr).at(-1)).toMatch(/^kmsplan: live run incomplete: maxRequests reached \(\d+ KMS requests\); partial result .*; cleaned up$/);
    expect(r.stderr).not.toMatch(/    at /);
  }, 60_000);
});
