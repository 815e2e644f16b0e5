/**
 * Walks the zod schema of the written form by document path: which keys a mapping accepts (for
 * "did you mean" and for checking variant override paths).
 */
import * as z from "zod";

export type DocPath = (string | number)[];

/** Strips optional / nullable / default wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
    else return s;
  }
}

/** The schemas a child segment may be validated by (several when a union allows several shapes). */
export function childSchemas(schema: z.ZodType, segment: string | number): z.ZodType[] {
  const s = unwrap(schema);
  if (s instanceof z.ZodUnion) return (s.options as z.ZodType[]).flatMap((o) => childSchemas(o, segment));
  if (s instanceof z.ZodObject) {
    const shape = s.shape as Record<string, z.ZodType>;
    return typeof segment === "string" && Object.hasOwn(shape, segment) ? [shape[segment]] : [];
  }
  if (s instanceof z.ZodRecord) {
    if (typeof segment !== "string") return [];
    const keys = recordKeys(s);
    return keys === null || keys.includes(segment) ? [s.valueType as z.ZodType] : [];
  }
  if (s instanceof z.ZodArray) return typeof segment === "number" ? [s.element as z.ZodType] : [];
  if (s instanceof z.ZodTuple) {
    const items = s.def.items as z.ZodType[];
    return typeof segment === "number" && segment < items.length ? [items[segment]] : [];
  }
  return [];
}

/** Enum keys of a record with enum keys, or null when any string key is accepted. */
function recordKeys(s: z.ZodRecord): string[] | null {
  const key = unwrap(s.keyType as z.ZodType);
  return key instanceof z.ZodEnum ? (key.options as string[]) : null;
}

/** Schemas reached by a path (empty when the schema knows no such path). */
export function schemasAt(root: z.ZodType, path: DocPath): z.ZodType[] {
  let current = [root];
  for (const seg of path) current = current.flatMap((s) => childSchemas(s, seg));
  return current;
}

/** Keys accepted by the mapping at `path` (union of all shapes allowed there). */
export function knownKeysAt(root: z.ZodType, path: DocPath): string[] {
  const keys = new Set<string>();
  const collect = (schema: z.ZodType): void => {
    const s = unwrap(schema);
    if (s instanceof z.ZodUnion) for (const o of s.options as z.ZodType[]) collect(o);
    else if (s instanceof z.ZodObject) for (const k of Object.keys(s.shape)) keys.add(k);
    else if (s instanceof z.ZodRecord) for (const k of recordKeys(s) ?? []) keys.add(k);
  };
  for (const s of schemasAt(root, path)) collect(s);
  return [...keys];
}

/** "traffic.mix[2].weight"; keys that are not plain words are quoted: variants.a["keys.boundary"]. */
export function formatPath(path: DocPath): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z0-9_:-]+$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
