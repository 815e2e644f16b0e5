/**
 * `kmsplan emulate [--scenario FILE] [--port N] [--upstream URL]`: a local KMS-compatible endpoint
 * on 127.0.0.1 that enforces the scenario's quota pools with the simulator's own throttle code.
 * Prints its URL on stdout (first line, for scripts) and runs until Ctrl-C.
 */
import type { Argv } from "yargs";
import { loadForRun } from "./runGuard.js";
import { startEmulator, ADMIN_PREFIX } from "../../emulate/index.js";
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
}

export async function runEmulate(args: EmulateArgs, io: CliIo, until?: Promise<void>): Promise<void> {
  let scenario: Scenario | undefined;
  if (args.scenario) scenario = (await loadForRun(args.scenario, io)).base;
  const quotas = {
    ...(args.symmetric !== undefined ? { symmetricPerSec: args.symmetric } : {}),
    ...(args.rsa !== undefined ? { rsaPerSec: args.rsa } : {}),
    ...(args.ecc !== undefined ? { eccPerSec: args.ecc } : {}),
  };
  const emu = await startEmulator({
    scenario,
    quotas,
    port: args.port,
    upstream: args.upstream,
    latency: args.latency && scenario ? scenario.latency.kms : null,
    throttledLatency: args.latency && scenario ? scenario.latency.throttled : null,
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
        .example("$0 emulate --symmetric 100", "a KMS that throttles above 100 requests/s")
        .example("$0 emulate --scenario scenarios/rehearsal/over-quota-1-instance.yaml --latency", "the scenario's quota and latency"),
    async (argv) => {
      await runEmulate(argv as unknown as EmulateArgs, io);
    },
  );
}
