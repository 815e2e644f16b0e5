/**
 * Cross-field rules: what the schema cannot say about one field alone. Runs on the schema-valid
 * written form and its normalised Scenario; every rule adds problems instead of throwing, with the
 * path of the written field to blame (so the message lands on the right YAML line).
 */
import type { RawProblem } from "./issues.js";
import { MAX_ID_COUNT } from "./limits.js";
import { mixRules } from "./mixRules.js";
import { regionRule } from "./regionRule.js";
import { shapeWarnings } from "./shapeWarnings.js";
import type { WrittenScenario } from "./schema.js";
import type { Scenario } from "./types.js";
import { durationMs, formatDuration } from "./units.js";

/** KMS RotationPeriodInDays range for automatic rotation (EnableKeyRotation API reference). */
const ROTATION_DAYS_MIN = 90;
const ROTATION_DAYS_MAX = 2560;

function timeRules(w: WrittenScenario, s: Scenario, out: RawProblem[]): void {
  if (!(s.durationMs > 0)) out.push({ path: ["duration"], message: `expected a duration > 0, got ${formatDuration(s.durationMs)}` });
  else if (s.warmupMs >= s.durationMs) {
    out.push({ path: ["warmup"], message: `expected less than duration (${formatDuration(s.durationMs)}), got ${formatDuration(s.warmupMs)}` });
  }
}

function tenantRules(w: WrittenScenario, out: RawProblem[]): void {
  const shares = w.tenants.classifications;
  if (shares && !(Object.values(shares).reduce((a, b) => a + b, 0) > 0)) {
    const got = Object.keys(shares).length ? "all 0" : "none";
    out.push({ path: ["tenants", "classifications"], message: `expected shares that sum to more than 0, got ${got}` });
  }
  const perResource = w.keys?.boundary === "per-resource" ? (w.keys.resourcesPerTenant ?? 1) : 1;
  if (w.tenants.count * perResource > MAX_ID_COUNT) {
    out.push({
      path: ["keys", "resourcesPerTenant"],
      message: `expected tenants.count x resourcesPerTenant at most ${MAX_ID_COUNT.toLocaleString("en-US")} (the engine keeps key ids in 32-bit integers), got ${(w.tenants.count * perResource).toLocaleString("en-US")}`,
    });
  }
}

function keyRules(w: WrittenScenario, s: Scenario, out: RawProblem[]): void {
  const k = s.keys;
  if (k.store !== "kms") {
    if (k.spec !== "SYMMETRIC_DEFAULT") {
      out.push({ path: ["keys", "spec"], message: `a ${k.store} key store holds only symmetric encryption keys: expected SYMMETRIC_DEFAULT, got ${k.spec}` });
    }
    if (k.tier !== "customer-managed") {
      out.push({ path: ["keys", "tier"], message: `keys in a ${k.store} key store are customer managed: expected customer-managed, got ${k.tier}` });
    }
  }
  if (k.rotation.type === "every") {
    const where = w.keys?.rotation !== undefined ? ["keys", "rotation"] : ["keys"];
    if (k.spec !== "SYMMETRIC_DEFAULT") out.push({ path: where, message: `automatic rotation needs keys.spec SYMMETRIC_DEFAULT, got ${k.spec}; expected rotation none` });
    if (k.store !== "kms") out.push({ path: where, message: `keys in a ${k.store} key store cannot rotate automatically; expected rotation none` });
    if (k.rotation.days < ROTATION_DAYS_MIN || k.rotation.days > ROTATION_DAYS_MAX) {
      out.push({ path: ["keys", "rotation", "everyDays"], message: `expected ${ROTATION_DAYS_MIN} to ${ROTATION_DAYS_MAX} days (KMS rotation period), got ${k.rotation.days}` });
    }
  }
}

/** Keys of `cache` that belong to the other cache type. */
const CACHE_FIELDS = {
  local: ["maxAge", "maxMessagesEncrypted", "maxBytesEncrypted"],
  hierarchical: ["ttl", "branchKeys"],
} as const;

function cacheRules(w: WrittenScenario, s: Scenario, out: RawProblem[]): void {
  if (!w.cache || !s.cache) return;
  const type = s.cache.type;
  const other = type === "local" ? "hierarchical" : "local";
  for (const field of CACHE_FIELDS[other]) {
    if (w.cache[field] !== undefined) out.push({ path: ["cache", field], message: `applies only to cache type ${other}, got type ${type}`, at: "key" });
  }
  if (s.cache.type === "local") {
    if (w.cache.maxAge === undefined) out.push({ path: ["cache", "maxAge"], message: "required when cache is present (type local), expected a duration > 0" });
    else if (!(s.cache.maxAgeMs > 0)) out.push({ path: ["cache", "maxAge"], message: `expected a duration > 0, got ${formatDuration(s.cache.maxAgeMs)}` });
    const bytes = s.cache.maxBytesEncrypted;
    if (w.cache.maxBytesEncrypted !== undefined && !(bytes >= 1 && bytes <= Number.MAX_SAFE_INTEGER)) {
      out.push({ path: ["cache", "maxBytesEncrypted"], message: `expected 1 to 2^53-1 bytes (Encryption SDK limit), got ${bytes}` });
    }
  } else {
    if (w.cache.ttl === undefined) out.push({ path: ["cache", "ttl"], message: "required for cache type hierarchical, expected a duration > 0" });
    else if (!(s.cache.ttlMs > 0)) out.push({ path: ["cache", "ttl"], message: `expected a duration > 0, got ${formatDuration(s.cache.ttlMs)}` });
  }
}

function s3Rules(s: Scenario, out: RawProblem[]): void {
  if (s.s3.bucketKeys && !(s.s3.bucketKeyLifetimeMs > 0)) {
    out.push({ path: ["s3", "bucketKeyLifetime"], message: `expected a duration > 0 when bucketKeys is true, got ${formatDuration(s.s3.bucketKeyLifetimeMs)}` });
  }
}

/** Rate shape: `rate` or `shape`; steps in increasing `at`; a ramp ends before the next step. */
function trafficRules(w: WrittenScenario, out: RawProblem[]): void {
  const t = w.traffic;
  if (t.rate === undefined && t.shape === undefined) {
    out.push({ path: ["traffic", "rate"], message: "required: expected rate (operations per second) or shape, got neither" });
  }
  const shape = t.shape ?? [];
  for (let i = 1; i < shape.length; i++) {
    const prevAt = durationMs(shape[i - 1].at);
    const prevEnd = prevAt + (shape[i - 1].ramp !== undefined ? durationMs(shape[i - 1].ramp!) : 0);
    const at = durationMs(shape[i].at);
    if (!(at > prevAt)) {
      out.push({ path: ["traffic", "shape", i, "at"], message: `expected steps in increasing order of at: after ${formatDuration(prevAt)}, got ${formatDuration(at)}` });
    } else if (prevEnd > at) {
      out.push({
        path: ["traffic", "shape", i - 1, "ramp"],
        message: `expected the ramp to end by the next step (at ${formatDuration(at)}), got a ramp ending at ${formatDuration(prevEnd)}`,
      });
    }
  }
}

function latencyRules(s: Scenario, out: RawProblem[]): void {
  for (const name of ["kms", "throttled", "s3", "client"] as const) {
    const l = s.latency[name];
    if (l.p99Ms < l.p50Ms) out.push({ path: ["latency", name, "p99"], message: `expected p99 >= p50 (${formatDuration(l.p50Ms)}), got ${formatDuration(l.p99Ms)}` });
  }
}

/** Top-level sections of the written document that a rule reads. */
export type Section = "duration" | "warmup" | "account" | "tenants" | "keys" | "cache" | "s3" | "traffic" | "latency";

/** What the rules found: problems stop the load, warnings are reported with the scenario. */
export interface Findings {
  problems: RawProblem[];
  warnings: RawProblem[];
}

interface Rule {
  /** Sections the rule reads: it runs only when all of them passed the schema. */
  needs: readonly Section[];
  check: (w: WrittenScenario, s: Scenario, out: Findings) => void;
}

const RULES: readonly Rule[] = [
  { needs: ["duration", "warmup"], check: (w, s, f) => timeRules(w, s, f.problems) },
  { needs: ["account"], check: (w, _s, f) => regionRule(w, f) },
  { needs: ["tenants", "keys"], check: (w, _s, f) => tenantRules(w, f.problems) },
  { needs: ["keys"], check: (w, s, f) => keyRules(w, s, f.problems) },
  { needs: ["cache"], check: (w, s, f) => cacheRules(w, s, f.problems) },
  { needs: ["s3"], check: (_w, s, f) => s3Rules(s, f.problems) },
  { needs: ["traffic"], check: (w, _s, f) => trafficRules(w, f.problems) },
  { needs: ["traffic", "keys"], check: (w, s, f) => f.problems.push(...mixRules(w, s)) },
  { needs: ["latency"], check: (_w, s, f) => latencyRules(s, f.problems) },
  { needs: ["traffic", "duration"], check: (w, s, f) => f.warnings.push(...shapeWarnings(w, s)) },
];

/**
 * Cross-field problems and warnings of a scenario. `passed(section)` says which sections passed
 * the schema: when some did not, `w` and `s` stand in placeholders for them and only the rules
 * that read passed sections run, so that their problems are reported with the schema's.
 */
export function checkRules(w: WrittenScenario, s: Scenario, passed: (section: Section) => boolean = () => true): Findings {
  const out: Findings = { problems: [], warnings: [] };
  for (const rule of RULES) if (rule.needs.every(passed)) rule.check(w, s, out);
  return out;
}
