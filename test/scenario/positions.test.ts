import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import { positionOf, type SourceMap } from "../../src/scenario/positions.js";
import type { DocPath } from "../../src/scenario/schemaPaths.js";

function source(text: string): SourceMap {
  const lineCounter = new LineCounter();
  return { doc: parseDocument(text, { lineCounter }), lineCounter };
}

const TEXT = [
  "tenants:", // 1
  "  count: -1", // 2
  "traffic:", // 3
  "  mix:", // 4
  "    - { op: encrypt, weight: 1 }", // 5
  "    - op: decrypt", // 6
  "      weight: 2", // 7
  "base: &b { p50: 1ms }", // 8
  "copy: *b", // 9
  "",
].join("\n");

describe("positionOf", () => {
  const src = source(TEXT);
  it.each([
    [["tenants", "count"], false, 2, 10],
    [["tenants", "count"], true, 2, 3],
    [["tenants"], false, 1, 1],
    [["traffic", "mix"], false, 4, 3],
    [["traffic", "mix", 0], false, 5, 7],
    [["traffic", "mix", 0, "weight"], false, 5, 30],
    [["traffic", "mix", 1, "weight"], false, 7, 15],
    [["traffic", "mix", 1, "weight"], true, 7, 7],
    // Missing: the nearest existing parent (a key, or the list entry).
    [["tenants", "distribution"], false, 1, 1],
    [["traffic", "mix", 0, "size"], false, 5, 7],
    [["traffic", "mix", 5, "op"], false, 4, 3],
    [["nothing", "here"], false, 1, 1],
    [["tenants", "count", "deeper"], false, 2, 3],
    // Through an alias: the anchored node.
    [["copy", "p50"], false, 8, 17],
  ] as [DocPath, boolean, number, number][])("%j (key: %s) -> %d:%d", (path, key, line, col) => {
    expect(positionOf(src, path, { key })).toEqual({ line, col });
  });

  it("gives 1:1 for an empty document", () => {
    expect(positionOf(source(""), ["a"])).toEqual({ line: 1, col: 1 });
  });

  it("matches non-string keys by their text", () => {
    expect(positionOf(source("1: x\ntrue: y\n"), ["true"])).toEqual({ line: 2, col: 7 });
  });
});
