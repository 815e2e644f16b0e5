/**
 * `kmsplan compare` as argv -> exit code and output: invalid inputs exit 2 with a short message,
 * a comparison missing a contract metric exits 3, two variants of one output, --metrics, --strict.
 */
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeResult } from "../fixtures/result.js";
import { runCli } from "../support/cliIo.js";

const dir = mkdtempSync(join(tmpdir(), "kmsplan-compare-cli-"));
function file(name: string, doc: unknown): string {
  const f = join(dir, name);
  writeFileSync(f, typeof doc === "string" ? doc : JSON.stringify(doc));
  return f;
}
const good = file("good.json", makeResult());
const oneLine = (s: string) => s.trim().split("\n").length === 1;

describe("kmsplan compare: inputs", () => {
  it("identical results: exit 0", async () => {
    const r = await runCli(["compare", good, good]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok: all 5 checked metrics within tolerance/);
  });

  it.each([
    ["kms: \"x\"", { ...makeResult(), kms: "x" }, /kms: expected object, got string/],
    ["app: null", { ...makeResult(), app: null }, /app: expected object, got null/],
    ["a null operation", { ...makeResult(), app: { ...makeResult().app, byOperation: { encrypt: null } } }, /app\.byOperation\.encrypt: expected object, got null/],
    ["not JSON", "{ \"app\": ", /is not JSON/],
    ["an empty array", [], /holds no result \(an empty array\)/],
  ])("%s: exit 2, no stack trace", async (_what, doc, pattern) => {
    const r = await runCli(["compare", good, file(`bad-${Math.random()}.json`, doc)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/    at /);
    expect(r.stdout).toBe("");
  });

  it("a missing file or a directory: exit 2, one line", async () => {
    mkdirSync(join(dir, "adir"), { recursive: true });
    for (const f of [join(dir, "nope.json"), join(dir, "adir")]) {
      const r = await runCli(["compare", good, f]);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toBe(true);
    }
  });

  it("{ app: {}, kms: {} } is not ok: exit 3, naming what could not be compared", async () => {
    const empty = file("empty.json", { app: {}, kms: {} });
    const r = await runCli(["compare", empty, empty]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/incomplete: 13 metric\(s\) missing, not checked: app\.operations \(both\)/);
    expect(r.stderr).toMatch(/comparison incomplete: 13 metric\(s\) missing/);
  });

  it("a result missing one contract metric fails (exit 3) unless --metrics names what to compare", async () => {
    const m = makeResult();
    delete (m.kms as unknown as Record<string, unknown>).throttleRate;
    const partial = file("partial.json", m);
    const r = await runCli(["compare", good, partial]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/kms\.throttleRate \(measured\)/);
    const named = await runCli(["compare", good, partial, "--metrics", "kms.requests,app.latencyMs.p99_9"]);
    expect(named.code).toBe(0);
    expect(named.stdout).toMatch(/app\.latencyMs\.p99_9/);
    expect(named.stdout).not.toMatch(/kms\.throttleRate/);
  });

  it("--metrics with an unknown name: exit 2 with a suggestion", async () => {
    const r = await runCli(["compare", good, good, "--metrics", "kms.reqests"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"kms\.reqests": unknown metric; did you mean "kms\.requests"\?/);
  });

  it("a huge array of invalid results answers with a short message", async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ variant: `v${i}`, app: null, kms: "x" }));
    const f = file("many.json", many);
    const pick = await runCli(["compare", good, f, "--variant-b", "v99999"]);
    expect(pick.code).toBe(2);
    expect(pick.stderr).toMatch(/\[99999\]\.app: expected object, got null/);
    const none = await runCli(["compare", f, f]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/holds 100,000 results \(variants v0, v1, .* and 99,990 more\); pick one with --variant/);
    for (const r of [pick, none]) expect(r.stderr.length).toBeLessThan(2000);
    // Every element invalid, validated: at most 20 problems shown, the rest counted.
    const wide = file("wide.json", { app: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, 0])), kms: { byOperation: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`Op${i}`, null])) } });
    const w = await runCli(["compare", good, wide]);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/500 problem\(s\)/);
    expect(w.stderr).toMatch(/and 480 more problem\(s\)/);
    expect(w.stderr.split("\n").length).toBeLessThanOrEqual(24);
  });
});

describe("kmsplan compare: variants and runs", () => {
  const two = file("two.json", [makeResult({ variant: "per-tenant" }), makeResult({ variant: "per-account", keys: { count: 1 }, cost: { monthlyUsd: { total: 14_500.5 } } })]);

  it("compares two variants of one output with --variant-a / --variant-b", async () => {
    const r = await runCli(["compare", two, two, "--variant-a", "per-tenant", "--variant-b", "per-account"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/predicted {2}simulate: saas-per-tenant \[per-tenant\]/);
    expect(r.stdout).toMatch(/measured {3}simulate: saas-per-tenant \[per-account\]/);
    expect(r.stdout).toMatch(/cost\.monthlyUsd\.total .*\$17,500\.50 .*\$14,500\.50/);
  });

  it("a file of several results needs a variant; an unknown one is named", async () => {
    const r = await runCli(["compare", two, good]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds 2 results \(variants per-tenant, per-account\); pick one with --variant \(or --variant-a\)/);
    const u = await runCli(["compare", two, two, "--variant", "per-galaxy"]);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/no result for variant per-galaxy; it holds: per-tenant, per-account/);
  });

  it("warns about results of different scenarios, seeds or durations; --strict refuses them (exit 2)", async () => {
    const other = file("other.json", makeResult({ scenario: "other", seed: 7 }));
    const warn = await runCli(["compare", good, other]);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toMatch(/warning: different scenarios: predicted "saas-per-tenant", measured "other"/);
    expect(warn.stdout).toMatch(/warning: different seeds: predicted 42, measured 7/);
    const strict = await runCli(["compare", good, other, "--strict"]);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/--strict: these results are not of the same run: different scenarios/);
    expect(strict.stdout).toBe("");
  });

  it("--json carries the missing metrics and the warnings", async () => {
    const m = makeResult({ seed: 9 });
    delete (m.app as unknown as Record<string, unknown>).operations;
    const r = await runCli(["compare", good, file("j.json", m), "--json"]);
    expect(r.code).toBe(3);
    const j = JSON.parse(r.stdout);
    expect(j.ok).toBe(false);
    expect(j.missing).toEqual(["app.operations (measured)"]);
    expect(j.warnings).toEqual(["different seeds: predicted 42, measured 9 (the arrivals differ)"]);
  });
});
