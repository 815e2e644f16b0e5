import { describe, expect, it } from "vitest";
import { closeUp, minuteAverages, positiveRanges, timeAxis, warmupEntries } from "../../../src/report/html/timeSeries.js";
import { liveResult, simulatedResult, WARMUP_SEC, WINDOW_SEC } from "./fixtures.js";

describe("minuteAverages", () => {
  it("gives each second its aligned minute's mean and leaves a trailing partial minute out", () => {
    const perSec = Array.from({ length: 130 }, (_, i) => (i >= 10 && i < 20 ? 400 : 100));
    const out = minuteAverages(perSec);
    expect(out.slice(0, 60).every((v) => v === 150)).toBe(true); // (50 * 100 + 10 * 400) / 60
    expect(out.slice(60, 120).every((v) => v === 100)).toBe(true);
    expect(out.slice(120)).toEqual(new Array(10).fill(null));
  });

  it("uses the whole window when it is shorter than a minute", () => {
    expect(minuteAverages([1, 2, 3, 6])).toEqual([3, 3, 3, 3]);
    expect(minuteAverages([])).toEqual([]);
  });
});

describe("positiveRanges and closeUp", () => {
  it("finds runs of positive seconds, shifted by the origin", () => {
    expect(positiveRanges([0, 1, 2, 0, 0, 5, 0, 3])).toEqual([{ from: 1, to: 3 }, { from: 5, to: 6 }, { from: 7, to: 8 }]);
    expect(positiveRanges([4, 0], 30)).toEqual([{ from: 30, to: 31 }]);
    expect(positiveRanges([0, 0])).toEqual([]);
  });

  it("closes up on whole minutes around a short stretch, and not on a long one", () => {
    const spike = Array.from({ length: 570 }, (_, i) => (i >= 271 && i <= 278 ? 1 : 0));
    expect(closeUp(spike)).toEqual({ from: 180, to: 360 });
    expect(closeUp(new Array(570).fill(0))).toBeNull();
    expect(closeUp(Array.from({ length: 100 }, (_, i) => (i < 50 ? 1 : 0)))).toBeNull();
  });
});

describe("the time axis", () => {
  it("labels a simulated window's seconds from the start of the run (timeline.startSec)", () => {
    const r = simulatedResult();
    expect(warmupEntries(r, r.series![0].requestsPerSec.length)).toBe(0);
    const x = timeAxis(r, WINDOW_SEC);
    expect(x.values[0]).toBe(WARMUP_SEC);
    expect(x.values).toHaveLength(WINDOW_SEC);
    expect(x.label).toMatch(/start of the run/);
  });

  it("drops the warm-up of an older simulated result whose series ran from second 0", () => {
    const r = simulatedResult();
    const pad = new Array<number>(WARMUP_SEC).fill(0);
    r.series = r.series!.map((s) => ({ ...s, requestsPerSec: [...pad, ...s.requestsPerSec], throttledPerSec: [...pad, ...s.throttledPerSec] }));
    delete (r as { timeline?: unknown }).timeline;
    expect(warmupEntries(r, r.series[0].requestsPerSec.length)).toBe(WARMUP_SEC);
    expect(timeAxis(r, WINDOW_SEC).values[0]).toBe(WARMUP_SEC);
  });

  it("starts a live series at the end of its warm-up, in window time", () => {
    const r = liveResult();
    expect(warmupEntries(r, r.series![0].requestsPerSec.length)).toBe(0);
    expect(timeAxis(r, 3)).toEqual({ label: "time into the measured window (m:ss)", values: [0, 1, 2] });
  });
});
