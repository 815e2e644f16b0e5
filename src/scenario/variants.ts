/**
 * `variants:` the same scenario with overrides. Each variant is a mapping of overrides applied to a
 * copy of the written document (without `variants`), which is then validated and normalised like
 * the base.
 *
 * Override forms, freely mixed:
 * - dotted paths: `{ keys.boundary: per-tenant, traffic.mix.0.weight: 5 }` (list indices allowed
 *   for existing entries);
 * - nested mappings: `{ keys: { boundary: per-tenant } }` merges into `keys` (nested mappings
 *   merge into fixed-shape sections; where a key takes free-form or alternative values, such as
 *   `tenants.classifications` or `tenants.distribution`, the mapping replaces the value);
 * - `null` removes a key: `{ cache: null }` = the base without a cache.
 *
 * Paths must exist in the scenario schema (an optional section absent from the base may be added);
 * an unknown path is a problem naming the variant.
 */
import * as z from "zod";
import { closest } from "./describe.js";
import type { RawProblem } from "./issues.js";
import { MAX_PROBLEMS } from "./limits.js";
import { knownKeysAt, schemasAt, type DocPath } from "./schemaPaths.js";

/** One applied override: where it lands in the document, and where it is written in the file. */
export interface AppliedOverride {
  target: DocPath;
  source: DocPath;
}

export interface VariantDocument {
  name: string;
  document: Record<string, unknown>;
  overrides: AppliedOverride[];
}

const FORBIDDEN_SEGMENTS = new Set(["__proto__", "constructor", "prototype"]);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** True when nested mappings merge into the schema at `path` (a fixed-shape section). */
function mergesInto(root: z.ZodType, path: DocPath): boolean {
  const schemas = schemasAt(root, path).map((s) => (s instanceof z.ZodOptional ? (s.unwrap() as z.ZodType) : s));
  return schemas.length > 0 && schemas.every((s) => s instanceof z.ZodObject);
}

function setOwn(target: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Dotted key -> segments, list indices as numbers where the document has a list. */
function resolveSegments(doc: unknown, base: DocPath, dotted: string): DocPath {
  const segments: DocPath = [];
  let node: unknown = doc;
  for (const p of base) node = isPlainObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[p as string] : undefined;
  for (const part of dotted.split(".")) {
    const seg = Array.isArray(node) && /^\d+$/.test(part) ? Number(part) : part;
    segments.push(seg);
    node = isPlainObject(node) && Object.hasOwn(node, part) ? node[part] : Array.isArray(node) ? node[seg as number] : undefined;
  }
  return segments;
}

/** Checks that `target` exists in the schema (and, for list indices, in the document). */
function checkPath(root: z.ZodType, doc: unknown, target: DocPath, name: string): string | null {
  let node: unknown = doc;
  for (let i = 0; i < target.length; i++) {
    const seg = target[i];
    const here = target.slice(0, i + 1);
    const dotted = target.map(String).join(".");
    if (typeof seg === "string" && FORBIDDEN_SEGMENTS.has(seg)) return `unknown path "${dotted}" in variant "${name}"`;
    if (i === 0 && seg === "variants") return `variant "${name}" cannot override variants`;
    if (typeof seg === "number") {
      if (!Array.isArray(node) || seg >= node.length) return `path "${dotted}" in variant "${name}": no list entry ${seg} in the base scenario`;
    } else if (schemasAt(root, here).length === 0) {
      const near = closest(seg, knownKeysAt(root, target.slice(0, i)));
      const hint = near ? `; did you mean "${[...target.slice(0, i), near].join(".")}"?` : "";
      return `unknown path "${dotted}" in variant "${name}"${hint}`;
    }
    node = Array.isArray(node) ? node[seg as number] : isPlainObject(node) && Object.hasOwn(node, seg) ? node[seg as string] : undefined;
  }
  return null;
}

function setAt(doc: Record<string, unknown>, path: DocPath, value: unknown): void {
  let node: Record<string, unknown> | unknown[] = doc;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i];
    const next: unknown = (node as Record<string, unknown>)[seg as string];
    if (isPlainObject(next) || Array.isArray(next)) node = next;
    else {
      const created: Record<string, unknown> = {};
      setOwn(node, seg, created);
      node = created;
    }
  }
  const last = path[path.length - 1];
  if (value === null && !Array.isArray(node)) delete (node as Record<string, unknown>)[last as string];
  else setOwn(node, last, value);
}

/**
 * Applies one variant's overrides to a copy of `base` (the written document without `variants`).
 * Problems: unknown paths, each at the override's key in the file.
 */
export function applyVariant(root: z.ZodType, base: Record<string, unknown>, name: string, overrides: Record<string, unknown>): { variant: VariantDocument; problems: RawProblem[] } {
  const document = structuredClone(base);
  const applied: AppliedOverride[] = [];
  const problems: RawProblem[] = [];
  const walk = (entries: Record<string, unknown>, targetBase: DocPath, sourceBase: DocPath): void => {
    for (const [key, value] of Object.entries(entries)) {
      if (problems.length >= MAX_PROBLEMS) return; // the rest would only repeat the kind of mistake
      const source = [...sourceBase, key];
      const target = [...targetBase, ...resolveSegments(document, targetBase, key)];
      const error = checkPath(root, document, target, name);
      if (error) {
        problems.push({ path: source, message: error, at: "key" });
      } else if (isPlainObject(value) && mergesInto(root, target)) {
        walk(value, target, source);
      } else {
        setAt(document, target, structuredClone(value));
        applied.push({ target, source });
      }
    }
  };
  walk(overrides, [], ["variants", name]);
  return { variant: { name, document, overrides: applied }, problems };
}

/**
 * Where a problem found in a variant document sits in the file: under the override that set it
 * (longest matching target), else in the base document.
 */
export function sourcePathOf(overrides: readonly AppliedOverride[], path: DocPath): { path: DocPath; inOverride: boolean } {
  let best: AppliedOverride | null = null;
  for (const o of overrides) {
    if (o.target.length <= path.length && o.target.every((seg, i) => seg === path[i]) && (!best || o.target.length > best.target.length)) best = o;
  }
  return best ? { path: [...best.source, ...path.slice(best.target.length)], inOverride: true } : { path, inOverride: false };
}
