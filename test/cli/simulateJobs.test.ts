/** `kmsplan simulate --jobs N` and `rehearse --jobs N`: same output whatever N, progress on one line, usage errors. */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { runCli } from "../support/cliIo.js";
import { progressLine } from "../../src/cli/commands/simulate.js";

const fixture = join(import.meta.dirname, "..", "fixtures", "pool-levers.yaml");

describe("kmsplan simulate --jobs", () => {
  it("prints the same --json with 1, 2 and 3 jobs (3 is more than this machine's cores), savings included", async () => {
    const one = await runCli(["simulate", fixture, "--json", "--jobs", "1"]);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toHaveLength(3);
    expect(one.stdout).toMatch(/"lever": "S3 Bucket Keys"/);
    for (const n of ["2", "3"]) {
      const r = await runCli(["simulate", fixture, "--json", "--jobs", n]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(one.stdout);
    }
  });

  it("--progress draws one line across the workers and clears it", async () => {
    const r = await runCli(["simulate", fixture, "--variant", "per-account", "--variant", "adaptive", "--jobs", "2", "--progress"]);
    expect(r.code).toBe(0);
    const frames = r.stderr.split("\r").filter(Boolean);
    // The first frame: a run has started, on whichever worker was ready first.
    expect(frames[0]).toMatch(/^simulating 0% \(0 of 6 done\): pool-levers \[per-account\][^,]* 0%/);
    expect(frames.some((f) => /^simulating \d+% \(\d of 6 done\): .+ \d+%, .+\x1b\[K$/.test(f))).toBe(true);
    expect(frames.at(-2)).toMatch(/^simulating 100% \(6 of 6 done\)\x1b\[K$/);
    expect(frames.at(-1)).toBe("\x1b[K");
  });

  it("exits 2 for --jobs that is not a whole number >= 1", async () => {
    for (const bad of ["0", "1.5", "many"]) {
      const r = await runCli(["simulate", fixture, "--jobs", bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--jobs: expected a whole number >= 1/);
    }
    const rehearse = await runCli(["rehearse", fixture, "--variant", "adaptive", "--jobs", "0"]);
    expect(rehearse.code).toBe(2);
    expect(rehearse.stderr).toMatch(/--jobs: expected a whole number >= 1/);
  });
});

describe("progressLine", () => {
  it("gives the overall fraction, runs done and each run going, cut to the line's width", () => {
    expect(progressLine({ fraction: 0.426, done: 3, total: 9, running: [{ index: 3, label: "saas [per-tenant]", fraction: 0.634 }, { index: 4, label: "saas [per-account] (without cache)", fraction: 0.12 }] })).toBe(
      "simulating 42% (3 of 9 done): saas [per-tenant] 63%, saas [per-account] (without cache) 12%",
    );
    expect(progressLine({ fraction: 1, done: 2, total: 2, running: [] })).toBe("simulating 100% (2 of 2 done)");
    const long = progressLine({ fraction: 0.5, done: 0, total: 4, running: [0, 1, 2, 3].map((i) => ({ index: i, label: `a-very-long-scenario-name [variant-${i}]`, fraction: 0.5 })) });
    expect(long).toHaveLength(110);
    expect(long.endsWith("…")).toBe(true);
  });
});
