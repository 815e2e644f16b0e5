/**
 * The simulation pool: results in job order and byte for byte those of the serial run, whatever
 * the number of workers; errors in a worker come back with their message; an abort stops the batch.
 * From the TypeScript sources the workers load worker.ts through tsx (workerFromSource.mjs).
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadScenarioFile } from "../../src/scenario/index.js";
import { simulate } from "../../src/sim/simulate.js";
import { simulateAll } from "../../src/sim/simulateAll.js";
import { runReplicated, simulateReplicated } from "../../src/sim/replicate.js";
import { autoWorkers, runInProcess, runSimulations, SimulationJobError, type JobStats, type SimulationJob, type SimulationProgress } from "../../src/sim/pool/index.js";
import { RunIncompleteError } from "../../src/errors.js";
import { toJson } from "../../src/report/index.js";
import { makeScenario } from "../fixtures/scenario.js";

const fixture = join(import.meta.dirname, "..", "fixtures", "pool-levers.yaml");
const small = (durationMs: number, seed = 1) => makeScenario({ durationMs, seed, traffic: { shape: [{ atMs: 0, ratePerSec: 1500, rampMs: 0 }] } as never });

describe("simulateAll", () => {
  it("gives what simulate() gives one scenario at a time, savings included, on 1, 2 or 3 workers", async () => {
    const { variants } = await loadScenarioFile(fixture);
    const serial = toJson(variants.map((s) => simulate(s)));
    expect(serial).toMatch(/"savings"/);
    expect(serial).toMatch(/data-key caching/);
    expect(serial).toMatch(/S3 Bucket Keys/);
    for (const jobs of [1, 2, 3]) expect(toJson(await simulateAll(variants, { jobs }))).toBe(serial);
  });

  it("keeps series and histograms intact across the thread boundary, with or without progress", async () => {
    const { variants } = await loadScenarioFile(fixture);
    const opts = { series: true, histograms: true, savings: false };
    const serial = toJson(variants.map((s) => simulate(s, opts)), opts);
    expect(serial).toMatch(/"requestsPerSec"/);
    expect(serial).toMatch(/"histogram"/);
    const progress: SimulationProgress[] = [];
    expect(toJson(await simulateAll(variants, { ...opts, jobs: 2, onProgress: (p) => progress.push(p) }), opts)).toBe(serial);
    expect(toJson(await simulateAll(variants, { ...opts, jobs: 2 }), opts)).toBe(serial);
    // One overall fraction, never going back, ending with every run done.
    for (let i = 1; i < progress.length; i++) expect(progress[i].fraction).toBeGreaterThanOrEqual(progress[i - 1].fraction);
    expect(progress.at(-1)).toMatchObject({ fraction: 1, done: 3, total: 3, running: [] });
    expect(progress.some((p) => p.running.length === 2)).toBe(true);
    expect(new Set(progress.flatMap((p) => p.running.map((r) => r.label)))).toEqual(new Set(["pool-levers [per-tenant]", "pool-levers [per-account]", "pool-levers [adaptive]"]));
  });
});

describe("autoWorkers", () => {
  it.each([
    [1, 2, 1, "one job: in process"],
    [3, 2, 3, "3 variants on 2 cores: all at once, so no core idles for the last"],
    [4, 2, 4, "two full rounds either way"],
    [5, 2, 2, "past two rounds: one per core"],
    [15, 2, 2, "replications"],
    [9, 8, 9, ""],
    [3, 1, 1, "one core: in process"],
    [0, 2, 0, "nothing to run"],
  ])("%i job(s) on %i core(s) -> %i worker(s) %s", (jobs, cores, workers) => {
    expect(autoWorkers(jobs, cores)).toBe(workers);
  });
});

describe("runSimulations", () => {
  it("returns results in job order, whatever order the workers finish in", async () => {
    const durations = [9_000, 1_000, 5_000, 2_000, 7_000];
    const jobs: SimulationJob[] = durations.map((d, i) => ({ scenario: small(d, i + 1) }));
    const done: JobStats[] = [];
    const results = await runSimulations(jobs, { jobs: 2, onJobDone: (s) => done.push(s) });
    expect(results.map((r) => r.simulatedSeconds)).toEqual(durations.map((d) => d / 1000));
    expect(results.map((r) => r.seed)).toEqual([1, 2, 3, 4, 5]);
    expect(toJson(results)).toBe(toJson(await runInProcess(jobs)));
    expect(done.map((s) => s.index).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(done.map((s) => s.threadId)).size).toBe(2);
    expect(done.every((s) => s.threadId !== 0 && s.peakIsolateBytes > 0 && s.wallMs > 0)).toBe(true);
  });

  it("runs replications as the serial replicated run does", async () => {
    const s = makeScenario({ durationMs: 8_000, clients: { instances: 2, retry: { mode: "adaptive", maxAttempts: 3, profile: "sdk-v3" } }, traffic: { shape: [{ atMs: 0, ratePerSec: 1400, rampMs: 0 }] } as never });
    expect(JSON.stringify(await runReplicated(s, 5, { jobs: 2 }))).toBe(JSON.stringify(simulateReplicated(s, 5)));
  });

  it("rejects with the failing job and the worker's message, on a worker and in process alike", async () => {
    const jobs: SimulationJob[] = [{ scenario: small(2_000) }, { scenario: small(2_000), replicate: -1, label: "bad one" }, { scenario: small(2_000) }];
    for (const n of [2, 1]) {
      const e = await runSimulations(jobs, { jobs: n }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(SimulationJobError);
      expect((e as SimulationJobError).message).toBe("simulation 2 of 3 (bad one) failed: Expected replicate to be a non-negative integer, got -1");
      expect((e as SimulationJobError).index).toBe(1);
      expect(((e as Error).cause as Error).name).toBe("TypeError");
    }
  });

  it("stops every job when its signal aborts, and says how far it got", async () => {
    const ac = new AbortController();
    const finished: number[] = [];
    const run = runSimulations([{ scenario: small(600_000) }, { scenario: small(600_000, 2) }], {
      jobs: 2,
      signal: ac.signal,
      onJobDone: (s) => finished.push(s.index),
      onProgress: (p) => {
        if (p.running.some((r) => r.fraction > 0)) ac.abort();
      },
    });
    const e = await run.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RunIncompleteError);
    expect((e as Error).message).toMatch(/simulation stopped: 0 of 2 run\(s\) had finished/);
    expect(finished).toEqual([]);
    const aborted = AbortSignal.abort();
    await expect(runSimulations([{ scenario: small(1_000) }], { signal: aborted })).rejects.toBeInstanceOf(RunIncompleteError);
  });

  it("rejects bad input at the boundary", async () => {
    await expect(runSimulations([{ scenario: small(1_000) }], { jobs: 0 })).rejects.toThrow(/Expected jobs to be a positive integer, got 0/);
    await expect(runSimulations([{} as SimulationJob])).rejects.toThrow(/jobs\[0\]/);
    expect(await runSimulations([])).toEqual([]);
  });
});
