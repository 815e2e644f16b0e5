/**
 * Warnings for durations written as bare numbers: `latency.kms.p50: 8` and `duration: 600` are read
 * as milliseconds, which is right for the first and almost certainly not what `duration: 600`
 * meant. 0 needs no unit, and keys that name their unit (`windowMs`) are exact already.
 *
 * Walks the written document beside the schema (schemaPaths.ts), so that every place a Duration is
 * accepted is covered, `readAge` and `uniform: [min, max]` included, and nothing else is.
 */
import * as z from "zod";
import type { RawProblem } from "./issues.js";
import { Duration } from "./schema.js";
import { childSchemas, type DocPath } from "./schemaPaths.js";

/** True when `schema` accepts a Duration here (directly or as one shape of a union). */
function acceptsDuration(schema: z.ZodType): boolean {
  let s = schema;
  while (s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  if (s === Duration) return true;
  return s instanceof z.ZodUnion && (s.options as z.ZodType[]).some(acceptsDuration);
}

/** Deepest path walked: the schema is about 5 levels deep. */
const MAX_DEPTH = 8;

export function unitWarnings(data: unknown, root: z.ZodType): RawProblem[] {
  const out: RawProblem[] = [];
  const walk = (value: unknown, path: DocPath, schemas: z.ZodType[]): void => {
    if (schemas.length === 0 || path.length > MAX_DEPTH) return;
    if (typeof value === "number") {
      const key = path[path.length - 1];
      if (value !== 0 && Number.isFinite(value) && !(typeof key === "string" && key.endsWith("Ms")) && schemas.some(acceptsDuration)) {
        out.push({ path, message: `a bare number is milliseconds: read as ${value} ms; write ${value}ms to say so` });
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...path, i], schemas.flatMap((s) => childSchemas(s, i))));
    } else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k], schemas.flatMap((s) => childSchemas(s, k)));
    }
  };
  walk(data, [], [root]);
  return out;
}
