/**
 * One benchmark case in its own process (so peak RSS is the case's own): load a scenario, simulate
 * it once (no savings runs), print one JSON line with simulated operations, events, wall time and
 * peak RSS. Usage: node dist/bench/case.js FILE [DURATION_MS]
 */
import { loadScenarioFile } from "../scenario/index.js";
import { simulateOnce } from "../sim/simulate.js";

const [file, durationArg] = process.argv.slice(2);
const loaded = await loadScenarioFile(file);
const scenario = durationArg ? { ...loaded.base, durationMs: Number(durationArg) } : loaded.base;
const t0 = performance.now();
const { result, engine } = simulateOnce(scenario);
const wallMs = performance.now() - t0;
const rssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  JSON.stringify({
    name: scenario.name,
    simulatedSeconds: scenario.durationMs / 1000,
    operations: result.app.operations,
    kmsRequests: result.kms.requests,
    throttleRate: result.kms.throttleRate,
    events: engine.counters.events,
    wallMs,
    opsPerWallSec: result.app.operations / (wallMs / 1000),
    peakRssMb: rssMb,
  }) + "\n",
);
