/**
 * One quota pool's statistics over the measured window's seconds [fromSec, toSec), from its
 * per-second counts (indexed by second of the run):
 *
 * - `requests`, `throttled`: sums over the window; `meanPerSec` = requests / window seconds;
 * - `peakPerSec`: the busiest second; `secondsThrottled`: seconds with at least one throttle;
 * - `peakMinuteAvgPerSec`: the busiest minute as requests / 60, minutes ALIGNED from the window's
 *   first second, as CloudWatch AWS/Usage sums them per minute. A trailing part of a minute is not
 *   a minute and is left out; a window shorter than a minute counts as one minute of its own length
 *   (its mean).
 *
 * Worked example: a 100-s window, 10/s except 30/s in seconds 70-79 -> minutes [0, 60) and the
 * trailing 40 s [60, 100), which is left out: peakMinuteAvgPerSec 10, peakPerSec 30, meanPerSec 12.
 * A sliding 60-s window would have said 13.3 (seconds 40-99).
 */
import type { PoolResult } from "./result.js";

/** Seconds in one CloudWatch AWS/Usage period. */
export const MINUTE_SEC = 60;

const at = (a: ArrayLike<number>, i: number): number => (i < a.length ? a[i] : 0);

export function poolStats(
  name: string,
  quotaPerSec: number,
  requestsPerSec: ArrayLike<number>,
  throttledPerSec: ArrayLike<number>,
  fromSec: number,
  toSec: number,
): PoolResult {
  let requests = 0, throttled = 0, peak = 0, secondsThrottled = 0;
  for (let s = fromSec; s < toSec; s++) {
    const r = at(requestsPerSec, s);
    const t = at(throttledPerSec, s);
    requests += r;
    throttled += t;
    if (r > peak) peak = r;
    if (t > 0) secondsThrottled++;
  }
  const span = toSec - fromSec;
  let peakMinute = 0;
  if (span < MINUTE_SEC) peakMinute = span > 0 ? requests / span : 0;
  else {
    for (let m = fromSec; m + MINUTE_SEC <= toSec; m += MINUTE_SEC) {
      let sum = 0;
      for (let s = m; s < m + MINUTE_SEC; s++) sum += at(requestsPerSec, s);
      if (sum / MINUTE_SEC > peakMinute) peakMinute = sum / MINUTE_SEC;
    }
  }
  return {
    pool: name,
    quotaPerSec,
    requests,
    meanPerSec: span > 0 ? requests / span : 0,
    peakPerSec: peak,
    peakMinuteAvgPerSec: peakMinute,
    secondsThrottled,
    throttled,
  };
}
