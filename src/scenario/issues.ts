/**
 * zod issues -> problems with "expected X, got Y" messages and document paths.
 *
 * `errorMap` writes the generic messages (schema-level `error` functions in schema.ts win over it);
 * `issuesToProblems` flattens issues: one problem per unknown key (pointing at the key itself),
 * with a "did you mean" suggestion when a known key is a small edit away.
 */
import type * as z from "zod";
import { closest, describeValue, didYouMean } from "./describe.js";
import { knownKeysAt, type DocPath } from "./schemaPaths.js";

/** A problem before it gets a file position. `at: "key"` points at the mapping key, not its value. */
export interface RawProblem {
  path: DocPath;
  message: string;
  at?: "key";
}

const TYPE_NAMES: Record<string, string> = {
  number: "a number",
  int: "an integer",
  string: "a string",
  boolean: "true or false",
  object: "a mapping",
  record: "a mapping",
  array: "a list",
  tuple: "a list",
};

function bound(iss: { origin?: string; inclusive?: boolean }, op: "min" | "max", n: unknown): string {
  const sign = op === "min" ? (iss.inclusive === false ? ">" : ">=") : iss.inclusive === false ? "<" : "<=";
  return `${sign} ${n}`;
}

function listOf(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
}

/** The per-parse error map: generic "expected ..., got ..." for every issue kind. */
export function errorMap(iss: z.core.$ZodRawIssue): string {
  const got = describeValue(iss.input);
  const missing = iss.input === undefined;
  switch (iss.code) {
    case "invalid_type": {
      const what = TYPE_NAMES[iss.expected] ?? iss.expected;
      return missing ? `required, expected ${what}` : `expected ${what}, got ${got}`;
    }
    case "invalid_value": {
      const values = iss.values as readonly unknown[];
      const what = values.length === 1 ? listOf(values) : `one of ${listOf(values)}`;
      if (missing) return `required, expected ${what}`;
      const hint = typeof iss.input === "string" ? didYouMean(iss.input, values.filter((v): v is string => typeof v === "string")) : "";
      return `expected ${what}, got ${got}${hint}`;
    }
    case "too_small":
    case "too_big": {
      const op = iss.code === "too_small" ? "min" : "max";
      const n = iss.code === "too_small" ? iss.minimum : iss.maximum;
      const origin = String(iss.origin ?? "number");
      if (origin === "array" || origin === "set") return `expected ${op === "min" ? "at least" : "at most"} ${n} entr${Number(n) === 1 ? "y" : "ies"}, got ${got}`;
      if (origin === "string") return op === "min" && Number(n) === 1 ? `expected a non-empty string, got ${got}` : `expected a string of length ${bound(iss, op, n)}, got ${got}`;
      const what = origin === "int" ? "an integer" : "a number";
      return `expected ${what} ${bound(iss, op, n)}, got ${got}`;
    }
    case "invalid_format":
      return `expected a string matching ${iss.pattern ?? iss.format}, got ${got}`;
    case "invalid_union":
      return `expected one of the forms allowed here, got ${got}`;
    case "invalid_key":
      return `invalid key ${got}`;
    default:
      return `invalid value ${got}`;
  }
}

/**
 * A union that failed in every branch: when exactly one branch has the shape of the value (its
 * issues are all inside the value or about its keys, not "wrong type here"), report that branch's
 * issues, which say more than the union's summary. Example: `distribution: { zipff: 1 }` ->
 * `unknown key "zipff"; did you mean "zipf"?` rather than `expected "uniform" or { zipf: ... }`.
 */
function expandUnions(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const iss of issues) {
    if (iss.code !== "invalid_union" || !iss.errors?.length) {
      out.push(iss);
      continue;
    }
    let shaped = iss.errors.filter((branch) => branch.every((b) => b.path.length > 0 || b.code === "unrecognized_keys"));
    // Several mapping shapes fit: the one whose keys all match wins (`{ uniform: [1s] }`).
    if (shaped.length > 1) shaped = shaped.filter((branch) => !branch.some((b) => b.code === "unrecognized_keys"));
    if (shaped.length !== 1) {
      out.push(iss);
      continue;
    }
    const inner = shaped[0].map((b) => ({ ...b, path: [...iss.path, ...b.path] }) as z.core.$ZodIssue);
    out.push(...expandUnions(inner));
  }
  return out;
}

/** Flattens zod issues into problems; `root` is the schema (for known keys in suggestions). */
export function issuesToProblems(zodIssues: readonly z.core.$ZodIssue[], root: z.ZodType): RawProblem[] {
  const issues = expandUnions(zodIssues);
  const out: RawProblem[] = [];
  // A misspelt required key ("tenents") also makes "tenants" missing: say it once, as the typo.
  const suggested = new Set<string>();
  for (const iss of issues) {
    if (iss.code !== "unrecognized_keys") continue;
    const known = knownKeysAt(root, iss.path as DocPath);
    for (const key of iss.keys) {
      const near = closest(key, known);
      if (near !== null) suggested.add(JSON.stringify([...iss.path, near]));
    }
  }
  for (const iss of issues) {
    const path = iss.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    const missing = "input" in iss && iss.input === undefined && (iss.code === "invalid_type" || iss.code === "invalid_value");
    if (missing && suggested.has(JSON.stringify(path))) continue;
    if (iss.code === "unrecognized_keys") {
      const known = knownKeysAt(root, path);
      for (const key of iss.keys) {
        const expected = known.length && known.length <= 8 ? `; expected one of ${known.join(", ")}` : "";
        const hint = didYouMean(key, known);
        out.push({ path: [...path, key], message: `unknown key "${key}"${hint || expected}`, at: "key" });
      }
    } else if (iss.code === "invalid_key") {
      // A record key that its key schema rejects: report it as an unknown key.
      const key = path[path.length - 1];
      const known = knownKeysAt(root, path.slice(0, -1));
      const keyText = String(key);
      const message = keyText === "" ? "expected a non-empty key" : `unknown key "${keyText}"${didYouMean(keyText, known) || (known.length ? `; expected one of ${known.join(", ")}` : "")}`;
      out.push({ path, message, at: "key" });
    } else {
      out.push({ path, message: iss.message });
    }
  }
  return out;
}

/** Deepest nesting `reservedKeyProblems` looks into (scenarios are about 5 levels deep). */
const MAX_WALK_DEPTH = 32;

/**
 * `__proto__` keys anywhere in the document. zod skips them silently in free-form mappings
 * (records), and a plain object cannot hold them as data, so they are reported as unknown keys.
 */
export function reservedKeyProblems(data: unknown, path: DocPath = []): RawProblem[] {
  if (path.length > MAX_WALK_DEPTH || typeof data !== "object" || data === null) return [];
  const out: RawProblem[] = [];
  if (Array.isArray(data)) data.forEach((v, i) => out.push(...reservedKeyProblems(v, [...path, i])));
  else {
    for (const key of Object.keys(data)) {
      if (key === "__proto__") out.push({ path: [...path, key], message: 'unknown key "__proto__"', at: "key" });
      else out.push(...reservedKeyProblems((data as Record<string, unknown>)[key], [...path, key]));
    }
  }
  return out;
}
