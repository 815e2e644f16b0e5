/**
 * Warnings for rate-shape steps that the run never reaches. A step or ramp that starts at or after
 * `duration` never happens; a ramp that ends after `duration` is cut short. Both are legal (a
 * variant may shorten the run), but they usually mean the shape was read as a k6 stage - "reach
 * `rate` by `at`" - while kmsplan's ramp STARTS at `at`. Each warning says what the run does
 * instead and how to write what was probably meant.
 *
 * Worked example (duration 20m): `{ at: 20m, rate: 8000, ramp: 20m }` ->
 * "this ramp starts at 20m, when the run (duration 20m) is over: the whole run stays at 0 ops/s ...
 * to reach 8,000 ops/s by 20m, write { at: 0s, rate: 8000, ramp: 20m }".
 */
import { opsPerSec as rate, rateProfile } from "./describe.js";
import type { RawProblem } from "./issues.js";
import type { WrittenScenario } from "./schema.js";
import { RAMP_MEANING } from "./schema.js";
import type { Scenario } from "./types.js";
import { durationMs, formatDuration } from "./units.js";

function step(atMs: number, ratePerSec: number, rampMs: number): string {
  return `{ at: ${formatDuration(atMs)}, rate: ${ratePerSec}${rampMs > 0 ? `, ramp: ${formatDuration(rampMs)}` : ""} }`;
}

/** What the whole run does, in a few words: "stays at 0 ops/s", "goes from 0 to 4,000 ops/s". */
function runRateSummary(s: Scenario): string {
  const p = rateProfile(s);
  if (p.peakPerSec === p.startPerSec && p.endPerSec === p.startPerSec) return `stays at ${rate(p.startPerSec)}`;
  return `goes from ${rate(p.startPerSec)} to ${rate(p.endPerSec)}${p.peakPerSec > Math.max(p.startPerSec, p.endPerSec) ? ` (peak ${rate(p.peakPerSec)})` : ""}`;
}

/** How to write "reach `ratePerSec` at `targetMs`" after a step ending at `prevEndMs`, or null. */
function rewrite(prevEndMs: number, targetMs: number, ratePerSec: number, rampMs: number): string | null {
  const startMs = Math.max(prevEndMs, targetMs - rampMs);
  if (!(startMs < targetMs)) return null;
  return step(startMs, ratePerSec, targetMs - startMs);
}

export function shapeWarnings(w: WrittenScenario, s: Scenario): RawProblem[] {
  const shape = w.traffic.shape ?? [];
  const out: RawProblem[] = [];
  const endMs = s.durationMs;
  const run = `the run (duration ${formatDuration(endMs)})`;
  let prevEndMs = 0;
  for (let i = 0; i < shape.length; i++) {
    const atMs = durationMs(shape[i].at);
    const rampMs = shape[i].ramp !== undefined ? durationMs(shape[i].ramp!) : 0;
    const target = shape[i].rate;
    if (atMs < prevEndMs) return out; // out of order: the rules report it
    if (atMs >= endMs) {
      const never = `${rampMs > 0 ? "this ramp starts" : "this step is"} at ${formatDuration(atMs)}, when ${run} is over: it never happens, and the run ${runRateSummary(s)}`;
      const fix = rampMs > 0 ? rewrite(prevEndMs, endMs, target, rampMs) : null;
      out.push({
        path: ["traffic", "shape", i, "at"],
        message:
          never +
          (rampMs > 0 ? `; ${RAMP_MEANING.split(";")[0]}` : "") +
          (fix ? `; to reach ${rate(target)} by ${formatDuration(endMs)}, write ${fix}` : `; move \`at\` before ${formatDuration(endMs)} or lengthen duration`),
      });
    } else if (atMs + rampMs > endMs) {
      const reached = rateProfile(s).endPerSec;
      const kstage = rewrite(prevEndMs, atMs, target, rampMs);
      const byEnd = step(atMs, target, endMs - atMs);
      out.push({
        path: ["traffic", "shape", i, "ramp"],
        message:
          `this ramp would reach ${rate(target)} at ${formatDuration(atMs + rampMs)}, after ${run} ends: the run stops on the way, at ${rate(reached)}; ` +
          `${RAMP_MEANING.split(";")[0]}; ` +
          (kstage ? `to reach ${rate(target)} at ${formatDuration(atMs)}, write ${kstage}; ` : "") +
          `to reach it by the end of the run, write ${byEnd}`,
      });
    }
    prevEndMs = atMs + rampMs;
  }
  return out;
}
