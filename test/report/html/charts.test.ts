import { describe, expect, it } from "vitest";
import { cacheChart, costChart, hitRatePct, histogramSpectrum, poolDemandChart, retriesChart, summarySpectrum } from "../../../src/report/html/index.js";
import { poolDemandCharts } from "../../../src/report/html/charts/poolDemand.js";
import { makeResult } from "../../fixtures/result.js";
import { histogramOf, QUOTA, simulatedResult, THROTTLED, WARMUP_SEC, WINDOW_SEC } from "./fixtures.js";

describe("poolDemandChart", () => {
  const r = simulatedResult();
  const c = poolDemandChart("p", r.kms.pools[0], r)!;
  const byLabel = (prefix: string) => c.series.find((s) => s.label.startsWith(prefix))!;

  it("draws demand, the per-minute average, the quota and throttles over the measured window", () => {
    expect(c.x.values).toHaveLength(WINDOW_SEC);
    expect(c.series.map((s) => s.values.length)).toEqual([WINDOW_SEC, WINDOW_SEC, WINDOW_SEC, WINDOW_SEC]);
    expect(byLabel("quota").values.every((v) => v === QUOTA)).toBe(true);
    const demand = byLabel("requests/s").values as number[];
    expect(Math.max(...demand)).toBeGreaterThan(QUOTA);
    const minute = byLabel("1-min").values.filter((v): v is number => v !== null);
    expect(Math.max(...minute)).toBeLessThan(QUOTA); // the CloudWatch view hides the spike
    expect(minute).toHaveLength(540); // 9 whole minutes of the 9.5-minute window
  });

  it("shades exactly the throttled seconds, in run time", () => {
    expect(c.marks!.ranges).toEqual([{ from: THROTTLED.from, to: THROTTLED.to }]);
    expect(c.caption).toMatch(/10 second\(s\) throttled/);
    expect(c.caption).toMatch(/stays below the quota/);
  });

  it("adds a close-up of the minutes around a short spike", () => {
    const [full, zoom] = poolDemandCharts("p", r.kms.pools[0], r);
    expect(full.id).toBe("p");
    expect(zoom.id).toBe("p-close-up");
    expect(zoom.x.values[0]).toBe(WARMUP_SEC + 180);
    expect(zoom.x.values).toHaveLength(180);
    expect(zoom.title).toBe("symmetric pool, close-up of 3:30-6:30");
  });

  it("fits the y axis to the demand when the demand is far below the quota", () => {
    const low = simulatedResult();
    low.kms.pools[0] = { ...low.kms.pools[0], quotaPerSec: 1_000_000, peakPerSec: 16_000 };
    const chart = poolDemandChart("p", low.kms.pools[0], low)!;
    expect(chart.y.max).toBeCloseTo(18_400);
    expect(chart.caption).toMatch(/above the scale/);
  });

  it("is null without a series", () => {
    const bare = makeResult();
    expect(poolDemandChart("p", bare.kms.pools[0], bare)).toBeNull();
  });
});

describe("retriesChart", () => {
  it("draws throttles, retries and failures from the timeline, close up on the spike", () => {
    const c = retriesChart("r", simulatedResult())!;
    expect(c.series.map((s) => s.label)).toEqual(["throttled/s", "retries/s", "failed operations/s"]);
    expect(c.x.values).toHaveLength(180);
    const retries = c.series[1].values as number[];
    expect(retries.reduce((a, v) => a + v, 0)).toBeGreaterThan(0);
    expect(c.caption).toMatch(/None outside/);
  });

  it("says when there is no timeline", () => {
    const r = simulatedResult();
    delete (r as { timeline?: unknown }).timeline;
    const c = retriesChart("r", r)!;
    expect(c.series.map((s) => s.label)).toEqual(["throttled/s"]);
    expect(c.caption).toMatch(/need a result with a timeline/);
  });
});

describe("latency spectrum", () => {
  it("reads percentiles from a histogram up to 1 - 1/count, ten points a nine, then the max", () => {
    const pts = histogramSpectrum(histogramOf(100_000, 1, 1000));
    expect(pts).toHaveLength(51); // 0, 0.1, ..., 5.0 (the max falls on 5.0)
    expect(pts[0][0]).toBe(0);
    expect(pts[pts.length - 1][0]).toBe(5);
    for (let i = 1; i < pts.length; i++) expect(pts[i][1]).toBeGreaterThanOrEqual(pts[i - 1][1]);
    expect(pts[10][1]).toBeGreaterThan(490); // p90 of log-uniform 1..1000 ms is 10^2.7 = 501 ms
    expect(pts[10][1]).toBeLessThan(510);
    expect(pts[pts.length - 1][1]).toBeCloseTo(1000, -1);
  });

  it("adds the max past the last whole tenth of a nine", () => {
    const pts = histogramSpectrum(histogramOf(250, 1, 100));
    expect(pts.map(([x]) => x).slice(-2)).toEqual([2.3, 2.398]);
  });

  it("falls back to summary percentiles", () => {
    const pts = summarySpectrum({ p50: 1, p90: 2, p99: 3, p99_9: 4, max: 9, mean: 1 }, 500);
    expect(pts).toEqual([[0.301, 1], [1, 2], [2, 3], [2.699, 9]]);
  });
});

describe("costChart and cacheChart", () => {
  it("stacks keys, rotation and requests per variant, with end-of-run totals when given", () => {
    const a = simulatedResult("a");
    const b = makeResult({ variant: "b" });
    (b.cost as { endOfRun?: unknown }).endOfRun = { monthlyUsd: { keys: 1, rotation: 2, requests: 3, total: 42 } };
    const c = costChart("cost", [{ label: "a", result: a }, { label: "b", result: b }])!;
    expect(c.stacked).toBe(true);
    expect(c.x.categories).toEqual(["a", "b"]);
    expect(c.series.map((s) => s.label)).toEqual(["keys", "rotation", "requests", "total at the end-of-run rate"]);
    expect(c.series[3].values).toEqual([null, 42]);
  });

  it("turns hits and misses into a hit rate per second, with gaps where nothing was looked up", () => {
    expect(hitRatePct([9, 0, 1], [1, 0, 3])).toEqual([90, null, 25]);
    const c = cacheChart("cache", simulatedResult())!;
    expect(c.series.map((s) => s.values.length)).toEqual([WINDOW_SEC, WINDOW_SEC]);
    expect(c.y2?.unit).toBe("perSec");
    expect(cacheChart("cache", simulatedResult(null, { cache: false }))).toBeNull();
  });
});
