/**
 * Schedule-holding benchmark of `live`: can the open-loop driver start arrivals on time? Runs the
 * real live driver (SDK clients, counting middleware, HDR recording) at 1,000 kms:GenerateDataKey
 * per second for 20 s against a local fake KMS that answers at once (node:http on 127.0.0.1), and
 * prints schedule lag p50/p99/max (target p99 < 5 ms) and the service time.
 *
 * Usage: node dist/bench/liveSchedule.js [RATE_PER_SEC] [DURATION_S] [ENDPOINT_URL]
 * (ENDPOINT_URL: drive another endpoint, e.g. `kmsplan emulate`, instead of the built-in fake.)
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runLive } from "../live/index.js";
import { parseScenario } from "../scenario/index.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const [rateArg, durationArg, endpointArg] = process.argv.slice(2);
const ratePerSec = Number(rateArg ?? 1000);
/** Seconds driven before measuring: JIT and connection warm-up (the scenario's `warmup`). */
const WARMUP_SEC = 3;
const durationSec = Number(durationArg ?? 20);

/**
 * A fake KMS in its own process (so it does not share the driver's event loop): answers every
 * TrentService action with one generic JSON body at once, keep-alive. Prints its port on stdout.
 */
const FAKE_KMS_SOURCE = `
const http = require("node:http");
const arn = "arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000";
const body = JSON.stringify({ KeyId: arn, KeyMetadata: { KeyId: arn.slice(-36), Arn: arn, KeyState: "Enabled" },
  CiphertextBlob: Buffer.alloc(64, 1).toString("base64"), Plaintext: Buffer.alloc(32, 2).toString("base64") });
const server = http.createServer((req, res) => { req.resume(); req.on("end", () => {
  res.writeHead(200, { "content-type": "application/x-amz-json-1.1", "content-length": Buffer.byteLength(body) }); res.end(body); }); });
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\\n"));
process.on("SIGTERM", () => process.exit(0));
`;

function startFakeKms(): Promise<{ url: string; close: () => Promise<void> }> {
  const child = spawn(process.execPath, ["-e", FAKE_KMS_SOURCE], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.stdout!.once("data", (d: Buffer) =>
      resolve({
        url: `http://127.0.0.1:${Number(d.toString().trim())}`,
        close: () => new Promise<void>((r) => (child.once("exit", () => r()), child.kill("SIGTERM"))),
      }),
    );
  });
}

const yaml = `
version: 1
name: live-schedule-bench
seed: 7
duration: ${durationSec + WARMUP_SEC}s
warmup: ${WARMUP_SEC}s
account: { region: us-east-1 }
tenants: { count: 10 }
keys: { boundary: per-account }
clients: { instances: 4, retry: { mode: standard, maxAttempts: 3 } }
traffic:
  rate: ${ratePerSec}
  arrivals: poisson
  mix:
    - { op: "kms:GenerateDataKey", weight: 1 }
`;
const scenario = parseScenario(yaml, "liveSchedule.yaml").base;
const fake = endpointArg ? null : await startFakeKms();
const endpoint = endpointArg ?? fake!.url;
const lastLag: number[] = [];
const cpu0 = process.cpuUsage();
const out = await runLive({
  scenario,
  endpointUrl: endpoint,
  yes: true,
  resultsDir: mkdtempSync(join(tmpdir(), "kmsplan-bench-")),
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
  skipAccountMetrics: true,
  onProgress: (p) => lastLag.push(p.lagP99Ms),
});
const cpu = process.cpuUsage(cpu0);
await fake?.close();
const r = out.result!;
const s = r.live.schedule;
const svc = r.live.serviceTimeByOperation["kms:GenerateDataKey"]?.latencyMs;
process.stdout.write(
  [
    `live schedule holding: ${ratePerSec} ops/s x ${durationSec} s (after a ${WARMUP_SEC} s warm-up) against ${endpointArg ? endpoint : "a local fake KMS"}`,
    `  arrivals planned ${s.planned}, started ${s.started} (${s.warmupOperations} in warm-up), dropped ${s.dropped}, not started ${s.notStarted}; complete ${r.live.complete}`,
    `  achieved ${((s.started - s.warmupOperations) / r.simulatedSeconds).toFixed(1)} ops/s; KMS requests ${r.kms.requests}; failed ops ${r.app.failed}`,
    `  schedule lag ms: p50 ${s.lagMs.p50}  p99 ${s.lagMs.p99}  max ${s.lagMs.max}  (target p99 < 5)`,
    `  latency from scheduled ms: p50 ${r.app.latencyMs.p50}  p99 ${r.app.latencyMs.p99}  max ${r.app.latencyMs.max}`,
    svc ? `  service time (from send) ms: p50 ${svc.p50}  p99 ${svc.p99}  max ${svc.max}` : "",
    `  driver CPU: ${((cpu.user + cpu.system) / 1000 / (r.simulatedSeconds + WARMUP_SEC) / 10).toFixed(1)}% of one core; ${((cpu.user + cpu.system) / Math.max(1, s.started)).toFixed(0)} us per operation (whole run incl. setup)`,
    `  lag p99 per progress tick ms: ${lastLag.map((v) => v.toFixed(2)).join(" ")}`,
    "",
  ].join("\n"),
);
