/**
 * The emulator's own control API, kept apart from the KMS protocol under one prefix; nothing else
 * lives under it. Every body is validated with a zod schema that rejects unknown keys; a problem
 * answers 400 `{"message": "<path>: <problem>; ..."}`, a known route with the wrong method 405
 * (with `Allow`), anything else 404.
 *
 *   GET  /__kmsplan/stats   -> EmulatorStats as JSON
 *   POST /__kmsplan/reset   -> zero counters, refill throttles (keys are kept); body empty or {}
 *   PUT  /__kmsplan/quotas  -> body: partial quotas in req/s, e.g. {"symmetricPerSec": 1000,
 *                              "keyPairPerSec": {"RSA_2048": 5}}; answers the new quotas
 *   GET  /__kmsplan/quotas  -> the current quotas
 *
 * Example: PUT /__kmsplan/quotas `{"keyPairPerSec": [1, 2]}` -> 400
 * `keyPairPerSec: expected a mapping, got a list of 2` (no pools are created).
 */
import { z } from "zod";
import { errorMap } from "../scenario/issues.js";
import type { Quotas } from "../scenario/types.js";
import { DATA_KEY_PAIR_SPECS } from "./operations.js";
import type { QuotasPatch } from "./QuotaPools.js";
import type { EmulatorStats } from "./types.js";

/** Path prefix of the admin API (no trailing slash): routes are `${ADMIN_PREFIX}/stats`, ... */
export const ADMIN_PREFIX = "/__kmsplan";

/** Highest quota the admin API accepts, req/s (a million times KMS's largest default). */
export const MAX_QUOTA_PER_SEC = 1e10;

export interface AdminTarget {
  stats(): EmulatorStats;
  reset(): void;
  setQuotas(quotas: QuotasPatch): void;
  quotas(): Quotas;
}

export interface AdminAnswer {
  status: number;
  body: unknown;
  /** Methods of the route, for a 405's `Allow` header. */
  allow?: string;
}

const rate = z.number().finite().min(0).max(MAX_QUOTA_PER_SEC);

/** Body of PUT /__kmsplan/quotas: any of the rate quotas, and key-pair quotas by DataKeyPairSpec. */
export const QuotasPatchSchema: z.ZodType<QuotasPatch> = z.strictObject({
  symmetricPerSec: rate.optional(),
  rsaPerSec: rate.optional(),
  eccPerSec: rate.optional(),
  customKeyStorePerSec: rate.optional(),
  keyPairPerSec: z.partialRecord(z.enum(DATA_KEY_PAIR_SPECS), rate).optional(),
});

/**
 * Quotas given in-process (`EmulatorOptions.quotas`, `RunningEmulator.setQuotas`), checked with the
 * same schema; `source` is ignored. A problem is a programmer error: TypeError.
 */
export function checkQuotasPatch(v: Partial<Quotas> | QuotasPatch): QuotasPatch {
  const { source: _source, ...rest } = (v ?? {}) as Partial<Quotas>;
  const parsed = parseAdminBody(QuotasPatchSchema, JSON.stringify(rest));
  if (!parsed.ok) throw new TypeError(`Expected valid quotas, got: ${parsed.message}`);
  return parsed.value;
}

/** Body of POST /__kmsplan/reset: nothing, or an empty object. */
const ResetSchema = z.strictObject({});

/** `text` parsed as JSON and checked against `schema`; an empty body is `{}`. Problems as one line. */
export function parseAdminBody<T>(schema: z.ZodType<T>, text: string): { ok: true; value: T } | { ok: false; message: string } {
  let doc: unknown = {};
  if (text.trim() !== "") {
    try {
      doc = JSON.parse(text);
    } catch {
      return { ok: false, message: "expected a JSON body" };
    }
  }
  const parsed = schema.safeParse(doc, { error: errorMap });
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues.map((i) => {
    const keys = i.code === "unrecognized_keys" ? `unknown key(s) ${i.keys.join(", ")}` : i.message;
    return i.path.length ? `${i.path.map(String).join(".")}: ${keys}` : keys;
  });
  return { ok: false, message: problems.join("; ") };
}

type Handler = (body: string, target: AdminTarget) => AdminAnswer;

const ROUTES: Readonly<Record<string, Readonly<Record<string, Handler>>>> = {
  stats: { GET: (_b, t) => ({ status: 200, body: t.stats() }) },
  reset: {
    POST: (b, t) => {
      const p = parseAdminBody(ResetSchema, b);
      if (!p.ok) return { status: 400, body: { message: p.message } };
      t.reset();
      return { status: 200, body: { reset: true } };
    },
  },
  quotas: {
    GET: (_b, t) => ({ status: 200, body: t.quotas() }),
    PUT: (b, t) => {
      const p = parseAdminBody(QuotasPatchSchema, b);
      if (!p.ok) return { status: 400, body: { message: p.message } };
      t.setQuotas(p.value);
      return { status: 200, body: t.quotas() };
    },
  },
};

export function answerAdmin(method: string, path: string, body: Buffer, target: AdminTarget): AdminAnswer {
  const name = path.slice(ADMIN_PREFIX.length + 1).split("?")[0];
  const route = Object.hasOwn(ROUTES, name) ? ROUTES[name] : undefined;
  if (route === undefined) return { status: 404, body: { message: `no such kmsplan admin route: ${path.slice(0, 200)}` } };
  const handler = Object.hasOwn(route, method) ? route[method] : undefined;
  const allow = Object.keys(route).join(", ");
  if (handler === undefined) return { status: 405, body: { message: `${ADMIN_PREFIX}/${name} answers ${allow}` }, allow };
  return handler(body.toString("utf8"), target);
}
