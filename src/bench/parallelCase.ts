/**
 * One run of `npm run bench:parallel`'s memory case in its own process (so that peak RSS is the
 * run's own): load a scenario file, simulate its variants (savings included) with `--jobs N`
 * (or sized to the machine when N is "auto"), print one JSON line with the wall time, the
 * CPU time of all threads, the process's peak RSS (main thread and every worker: threads share one process) and each worker
 * thread's peak isolate memory. Usage: node dist/bench/parallelCase.js FILE N|auto
 */
import { loadScenarioFile } from "../scenario/index.js";
import { simulateAll } from "../sim/simulateAll.js";
import type { JobStats } from "../sim/pool/index.js";

const [file, jobsArg] = process.argv.slice(2);
const loaded = await loadScenarioFile(file);
const scenarios = loaded.variants.length ? loaded.variants : [loaded.base];
const stats: JobStats[] = [];
const t0 = performance.now();
const cpu0 = process.cpuUsage();
await simulateAll(scenarios, { jobs: jobsArg === "auto" ? undefined : Number(jobsArg), onJobDone: (s) => stats.push(s) });
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const peakByThread = new Map<number, number>();
for (const s of stats) peakByThread.set(s.threadId, Math.max(peakByThread.get(s.threadId) ?? 0, s.peakIsolateBytes));
process.stdout.write(
  JSON.stringify({
    runs: stats.length,
    wallMs,
    /** CPU of every thread of the process; cpuMs / wallMs is the parallelism the machine gave. */
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    workers: [...peakByThread.keys()].filter((t) => t !== 0).length,
    peakIsolateMbByThread: Object.fromEntries([...peakByThread].map(([t, b]) => [t, b / 2 ** 20])),
    jobWallMs: stats.map((s) => ({ label: s.label, thread: s.threadId, wallMs: s.wallMs })),
  }) + "\n",
);
