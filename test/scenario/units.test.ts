import { describe, expect, it } from "vitest";
import { durationMs, formatDuration, isDurationString, isSizeString, sizeBytes } from "../../src/scenario/units.js";

describe("durationMs", () => {
  it.each([
    [250, 250],
    [0, 0],
    ["250ms", 250],
    ["30s", 30_000],
    ["5m", 300_000],
    ["2h", 7_200_000],
    ["1d", 86_400_000],
    ["5m15s", 315_000],
    ["1h30m", 5_400_000],
    ["1.5s", 1_500],
    ["0.5ms", 0.5],
    ["0s", 0],
  ] as const)("%j -> %d ms", (written, ms) => {
    expect(durationMs(written)).toBe(ms);
  });

  it.each(["5x", "5", "", "5 m", "-5s", "m", "5M", "1e3ms", "s5"])("rejects %j", (text) => {
    expect(isDurationString(text)).toBe(false);
    expect(() => durationMs(text)).toThrow(TypeError);
  });

  it.each([-1, Infinity, NaN])("rejects the number %d", (n) => {
    expect(() => durationMs(n)).toThrow(/Expected a duration/);
  });
});

describe("sizeBytes", () => {
  it.each([
    [512, 512],
    ["512B", 512],
    ["4KiB", 4_096],
    ["64KiB", 65_536],
    ["1MiB", 1_048_576],
    ["1GiB", 1_073_741_824],
    ["1TiB", 1_099_511_627_776],
    ["1KB", 1_000],
    ["1MB", 1_000_000],
    ["1GB", 1_000_000_000],
    ["1.5KiB", 1_536],
    [10.4, 10],
  ] as const)("%j -> %d bytes", (written, bytes) => {
    expect(sizeBytes(written)).toBe(bytes);
  });

  it.each(["4kib", "4 KiB", "KiB", "4", "4Kb", "-1B"])("rejects %j", (text) => {
    expect(isSizeString(text)).toBe(false);
    expect(() => sizeBytes(text)).toThrow(TypeError);
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [250, "250ms"],
    [30_000, "30s"],
    [315_000, "5m15s"],
    [86_400_000 + 3_600_000, "1d1h"],
    [1_500, "1500ms"],
  ])("%d ms -> %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(durationMs(text)).toBe(ms);
  });
});
