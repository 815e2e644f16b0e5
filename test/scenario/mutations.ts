/**
 * A mutation fuzzer over the repository's own scenarios: each document is one of scenarios/**.yaml
 * with one to three mutations of the kinds that found the loader's crashes and hangs - huge and
 * non-finite numbers, deep nesting, huge collections, wrong types, deleted and duplicated keys,
 * special strings, variants that set such values, and text edits (indentation, tabs, cuts).
 * Deterministic: document `i` of seed `s` is always the same text.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";

type Path = (string | number)[];
type Doc = Record<string, unknown>;

const ROOT = fileURLToPath(new URL("../../scenarios", import.meta.url));

/** The repository's scenarios: file name, text and parsed document. */
export const SEEDS: { file: string; text: string; doc: Doc }[] = readdirSync(ROOT, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((file) => {
    const text = readFileSync(join(ROOT, file), "utf8");
    return { file, text, doc: parse(text) as Doc };
  });

/** mulberry32: a small seeded PRNG, enough for choosing mutations. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HUGE = [2 ** 31 - 1, 2 ** 31, 2 ** 32 + 1, 2 ** 53, 2 ** 53 + 2, 1e15, 1e308, Number.MAX_VALUE, -1e308, 1e-308, 5e-324, -1, 0, 99999999999];
const NON_FINITE = [Infinity, -Infinity, NaN];
const SPECIAL = ["__proto__", "constructor", "prototype", "", "\u0000", "🙂", "9".repeat(400), "1e309s", "-0", ".inf", "NaN", "99999999999999999999999d", "0x10", "1_000", "~", "5m15s", "0s", "1d", "1GiB", "per-tenant", "kms:Sign", "us-wset-2"];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length) out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

function getAt(doc: unknown, path: Path): unknown {
  let node = doc as Record<string | number, unknown> | undefined;
  for (const seg of path) node = node && typeof node === "object" ? (node[seg] as Record<string | number, unknown>) : undefined;
  return node;
}

function setAt(doc: unknown, path: Path, value: unknown): void {
  const parent = getAt(doc, path.slice(0, -1));
  if (!parent || typeof parent !== "object") return;
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(parent) && typeof last === "number") parent.splice(last, 1);
    else delete (parent as Record<string, unknown>)[last as string];
  } else {
    Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  }
}

function wrongType(r: () => number, old: unknown): unknown {
  const options: unknown[] = [7, "seven", true, null, [1, 2], { x: 1 }, [], {}];
  return pick(r, options.filter((o) => typeof o !== typeof old || Array.isArray(o) !== Array.isArray(old)));
}

/** A mutation of the parsed document; the text is written with `stringify` afterwards. */
function mutateTree(r: () => number, doc: Doc): void {
  const paths = pathsOf(doc);
  const path = pick(r, paths);
  const kind = Math.floor(r() * 8);
  switch (kind) {
    case 0:
      return setAt(doc, path, pick(r, HUGE));
    case 1:
      return setAt(doc, path, pick(r, NON_FINITE));
    case 2:
      return setAt(doc, path, wrongType(r, getAt(doc, path)));
    case 3:
      return setAt(doc, path, undefined);
    case 4:
      return setAt(doc, path, pick(r, SPECIAL));
    case 5: {
      // A value replaced by a long list or a mapping with many keys.
      const n = pick(r, [100, 1000]);
      return setAt(doc, path, r() < 0.5 ? Array.from({ length: n }, (_, i) => i) : Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])));
    }
    case 6: {
      // A variant that sets a huge, non-finite or special value somewhere.
      const target = pick(r, paths.filter((p) => p[0] !== "variants"));
      const value = pick(r, [...HUGE, ...NON_FINITE, ...SPECIAL]);
      const variants = (doc.variants && typeof doc.variants === "object" ? doc.variants : (doc.variants = {})) as Record<string, unknown>;
      variants[`fuzz${Math.floor(r() * 100)}`] = { [target.join(".")]: value };
      return;
    }
    default: {
      // A mapping where a scalar was, or the other way round.
      const old = getAt(doc, path);
      return setAt(doc, path, old !== null && typeof old === "object" ? pick(r, [5, "x"]) : { [String(path[path.length - 1])]: old });
    }
  }
}

/** A huge collection: a list entry line copied many times (some spoilt), or many keys added under a mapping. */
function hugeCollection(r: () => number, lines: string[]): string[] {
  const n = pick(r, [300, 1000, 2500, 5000]);
  const entries = lines.map((l, j) => (/^\s+- /.test(l) ? j : -1)).filter((j) => j >= 0);
  if (entries.length && r() < 0.7) {
    const j = pick(r, entries);
    const copies = Array.from({ length: n }, () => (r() < 0.1 ? lines[j].replace(/: [^,}]+/, ": [bad") : lines[j]));
    return [...lines.slice(0, j + 1), ...copies, ...lines.slice(j + 1)];
  }
  const openers = lines.map((l, j) => (/^\s*[\w.-]+:\s*$/.test(l) ? j : -1)).filter((j) => j >= 0);
  if (!openers.length) return lines;
  const j = pick(r, openers);
  const indent = " ".repeat(/^ */.exec(lines[j])![0].length + 2);
  const keys = Array.from({ length: n }, (_, i) => `${indent}k${i}: ${r() < 0.1 ? "[bad" : i}`);
  return [...lines.slice(0, j + 1), ...keys, ...lines.slice(j + 1)];
}

/** A mutation of the text itself: nesting, huge collections, duplicated or dedented lines, tabs, cuts. */
function mutateText(r: () => number, text: string): string {
  const lines = text.split("\n");
  const i = Math.floor(r() * lines.length);
  // Deep nesting and huge collections are rarer: their documents cost 10-100 times more to refuse.
  const u = r();
  switch (u < 0.06 ? 0 : u < 0.12 ? 1 : 2 + Math.floor(r() * 5)) {
    case 0: {
      // Deep flow nesting where a value was.
      const depth = pick(r, [50, 65, 1000, 30_000, 1_000_000]);
      const open = r() < 0.5 ? ["{a: ", "}"] : ["[", "]"];
      const m = /^(\s*[\w.-]+:\s)(.*)$/.exec(lines[i]);
      const nest = open[0].repeat(depth) + "1" + open[1].repeat(depth);
      lines[i] = m ? m[1] + nest : `${lines[i]}\nx: ${nest}`;
      return lines.join("\n");
    }
    case 1:
      return hugeCollection(r, lines).join("\n");
    case 2:
      lines.splice(i, 0, lines[i]); // a duplicated key (or list entry)
      return lines.join("\n");
    case 3:
    case 4:
      lines[i] = r() < 0.5 ? lines[i].replace(/^ /, "") : lines[i].replace(/^( *)/, (s) => s.replace(/ {2}$/, "\t")); // one space too little, or a tab
      return lines.join("\n");
    case 5: {
      const at = Math.floor(r() * text.length);
      return text.slice(0, at) + text.slice(at + Math.floor(r() * 40)); // a cut
    }
    default:
      return lines.filter((_, j) => j !== i).join("\n"); // a deleted line
  }
}

/** Document `index` of the run seeded `seed`: a repository scenario with one to three mutations. */
export function mutatedDocument(seed: number, index: number): { source: string; text: string } {
  const r = prng(seed * 1_000_003 + index);
  const base = pick(r, SEEDS);
  const doc = structuredClone(base.doc);
  const mutations = 1 + Math.floor(r() * 3);
  let text: string | null = null;
  let changed = false;
  for (let m = 0; m < mutations; m++) {
    if (text === null && r() < 0.6) {
      mutateTree(r, doc);
      changed = true;
    } else text = mutateText(r, text ?? (changed ? stringify(doc, { aliasDuplicateObjects: false }) : base.text));
  }
  return { source: base.file, text: text ?? stringify(doc, { aliasDuplicateObjects: false }) };
}
