/**
 * The emulator's own control API, kept apart from the KMS protocol under one prefix; nothing else
 * lives under it:
 *
 *   GET  /__kmsplan/stats   -> EmulatorStats as JSON
 *   POST /__kmsplan/reset   -> zero counters, refill throttles (keys are kept)
 *   PUT  /__kmsplan/quotas  -> body: partial Quotas in req/s, e.g. {"symmetricPerSec": 1000}; answers the new quotas
 *   GET  /__kmsplan/quotas  -> the current quotas
 */
import type { Quotas } from "../scenario/types.js";
import type { EmulatorStats } from "./types.js";

/** Path prefix of the admin API (no trailing slash): routes are `${ADMIN_PREFIX}/stats`, ... */
export const ADMIN_PREFIX = "/__kmsplan";

export interface AdminTarget {
  stats(): EmulatorStats;
  reset(): void;
  setQuotas(quotas: Partial<Quotas>): void;
  quotas(): Quotas;
}

export interface AdminAnswer {
  status: number;
  body: unknown;
}

const RATE_FIELDS = ["symmetricPerSec", "rsaPerSec", "eccPerSec", "customKeyStorePerSec"] as const;

/** Validate a quotas patch; returns the patch or a list of problems. */
export function parseQuotasPatch(v: unknown): Partial<Quotas> | string[] {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return ["expected a JSON object"];
  const problems: string[] = [];
  const patch: Partial<Quotas> = {};
  for (const [k, x] of Object.entries(v)) {
    if ((RATE_FIELDS as readonly string[]).includes(k)) {
      if (typeof x !== "number" || !(x >= 0)) problems.push(`${k}: expected a number >= 0, got ${JSON.stringify(x)}`);
      else (patch as Record<string, number>)[k] = x;
    } else if (k === "keyPairPerSec") {
      const ok = x !== null && typeof x === "object" && Object.values(x).every((n) => typeof n === "number" && n >= 0);
      if (!ok) problems.push(`keyPairPerSec: expected an object of numbers >= 0`);
      else patch.keyPairPerSec = x as Record<string, number>;
    } else {
      problems.push(`${k}: unknown quota (expected one of ${[...RATE_FIELDS, "keyPairPerSec"].join(", ")})`);
    }
  }
  return problems.length > 0 ? problems : patch;
}

export function answerAdmin(method: string, path: string, body: Buffer, target: AdminTarget): AdminAnswer {
  const route = `${method} ${path.slice(ADMIN_PREFIX.length + 1).split("?")[0]}`;
  switch (route) {
    case "GET stats":
      return { status: 200, body: target.stats() };
    case "POST reset":
      target.reset();
      return { status: 200, body: { reset: true } };
    case "GET quotas":
      return { status: 200, body: target.quotas() };
    case "PUT quotas": {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString("utf8"));
      } catch {
        return { status: 400, body: { message: "expected a JSON body" } };
      }
      const patch = parseQuotasPatch(parsed);
      if (Array.isArray(patch)) return { status: 400, body: { message: patch.join("; ") } };
      target.setQuotas(patch);
      return { status: 200, body: target.quotas() };
    }
    default:
      return { status: 404, body: { message: `no such kmsplan admin route: ${method} ${path}` } };
  }
}
