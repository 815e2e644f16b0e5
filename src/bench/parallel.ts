/**
 * `npm run bench:parallel`: what the worker pool buys on this machine, three figures.
 *   1. Wall time of `kmsplan simulate FILE --json` (the built CLI, spawn to exit) with --jobs 1,
 *      --jobs 2 and the default (sized to the machine), rounds interleaved so that a noisy
 *      neighbour hits every setting alike; the median per setting and its ratio to --jobs 1.
 *      The JSON of every run is checked to be the same bytes.
 *   2. Peak RSS of the whole process and peak memory of each worker's isolate (parallelCase.js,
 *      one fresh process per setting).
 *   3. Start-up: from spawning `npm run simulate -- FILE --progress` (and `node dist/cli/main.js
 *      simulate ...`, without npm) to the first progress line, which is printed when the first
 *      run starts simulating. Run with no source change, so no build.
 * Options: --file FILE (default the flagship), --rounds N (default 3). Compare the ratios, not
 * the absolute times. On a shared machine a neighbour's load slows the parallel settings most
 * (they need every core, --jobs 1 needs one): the best round is the one closest to a quiet
 * machine, and "cores used" says how many cores the memory case actually got.
 */
import { execFileSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { availableParallelism } from "node:os";
import Table from "cli-table3";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const cli = join(here, "..", "cli", "main.js");
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const file = join(root, arg("--file", "scenarios/saas-3000-tenants.yaml"));
const rounds = Number(arg("--rounds", "3"));
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
const settings = ["1", "2", "auto"] as const;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];

// 1. Wall time of the CLI.
const wall: Record<string, number[]> = { 1: [], 2: [], auto: [] };
let reference: string | null = null;
for (let r = 0; r < rounds; r++) {
  for (const jobs of settings) {
    const t0 = performance.now();
    const out = execFileSync(process.execPath, [cli, "simulate", file, "--json", ...(jobs === "auto" ? [] : ["--jobs", jobs])], { encoding: "utf8", env, maxBuffer: 1 << 28 });
    wall[jobs].push(performance.now() - t0);
    if (reference === null) reference = out;
    else if (out !== reference) throw new Error(`--jobs ${jobs} printed other JSON than --jobs 1`);
    process.stderr.write(`round ${r + 1}, jobs ${jobs}: ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
  }
}

// 2. Memory.
const memory = settings.map((jobs) => ({ jobs, ...JSON.parse(execFileSync(process.execPath, [join(here, "parallelCase.js"), file, jobs], { encoding: "utf8", env }).trim()) }));

// 3. Start-up to the first simulated event.
function untilFirstProgress(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "ignore", "pipe"], detached: true });
    let seen = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      seen += d;
      if (!seen.includes("simulating")) return;
      resolve(performance.now() - t0);
      process.kill(-child.pid!, "SIGTERM");
    });
    child.once("error", reject);
    child.once("exit", (code) => (seen.includes("simulating") ? undefined : reject(new Error(`${command} exited ${code} before simulating: ${seen}`))));
  });
}
const startup: Record<string, number[]> = { "npm run simulate": [], "npm run simulate (--jobs 1)": [], "node dist/cli/main.js": [] };
for (let r = 0; r < rounds; r++) {
  startup["npm run simulate"].push(await untilFirstProgress("npm", ["run", "--silent", "simulate", "--", file, "--progress"]));
  startup["npm run simulate (--jobs 1)"].push(await untilFirstProgress("npm", ["run", "--silent", "simulate", "--", file, "--progress", "--jobs", "1"]));
  startup["node dist/cli/main.js"].push(await untilFirstProgress(process.execPath, [cli, "simulate", file, "--progress"]));
}

const s = (ms: number): string => (ms / 1000).toFixed(2);
const best = (xs: number[]): number => Math.min(...xs);
const wallTable = new Table({
  head: ["--jobs", "wall s: best / median", "all rounds", "ratio to --jobs 1: best / median", "workers", "runs", "cores used (CPU / wall)", "peak RSS MB (process)", "peak isolate MB per worker"],
  style: { head: [], border: [] },
});
for (const m of memory) {
  const perWorker = Object.entries(m.peakIsolateMbByThread as Record<string, number>).map(([t, mb]) => `${t === "0" ? "main" : `#${t}`} ${mb.toFixed(0)}`);
  const w = wall[m.jobs];
  wallTable.push([
    m.jobs === "auto" ? `default (${m.workers} here)` : m.jobs,
    `${s(best(w))} / ${s(median(w))}`,
    w.map(s).join(" "),
    `${(best(w) / best(wall["1"])).toFixed(2)} / ${(median(w) / median(wall["1"])).toFixed(2)}`,
    String(m.workers),
    String(m.runs),
    (m.cpuMs / m.wallMs).toFixed(2),
    m.peakRssMb.toFixed(0),
    perWorker.join(", "),
  ]);
}
const startTable = new Table({ head: ["start-up to the first simulated event", "best s", "median s", "all rounds"], style: { head: [], border: [] } });
for (const [what, xs] of Object.entries(startup)) startTable.push([what, s(best(xs)), s(median(xs)), xs.map(s).join(" ")]);
process.stdout.write(
  `kmsplan worker pool (node ${process.version}, ${availableParallelism()} cores, ${rounds} rounds): ${file.slice(root.length + 1)}\n` +
    `the same JSON from every setting: yes\n${wallTable.toString()}\n${startTable.toString()}\n`,
);
