import { describe, expect, it } from "vitest";
import { formatCount, formatMs, formatNumber, formatPct, formatPerSec, formatSeconds, formatSigned, formatUsd, groupThousands, wrapText } from "../../src/report/format.js";

describe("format", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1000, "1,000"],
    [1234567, "1,234,567"],
    [1234567.6, "1,234,568"],
    [-1234, "-1,234"],
    [NaN, "n/a"],
    [Infinity, "n/a"],
  ])("formatCount(%s) = %s", (n, want) => expect(formatCount(n)).toBe(want));

  it.each([
    [0, "0%"],
    [0.032, "3.2%"],
    [0.0321, "3.2%"],
    [1, "100.0%"],
    [0.5, "50.0%"],
    [0.000185, "0.019%"],
    [0.005, "0.5%"],
    [0.00000001, "<0.001%"],
    [12.345, "1,234.5%"],
    [undefined, "n/a"],
  ])("formatPct(%s) = %s", (n, want) => expect(formatPct(n)).toBe(want));

  it.each([
    [12.34, "12.3 ms"],
    [0.42, "0.42 ms"],
    [8, "8.0 ms"],
    [999.94, "999.9 ms"],
    [1890, "1,890 ms"],
    [12345.6, "12,346 ms"],
    [0, "0 ms"],
  ])("formatMs(%s) = %s", (n, want) => expect(formatMs(n)).toBe(want));

  it.each([
    [1234.56, "$1,234.56"],
    [1234.561, "$1,234.56"],
    [0, "$0.00"],
    [0.004, "$0.00"],
    [-3, "-$3.00"],
    [1_000_000, "$1,000,000.00"],
  ])("formatUsd(%s) = %s", (n, want) => expect(formatUsd(n)).toBe(want));

  it.each([
    [2.5, "2.5"],
    [9333.33, "9,333"],
    [10, "10"],
  ])("formatPerSec(%s) = %s", (n, want) => expect(formatPerSec(n)).toBe(want));

  it.each([
    [600, "600 s (10 min)"],
    [42.5, "42.5 s"],
    [7200, "7,200 s (2 h)"],
    [90, "90 s (1.5 min)"],
  ])("formatSeconds(%s) = %s", (n, want) => expect(formatSeconds(n)).toBe(want));

  it("groups thousands in the integer part only", () => {
    expect(groupThousands("1234567.891")).toBe("1,234,567.891");
    expect(groupThousands("-0.00")).toBe("0.00");
    expect(formatNumber(1234.56, 1)).toBe("1,234.6");
  });

  it("signs differences", () => {
    expect(formatSigned(3, (v) => `${v}`)).toBe("+3");
    expect(formatSigned(-3, (v) => `${v}`)).toBe("-3");
    expect(formatSigned(0, (v) => `${v}`)).toBe("0");
  });

  it("wraps words to the width with an indent on continuation lines", () => {
    const out = wrapText("aaa bbb ccc ddd", 8, "  ");
    expect(out).toBe("aaa bbb\n  ccc\n  ddd");
    for (const line of out.split("\n")) expect(line.length).toBeLessThanOrEqual(8);
  });
});

describe("formatPct below 1%", () => {
  it.each([
    [0.0000185, "0.0019%"],
    [0.00999, "1%"], // 0.999% rounds to two significant digits
    [0.0099, "0.99%"],
    [0.001, "0.1%"],
    [-0.0005, "-0.05%"],
  ])("formatPct(%s) = %s", (n, want) => expect(formatPct(n)).toBe(want));
});
