/** `--html FILE` and `--markdown` on simulate and compare, as argv -> files and output (in process). */
import { describe, expect, it } from "vitest";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../support/cliIo.js";

const spiky = `
version: 1
name: cli-report
seed: 3
duration: 90s
warmup: 10s
account: { region: eu-north-1, quotas: { symmetric: 1000 } }
tenants: { count: 20 }
keys: { boundary: per-account }
traffic:
  shape:
    - { at: 0s, rate: 800 }
    - { at: 40s, rate: 1600 }
    - { at: 50s, rate: 800 }
  mix:
    - { op: "kms:GenerateDataKey", weight: 1 }
variants:
  per-tenant: { keys.boundary: per-tenant }
  per-account: { keys.boundary: per-account }
`;

async function dirWith(text: string): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), "kmsplan-report-"));
  const file = join(dir, "s.yaml");
  await writeFile(file, text);
  return { dir, file };
}

/** The chart specs a report page carries. */
function chartSpecs(html: string): { id: string; series: { label: string; values: (number | null)[] }[] }[] {
  const m = /<script type="application\/json" id="kmsplan-charts">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error("no chart JSON in the page");
  return JSON.parse(m[1]);
}

describe("simulate --html", () => {
  it("writes a self-contained page with per-second charts, without --series or --histograms", async () => {
    const { dir, file } = await dirWith(spiky);
    const out = join(dir, "reports", "r.html");
    const r = await runCli(["simulate", file, "--html", out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`report: ${out}\n`);
    expect(r.stdout).toMatch(/per-tenant/); // the terminal table is still printed
    const html = await readFile(out, "utf8");
    expect(html).toContain("var uPlot="); // the library, inlined
    expect(html).not.toMatch(/<script[^>]+src=/);
    const specs = chartSpecs(html);
    const pool = specs.find((s) => s.id === "pool-symmetric")!;
    expect(pool.series[0].values).toHaveLength(80); // the 80-s measured window
    const latency = specs.find((s) => s.id === "latency")!;
    expect(latency.series[0].values.length).toBeGreaterThan(20); // from the histograms, not 5 summary points
    expect(await readdir(join(dir, "reports"))).toEqual(["r.html"]); // no temporary file left behind
  });

  it("keeps the JSON as asked: no series or histograms unless given", async () => {
    const { dir, file } = await dirWith(spiky);
    const r = await runCli(["simulate", file, "--variant", "per-account", "--json", "--html", join(dir, "r.html")]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.series).toBeUndefined();
    expect(j.app.histogram).toBeUndefined();
  });
});

describe("--markdown", () => {
  it("simulate prints the side-by-side matrix as a pipe table", async () => {
    const { file } = await dirWith(spiky);
    const r = await runCli(["simulate", file, "--markdown"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## kmsplan simulate: cli-report$/m);
    expect(r.stdout).toMatch(/^\| keys \| 20 \| 1 \|$/m);
  });

  it("simulate of one result prints its sections", async () => {
    const { file } = await dirWith(spiky);
    const r = await runCli(["simulate", file, "--variant", "per-account", "--markdown"]);
    expect(r.stdout).toMatch(/^### Quota pools$/m);
  });

  it("refuses --json with --markdown, and an empty --html", async () => {
    const { file } = await dirWith(spiky);
    const both = await runCli(["simulate", file, "--json", "--markdown"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--json and --markdown/);
    const empty = await runCli(["simulate", file, "--html", ""]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--html needs a file name/);
  });
});

describe("compare --html and --markdown", () => {
  it("writes the comparison page and prints markdown; the exit code still tells the verdict", async () => {
    const { dir, file } = await dirWith(spiky);
    const a = join(dir, "a.json"), b = join(dir, "b.json");
    expect((await runCli(["simulate", file, "--variant", "per-account", "--json", "--out", a, "--series", "--histograms"])).code).toBe(0);
    expect((await runCli(["simulate", file, "--variant", "per-account", "--seed", "4", "--duration", "60s", "--json", "--out", b, "--histograms"])).code).toBe(0);
    const out = join(dir, "c.html");
    // b's window is 50 s against a's 80 s: its KMS request count is far outside the 5% tolerance.
    const r = await runCli(["compare", a, b, "--html", out, "--markdown"]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^\*\*outside tolerance: .*kms\.requests.*\*\*$/m);
    expect(r.stdout).toMatch(/^\| \*\*kms\.requests\*\* \|/m);
    const html = await readFile(out, "utf8");
    expect(html).toContain('class="verdict tone-bad"');
    const ids = chartSpecs(html).map((s) => s.id);
    expect(ids).toContain("latency-all");
    expect(ids).not.toContain("pool-symmetric"); // b has no series: nothing to overlay
  });
});
