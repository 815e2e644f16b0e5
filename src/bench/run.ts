/**
 * `npm run bench`: simulator speed and memory on the reference cases, each in a fresh
 * process. Prints simulated application operations per wall-clock second and peak RSS.
 *   (a) 3,000 tenants, 20 instances, 9,000 GenerateDataKey/s, quota 10,000, 1 h   target >= 3.0 M ops/s
 *   (b) the same at 15,000/s (heavy throttling, retries)                           target >= 1.5 M ops/s
 *   (c) 9,000 encrypt/s with a 5-min data-key cache                                target >= (a)
 *   (a, 4 h) for memory flatness: peak RSS within 10% of (a, 1 h); all under 250 MB
 * Options: --quick (10-minute runs), --case a|b|c|a4h (repeatable).
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import Table from "cli-table3";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const quick = process.argv.includes("--quick");
const only = process.argv.flatMap((a, i, all) => (a === "--case" ? [all[i + 1]] : []));

interface Case { id: string; file: string; durationMs?: number; target: string }
const H = 3_600_000;
const cases: Case[] = [
  { id: "a", file: "scenarios/bench/a-9000-gdk.yaml", durationMs: quick ? H / 6 : undefined, target: ">= 3.0 M ops/s" },
  { id: "b", file: "scenarios/bench/b-15000-gdk.yaml", durationMs: quick ? H / 6 : undefined, target: ">= 1.5 M ops/s" },
  { id: "c", file: "scenarios/bench/c-9000-encrypt-cached.yaml", durationMs: quick ? H / 6 : undefined, target: ">= case a" },
  { id: "a4h", file: "scenarios/bench/a-9000-gdk.yaml", durationMs: quick ? (4 * H) / 6 : 4 * H, target: "RSS within 10% of a" },
];

const rows: Record<string, number | string>[] = [];
for (const c of cases) {
  if (only.length && !only.includes(c.id)) continue;
  const args = [join(here, "case.js"), join(root, c.file), ...(c.durationMs ? [String(c.durationMs)] : [])];
  const out = execFileSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } });
  const r = JSON.parse(out.trim().split("\n").pop()!);
  rows.push({
    case: c.id,
    "simulated s": r.simulatedSeconds,
    "app ops": r.operations,
    "throttle rate": r.throttleRate.toFixed(4),
    "KMS requests": r.kmsRequests,
    "wall s": (r.wallMs / 1000).toFixed(2),
    "M ops/wall-s": (r.opsPerWallSec / 1e6).toFixed(2),
    "peak RSS MB": r.peakRssMb.toFixed(0),
    target: c.target,
  });
  process.stderr.write(`${c.id}: ${JSON.stringify(rows[rows.length - 1])}\n`);
}
const table = new Table({ head: Object.keys(rows[0] ?? {}), style: { head: [], border: [] } });
for (const r of rows) table.push(Object.values(r).map((v) => (typeof v === "number" ? v.toLocaleString("en-US") : v)));
process.stdout.write(`kmsplan simulator benchmark (node ${process.version}, ${quick ? "quick: 10-minute runs" : "full"})\n${table.toString()}\n`);
