/**
 * Document path -> 1-based line and column in the YAML source.
 *
 * Walks the parsed `yaml` Document node by node. A scalar points at its value; a mapping or list
 * reached through a key points at that key (`traffic:`), so that "traffic.mix: weights sum to 0"
 * lands on the `mix:` line. When the path does not exist (a missing required key, an index past the
 * end) it falls back to the nearest existing parent: the key of the parent mapping.
 *
 * Example: for "tenants:\n  count: -1\n", ["tenants", "count"] -> 2:10 (the value -1);
 * ["tenants", "distribution"] (missing) -> 1:1 (the `tenants` key).
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from "yaml";
import type { DocPath } from "./schemaPaths.js";

export interface Position {
  line: number;
  col: number;
}

export interface SourceMap {
  doc: Document;
  lineCounter: LineCounter;
}

function startOf(src: SourceMap, node: { range?: [number, number, number] | null } | null | undefined): Position | null {
  if (!node?.range) return null;
  const { line, col } = src.lineCounter.linePos(node.range[0]);
  return { line, col };
}

function resolve(src: SourceMap, node: unknown): unknown {
  // Aliases point at their anchor's node; follow at most a few hops.
  let n = node;
  for (let i = 0; i < 8 && isAlias(n); i++) n = n.resolve(src.doc);
  return n;
}

function keyText(key: unknown): string | null {
  if (isScalar(key)) return String(key.value);
  if (key === null || key === undefined) return null;
  return typeof key === "object" ? null : String(key);
}

/** Index of each mapping's pairs by key text (first pair wins), built once per mapping: thousands of lookups stay linear. */
const pairIndex = new WeakMap<YAMLMap, Map<string, { pair: Pair; i: number }>>();

function pairOf(map: YAMLMap, key: string): { pair: Pair; i: number } | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    map.items.forEach((pair, i) => {
      const k = keyText(pair.key);
      if (k !== null && !index!.has(k)) index!.set(k, { pair, i });
    });
    pairIndex.set(map, index);
  }
  return index.get(key);
}

/** Position of `path` (or of its nearest existing parent); `key: true` prefers the mapping key. */
export function positionOf(src: SourceMap, path: DocPath, opts: { key?: boolean } = {}): Position {
  let node: unknown = resolve(src, src.doc.contents);
  let anchor: Position | null = startOf(src, node as Node | null);
  let viaKey = false;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = pairOf(node, String(seg))?.pair;
      if (!pair) return anchor ?? { line: 1, col: 1 };
      const keyPos = startOf(src, pair.key as Node | null);
      if (last && opts.key && keyPos) return keyPos;
      anchor = keyPos ?? anchor;
      viaKey = true;
      node = resolve(src, pair.value);
      if (node === null || node === undefined) return anchor ?? { line: 1, col: 1 };
    } else if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg];
      if (item === undefined) return anchor ?? { line: 1, col: 1 };
      node = resolve(src, item);
      anchor = startOf(src, node as Node | null) ?? anchor;
      viaKey = false;
    } else {
      return anchor ?? { line: 1, col: 1 };
    }
  }
  if ((isMap(node) || isSeq(node)) && viaKey) return anchor ?? { line: 1, col: 1 };
  return startOf(src, node as Node | null) ?? anchor ?? { line: 1, col: 1 };
}

/**
 * The key just before the one at `path` in its mapping, when it was written with no value
 * (`tenants:` followed by nothing): a key meant to be indented under it was probably not.
 * Example: "tenants:\ncount: 10\n", ["count"] -> { key: "tenants", line: 1 }.
 */
export function emptyKeyBefore(src: SourceMap, path: DocPath): { key: string; line: number } | null {
  let node: unknown = resolve(src, src.doc.contents);
  for (const seg of path.slice(0, -1)) {
    if (isMap(node)) node = resolve(src, pairOf(node, String(seg))?.pair.value);
    else if (isSeq(node) && typeof seg === "number") node = resolve(src, node.items[seg]);
    else return null;
  }
  if (!isMap(node)) return null;
  const i = pairOf(node, String(path[path.length - 1]))?.i ?? -1;
  if (i < 1) return null;
  const prev = node.items[i - 1];
  const value = prev.value;
  const empty = value === null || value === undefined || (isScalar(value) && value.value === null && value.source === "");
  const key = keyText(prev.key);
  const at = startOf(src, prev.key as Node | null);
  return empty && key !== null && at ? { key, line: at.line } : null;
}
