/**
 * `kmsplan emulate [--scenario FILE] [--port N] [--upstream URL] [limits]`: a local KMS-compatible
 * endpoint on 127.0.0.1 that enforces the scenario's quota pools with the simulator's own throttle
 * code. Prints its URL on stdout (first line, for scripts) and runs until Ctrl-C.
 */
import type { Argv } from "yargs";
import { UsageError } from "../../errors.js";
import { loadForRun } from "./runGuard.js";
import {
  startEmulator,
  ADMIN_PREFIX,
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  MAX_BODY_BYTES,
  type EmulatorOptions,
} from "../../emulate/index.js";
import type { Scenario } from "../../scenario/types.js";
import type { CliIo } from "../io.js";

export interface EmulateArgs {
  scenario?: string;
  port: number;
  upstream?: string;
  latency: boolean;
  symmetric?: number;
  rsa?: number;
  ecc?: number;
  headersTimeoutSeconds: number;
  requestTimeoutSeconds: number;
  idleTimeoutSeconds: number;
  maxConnections: number;
  maxBodyBytes: number;
}

function positive(flag: string, v: number, integer = false): number {
  if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw new UsageError(`--${flag} must be a positive ${integer ? "integer" : "number"}, got ${String(v)}`);
  }
  return v;
}

function rate(flag: string, v: number | undefined): number | undefined {
  if (v !== undefined && (!Number.isFinite(v) || v < 0)) throw new UsageError(`--${flag} must be a number of requests/s >= 0, got ${String(v)}`);
  return v;
}

/** The emulator's connection and body limits from the flags (seconds -> ms). */
export function limitsFromArgs(args: EmulateArgs): Pick<EmulatorOptions, "headersTimeoutMs" | "requestTimeoutMs" | "idleTimeoutMs" | "maxConnections" | "maxBodyBytes"> {
  const ms = (flag: string, seconds: number): number => Math.ceil(positive(flag, seconds) * 1000);
  const limits = {
    headersTimeoutMs: ms("headers-timeout-seconds", args.headersTimeoutSeconds),
    requestTimeoutMs: ms("request-timeout-seconds", args.requestTimeoutSeconds),
    idleTimeoutMs: ms("idle-timeout-seconds", args.idleTimeoutSeconds),
    maxConnections: positive("max-connections", args.maxConnections, true),
    maxBodyBytes: positive("max-body-bytes", args.maxBodyBytes, true),
  };
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new UsageError(`--headers-timeout-seconds (${args.headersTimeoutSeconds}) must not exceed --request-timeout-seconds (${args.requestTimeoutSeconds})`);
  }
  return limits;
}

export async function runEmulate(args: EmulateArgs, io: CliIo, until?: Promise<void>): Promise<void> {
  const limits = limitsFromArgs(args);
  let scenario: Scenario | undefined;
  if (args.scenario) scenario = (await loadForRun(args.scenario, io)).base;
  const quotas = {
    ...(rate("symmetric", args.symmetric) !== undefined ? { symmetricPerSec: args.symmetric } : {}),
    ...(rate("rsa", args.rsa) !== undefined ? { rsaPerSec: args.rsa } : {}),
    ...(rate("ecc", args.ecc) !== undefined ? { eccPerSec: args.ecc } : {}),
  };
  const emu = await startEmulator({
    scenario,
    quotas,
    port: args.port,
    upstream: args.upstream,
    latency: args.latency && scenario ? scenario.latency.kms : null,
    throttledLatency: args.latency && scenario ? scenario.latency.throttled : null,
    ...limits,
  }).catch((e: NodeJS.ErrnoException) => {
    // A port in use or not allowed is the user's input, not a bug: one line, exit 2.
    if (e?.code === "EADDRINUSE") throw new UsageError(`--port ${args.port}: the port is already in use; pick another or --port 0 for a free one`, { cause: e });
    if (e?.code === "EACCES") throw new UsageError(`--port ${args.port}: not allowed to listen there (ports below 1024 need privileges); use --port 0 for a free one`, { cause: e });
    throw e;
  });
  io.stdout(`${emu.url}\n`);
  const q = emu.stats().pools.map((p) => `${p.pool} ${p.quotaPerSec}/s`).join(", ");
  io.stderr(
    `kmsplan emulate: KMS-compatible endpoint at ${emu.url} (${args.upstream ? `forwarding to ${args.upstream}` : "built-in responder"})\n` +
      `  quotas: ${q || "Region defaults"}; throttled calls get HTTP 400 ThrottlingException like KMS\n` +
      `  point an SDK at it: new KMSClient({ endpoint: "${emu.url}", region: "us-east-1" }) or AWS_ENDPOINT_URL_KMS=${emu.url}\n` +
      `  counters: curl ${emu.url}${ADMIN_PREFIX}/stats   reset: curl -X POST ${emu.url}${ADMIN_PREFIX}/reset\n` +
      `  Ctrl-C to stop\n`,
  );
  await (until ??
    new Promise<void>((resolveStop) => {
      const off = io.onInterrupt(() => {
        off();
        resolveStop();
      });
    }));
  const s = emu.stats();
  io.stderr(`kmsplan emulate: ${s.requests} requests, ${s.throttled} throttled; stopping\n`);
  await emu.close();
}

export function emulateCommand(y: Argv, io: CliIo): Argv {
  return y.command(
    "emulate",
    "Run a local KMS-compatible endpoint that throttles like KMS (rehearse without an AWS account)",
    (c) =>
      c
        .option("scenario", { type: "string", describe: "Take quotas, throttle model and key spec from this scenario" })
        .option("port", { type: "number", default: 0, describe: "TCP port on 127.0.0.1 (0 = a free one; the URL is printed)" })
        .option("upstream", { type: "string", describe: "Forward accepted requests to this KMS-compatible endpoint (e.g. moto_server)" })
        .option("latency", { type: "boolean", default: false, describe: "Inject the scenario's latency.kms / latency.throttled service times" })
        .option("symmetric", { type: "number", describe: "Symmetric pool quota, requests/s (overrides the scenario)" })
        .option("rsa", { type: "number", describe: "RSA pool quota, requests/s" })
        .option("ecc", { type: "number", describe: "ECC pool quota, requests/s" })
        .option("headers-timeout-seconds", {
          type: "number",
          default: DEFAULT_HEADERS_TIMEOUT_MS / 1000,
          describe: "A connection that has not sent a request's headers within this time gets 408 and is closed (connections that never send anything included)",
        })
        .option("request-timeout-seconds", {
          type: "number",
          default: DEFAULT_REQUEST_TIMEOUT_MS / 1000,
          describe: "A request (headers and body) not received within this time gets 408 and its connection is closed",
        })
        .option("idle-timeout-seconds", {
          type: "number",
          default: DEFAULT_IDLE_TIMEOUT_MS / 1000,
          describe: "An idle keep-alive connection is closed after this time. Keep it above the longest pause in your traffic: the SDK reuses idle sockets, and one closed as it is reused costs a retry",
        })
        .option("max-connections", {
          type: "number",
          default: DEFAULT_MAX_CONNECTIONS,
          describe: "Open connections at most; more are closed as they arrive (counted in /__kmsplan/stats rejected.connectionCap)",
        })
        .option("max-body-bytes", {
          type: "number",
          default: MAX_BODY_BYTES,
          describe: "Largest request body; a larger one gets HTTP 413 RequestEntityTooLargeException as it streams in, and its connection is closed (KMS requests are under 70 KiB)",
        })
        .example("$0 emulate --symmetric 100", "a KMS that throttles above 100 requests/s")
        .example("$0 emulate --scenario scenarios/rehearsal/over-quota-1-instance.yaml --latency", "the scenario's quota and latency")
        .epilog(
          "Requests are checked as KMS's AWS JSON 1.1 protocol does: only POST / with Content-Type application/x-amz-json-1.1; " +
            "anything else gets 404 UnknownOperationException, and an X-Amz-Target naming no KMS operation 400 UnknownOperationException. " +
            `Counters, refusals and the emulator's memory: GET ${ADMIN_PREFIX}/stats.`,
        ),
    async (argv) => {
      await runEmulate(argv as unknown as EmulateArgs, io);
    },
  );
}
