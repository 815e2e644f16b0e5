/**
 * `account.region` must be an AWS Region code: it picks the default symmetric quota (100,000,
 * 20,000 or 10,000 req/s, src/model/quotas.ts), and a misspelt code would silently get the lowest
 * tier. Unknown: a problem with a "did you mean" (edit distance against every Region, see
 * src/model/regions.ts), unless every quota is given in `account.quotas` - then the Region picks
 * nothing here and it is a warning (a live run against AWS would still need a real Region).
 *
 * Example: `region: us-wset-2` -> `unknown Region "us-wset-2"; did you mean "us-west-2"? ...`
 */
import { AWS_REGIONS, isKnownRegion } from "../model/regions.js";
import { didYouMean } from "./describe.js";
import type { Findings } from "./rules.js";
import type { WrittenScenario } from "./schema.js";

/** The quotas that, when all given, make the Region's table irrelevant. */
const QUOTA_KEYS = ["symmetric", "rsa", "ecc", "customKeyStore"] as const;

export function regionRule(w: WrittenScenario, out: Findings): void {
  const region = w.account?.region;
  if (region === undefined || isKnownRegion(region)) return;
  const quotas = w.account?.quotas ?? {};
  const missing = QUOTA_KEYS.filter((k) => quotas[k] === undefined);
  const hint = didYouMean(region, AWS_REGIONS) || "; expected an AWS Region code such as us-east-1 or eu-west-2";
  const what = `unknown Region ${JSON.stringify(region)}${hint}`;
  if (missing.length === 0) {
    out.warnings.push({
      path: ["account", "region"],
      message: `${what} (every quota is given in account.quotas, so the Region picks none of them; a live run against AWS needs a real Region; the list is in docs/reference.md §1)`,
    });
  } else {
    out.problems.push({
      path: ["account", "region"],
      message: `${what} (the Region picks the default quotas: 100,000, 20,000 or 10,000 symmetric req/s; the list is in docs/reference.md §1), or give every quota in account.quotas (missing: ${missing.join(", ")})`,
    });
  }
}
