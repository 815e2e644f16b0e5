/**
 * `rehearse`: how kmsplan checks its own model. For one scenario:
 *   1. live: drive it against an emulator enforcing the scenario's quota, with `latency.kms` and
 *      `latency.throttled` injected - real SDK clients, real Encryption SDK caching CMM;
 *   2. calibrate: drive the scenario against an emulator with no quota and no injected latency, and
 *      take what the caller's process adds (SDK, event loop, Encryption SDK) - see calibrate.ts.
 *      It runs second, in a process the live run has warmed up: run first, the Encryption SDK's
 *      code was still being optimised and its per-message time came out up to 2x the live run's.
 *      With a cache, it then measures what a miss adds (missCost.ts). The Encryption SDK's local
 *      time per cache hit is taken from the live run's own hits instead (withLiveLocalTime): it is
 *      the host's CPU, an input like the injected KMS latency, and it drifts within a minute;
 *   3. simulate the same scenario with the calibrated overhead, `replications` times with independent
 *      service-time, jitter and waiter draws on the same arrivals (see sim/replicate.ts): the
 *      prediction is the median of every metric;
 *   4. compare predicted vs measured.
 * Each emulator runs in its own process (spawnEmulator), so its CPU is not on the SDK's event loop,
 * and is killed afterwards, also on error. The scenario's `warmup` (connection setup, JIT, cache
 * fill) runs in both live runs and is excluded from the statistics exactly as `simulate` excludes it.
 * No console output: progress goes to `onProgress`.
 */
import { compareResults } from "../compare/compare.js";
import { RunIncompleteError } from "../errors.js";
import { DEFAULT_TOLERANCES } from "../compare/tolerances.js";
import { spawnEmulator, type SpawnedEmulator } from "../emulate/spawnEmulator.js";
import { runLive } from "../live/runLive.js";
import type { LiveRunResult } from "../live/buildLiveResult.js";
import type { LiveProgress } from "../live/types.js";
import type { Scenario } from "../scenario/types.js";
import { DEFAULT_REPLICATIONS, runReplicated } from "../sim/replicate.js";
import { measureMissCost } from "./missCost.js";
import { applyCalibration, calibrationFrom, calibrationScenario, CALIBRATION_QUOTA_PER_SEC, DEFAULT_CALIBRATION_MS, uncalibrated, withLiveLocalTime } from "./calibrate.js";
import type { RehearsalOutcome, RehearseOptions, RehearsePhase } from "./types.js";

const DUMMY_CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" };

export async function rehearse(options: RehearseOptions): Promise<RehearsalOutcome> {
  if (!options || typeof options !== "object" || !options.scenario || typeof options.scenario !== "object") {
    throw new TypeError(`Expected options with a resolved scenario, got ${options === null ? "null" : typeof options}`);
  }
  const { scenario } = options;
  const progress = (phase: RehearsePhase, message: string, live?: LiveProgress): void => options.onProgress?.({ phase, message, ...(live ? { live } : {}) });
  const drive = async (s: Scenario, emu: SpawnedEmulator, phase: RehearsePhase): Promise<{ result: LiveRunResult; file: string }> => {
    const out = await runLive({
      scenario: s,
      endpointUrl: emu.url,
      ...(options.s3EndpointUrl ? { s3EndpointUrl: options.s3EndpointUrl } : {}),
      yes: true,
      resultsDir: options.resultsDir,
      credentials: options.credentials ?? DUMMY_CREDENTIALS,
      skipAccountMetrics: true,
      signal: options.signal,
      onProgress: (p) => progress(phase, `${phase}: ${p.elapsedSec.toFixed(0)} s, ${p.completed} ops, ${p.kmsRequests} KMS requests, ${p.throttled} throttled`, p),
    });
    if (!out.result) throw new Error(`live run of ${s.name} did not run (planned only)`);
    if (!out.result.live.complete) {
      const why = out.result.live.stopReason === "aborted" ? "interrupted" : out.result.live.stopReason;
      throw new RunIncompleteError(`rehearsal incomplete: the ${phase} run of ${s.name} stopped early (${why}); partial result ${out.file}`);
    }
    return { result: out.result, file: out.file };
  };

  progress("live", `live: ${scenario.name} against the emulator (quota and injected latency of the scenario)`);
  const emu = await spawnEmulator({ scenario, latency: scenario.latency.kms, throttledLatency: scenario.latency.throttled });
  let measured: { result: LiveRunResult; file: string };
  let emulatorStats;
  try {
    measured = await drive(scenario, emu, "live");
    emulatorStats = await emu.stats();
  } finally {
    await emu.close();
  }

  let calibration = uncalibrated(scenario);
  if (options.calibrate !== false) {
    const cs = calibrationScenario(scenario, options.calibrationMs ?? DEFAULT_CALIBRATION_MS);
    progress("calibrate", `calibrating caller overhead: ${((cs.durationMs - cs.warmupMs) / 1000).toFixed(0)} s of the scenario's traffic, quota ${CALIBRATION_QUOTA_PER_SEC}/s, no injected latency`);
    const emu = await spawnEmulator({ scenario: cs, latency: null, throttledLatency: null });
    try {
      const run = (await drive(cs, emu, "calibrate")).result;
      progress("calibrate", "calibrating the extra cost of a cache miss: the real Encryption SDK, one operation at a time");
      const missCost = await measureMissCost(scenario, { endpointUrl: emu.url, credentials: options.credentials ?? DUMMY_CREDENTIALS });
      calibration = withLiveLocalTime(calibrationFrom(scenario, run, missCost), measured.result);
    } finally {
      await emu.close();
    }
  }

  progress("simulate", `simulate: ${scenario.name} with latency.client p50 ${calibration.client.p50Ms.toFixed(2)} ms, p99 ${calibration.client.p99Ms.toFixed(2)} ms`);
  const simulatedScenario = applyCalibration(scenario, calibration);
  const replications = options.replications ?? DEFAULT_REPLICATIONS;
  const { result: predicted, spread } = await runReplicated(simulatedScenario, replications, {
    jobs: options.jobs,
    signal: options.signal,
    onProgress: options.onProgress && ((simulation) => options.onProgress?.({ phase: "simulate", message: `simulate: ${Math.floor(simulation.fraction * 100)}% of ${replications} replications`, simulation })),
  });
  progress("compare", `compare: predicted (median of ${replications} replications) vs measured`);
  const comparison = compareResults(predicted, measured.result, options.tolerances ?? DEFAULT_TOLERANCES);
  return { predicted, replications, spread, measured: measured.result, comparison, calibration, emulatorStats, simulatedScenario, measuredFile: measured.file };
}
