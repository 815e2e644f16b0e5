/**
 * Cross-field rules for `traffic.mix`: which fields apply to which operation, and whether the key
 * layout (`keys.spec`, `keys.tier`) can serve each operation.
 *
 * - encrypt / decrypt (Encryption SDK, KMS keyring) call GenerateDataKey / Decrypt on your key: a
 *   symmetric encryption key that you can call directly, i.e. customer managed (AWS managed keys are
 *   used only by the service that owns them; AWS owned keys are not in your account).
 * - s3-put / s3-get: SSE-KMS supports symmetric encryption keys only; any tier (aws-managed = aws/s3,
 *   aws-owned = SSE-S3-like, which draws nothing).
 * - kms:<Operation>: the key usage the operation needs (catalog.ts KEY_FAMILIES_FOR), on a customer
 *   managed key (except GenerateRandom, which uses no key).
 */
import type { CryptoOperation } from "../model/pools.js";
import { KEY_FAMILIES_FOR, keyFamily } from "./catalog.js";
import type { RawProblem } from "./issues.js";
import type { WrittenScenario } from "./schema.js";
import type { Scenario } from "./types.js";
import { durationMs, formatDuration } from "./units.js";

/** Operations each optional mix field applies to. */
const FIELD_APPLIES_TO: Record<"size" | "streaming" | "keyPairSpec" | "readAge", readonly string[]> = {
  size: ["encrypt", "s3-put"],
  streaming: ["encrypt"],
  keyPairSpec: ["kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext"],
  readAge: ["decrypt", "s3-get"],
};

function keyProblems(op: string, s: Scenario): string[] {
  const { spec, tier } = s.keys;
  const out: string[] = [];
  if (op === "encrypt" || op === "decrypt") {
    if (spec !== "SYMMETRIC_DEFAULT") out.push(`${op} (Encryption SDK, KMS keyring) needs keys.spec SYMMETRIC_DEFAULT, got ${spec}`);
    if (tier !== "customer-managed") out.push(`${op} (Encryption SDK) calls KMS with your own key and needs keys.tier customer-managed, got ${tier}`);
  } else if (op === "s3-put" || op === "s3-get") {
    if (spec !== "SYMMETRIC_DEFAULT") out.push(`${op} (SSE-KMS) supports only symmetric encryption keys: expected keys.spec SYMMETRIC_DEFAULT, got ${spec}`);
  } else if (op.startsWith("kms:")) {
    const operation = op.slice(4) as CryptoOperation;
    const families = KEY_FAMILIES_FOR[operation];
    if (families === null || families === undefined) return out;
    if (!families.includes(keyFamily(spec))) {
      out.push(`${operation} needs a ${families.join(" or ")} key, got keys.spec ${spec}`);
    } else if (operation === "DeriveSharedSecret" && spec === "ECC_SECG_P256K1") {
      out.push(`DeriveSharedSecret needs a NIST curve or SM2 key (KEY_AGREEMENT), got keys.spec ${spec}`);
    }
    if (tier !== "customer-managed") out.push(`direct KMS calls need keys.tier customer-managed (AWS managed and owned keys cannot be called directly), got ${tier}`);
  }
  return out;
}

export function mixRules(w: WrittenScenario, s: Scenario): RawProblem[] {
  const out: RawProblem[] = [];
  const mix = w.traffic.mix;
  const totalWeight = mix.reduce((sum, e) => sum + e.weight, 0);
  if (!(totalWeight > 0)) out.push({ path: ["traffic", "mix"], message: `expected weights that sum to more than 0, got ${totalWeight}` });
  const reported = new Set<string>();
  // Entries with weight 0 never run, so only entries with weight > 0 are checked against the keys.
  mix.forEach((e, i) => {
    for (const [field, ops] of Object.entries(FIELD_APPLIES_TO)) {
      if (e[field as keyof typeof e] !== undefined && !ops.includes(e.op)) {
        out.push({ path: ["traffic", "mix", i, field], message: `applies only to ${ops.join(", ")}, not ${e.op}`, at: "key" });
      }
    }
    if (e.readAge !== undefined && typeof e.readAge === "object" && "uniform" in e.readAge) {
      const [min, max] = e.readAge.uniform.map(durationMs);
      if (min > max) out.push({ path: ["traffic", "mix", i, "readAge", "uniform"], message: `expected [min, max] with min <= max, got [${formatDuration(min)}, ${formatDuration(max)}]` });
    }
    if (e.weight > 0) {
      for (const message of keyProblems(e.op, s)) {
        // One report per op and message: ten s3-get entries need not say the same thing ten times.
        if (reported.has(`${e.op}|${message}`)) continue;
        reported.add(`${e.op}|${message}`);
        out.push({ path: ["traffic", "mix", i, "op"], message });
      }
    }
  });
  return out;
}
