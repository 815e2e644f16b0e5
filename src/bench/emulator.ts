/**
 * Benchmark of `kmsplan emulate` with the built-in responder: GenerateDataKey driven by
 * autocannon (no signing: the emulator does not check signatures).
 *
 *   npm run build && node dist/bench/emulator.js [--duration 10] [--connections 64]
 *
 * The emulator runs in a child process (this script with --serve) so that the server and the load
 * generator each get a core. Two runs: a quota far above what the machine can send (raw
 * throughput and latency), then 1,000 req/s (accepted about 1,000/s plus the burst, the rest
 * throttled). Target: >= 3,000 req/s on a 2-core machine.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { ADMIN_PREFIX, startEmulator } from "../emulate/index.js";

interface RunFigures {
  label: string;
  quotaPerSec: number;
  durationSec: number;
  requestsPerSec: number;
  acceptedPerSec: number;
  throttledPerSec: number;
  latencyMs: { p50: number; p99: number; max: number };
  errors: number;
  /** The emulator's own counters (GET /__kmsplan/stats), as a cross-check of autocannon's. */
  emulatorRequests: number;
  emulatorThrottled: number;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Child mode: start an emulator with the given quota and report its URL to the parent. */
async function serve(quotaPerSec: number): Promise<void> {
  const emu = await startEmulator({ quotas: { symmetricPerSec: quotaPerSec } });
  process.send!({ url: emu.url });
  process.on("disconnect", () => void emu.close().then(() => process.exit(0)));
}

function startChild(quotaPerSec: number): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(fileURLToPath(import.meta.url), ["--serve", String(quotaPerSec)], { stdio: "inherit" });
  return new Promise((resolve, reject) => {
    child.once("message", (m: { url: string }) => resolve({ child, url: m.url }));
    child.once("exit", (code) => reject(new Error(`emulator child exited with ${code}`)));
  });
}

async function kmsCall(url: string, op: string, body: unknown): Promise<any> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `TrentService.${op}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`${op} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

async function run(label: string, quotaPerSec: number, durationSec: number, connections: number): Promise<RunFigures> {
  const { child, url } = await startChild(quotaPerSec);
  try {
    const key = (await kmsCall(url, "CreateKey", {})).KeyMetadata.Arn as string;
    const result = await autocannon({
      url,
      method: "POST",
      connections,
      duration: durationSec,
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "TrentService.GenerateDataKey",
        "amz-sdk-request": "attempt=1; max=3",
      },
      body: JSON.stringify({ KeyId: key, KeySpec: "AES_256", EncryptionContext: { tenant: "t-1" } }),
    });
    const seconds = result.duration;
    const stats = (await (await fetch(`${url}${ADMIN_PREFIX}/stats`)).json()) as { requests: number; throttled: number };
    return {
      label,
      quotaPerSec,
      durationSec: seconds,
      requestsPerSec: (result["2xx"] + result.non2xx) / seconds,
      acceptedPerSec: result["2xx"] / seconds,
      throttledPerSec: result.non2xx / seconds,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      errors: result.errors + result.timeouts,
      emulatorRequests: stats.requests - 1, // minus the CreateKey
      emulatorThrottled: stats.throttled,
    };
  } finally {
    child.disconnect();
    await new Promise((r) => child.once("exit", r));
  }
}

async function main(): Promise<void> {
  const durationSec = arg("duration", 10);
  const connections = arg("connections", 64);
  const runs = [
    await run("unthrottled (quota 1,000,000/s)", 1_000_000, durationSec, connections),
    await run("quota 1,000/s", 1_000, durationSec, connections),
  ];
  for (const r of runs) {
    console.log(
      `${r.label}: ${connections} connections, ${r.durationSec.toFixed(1)} s: ${r.requestsPerSec.toFixed(0)} req/s ` +
        `(accepted ${r.acceptedPerSec.toFixed(0)}/s, throttled ${r.throttledPerSec.toFixed(0)}/s), ` +
        `latency p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms, errors ${r.errors}; ` +
        `emulator counted ${r.emulatorRequests} requests, ${r.emulatorThrottled} throttled`,
    );
  }
  console.log(JSON.stringify({ benchmark: "emulator", connections, runs }));
}

if (process.argv.includes("--serve")) {
  void serve(arg("serve", 1_000_000));
} else {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
