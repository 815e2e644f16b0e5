/**
 * `kmsplan live FILE`: drive real KMS and S3 (or any compatible endpoint) with the scenario and
 * write results/<timestamp>-<scenario>.json in the simulate contract. Against real AWS nothing is
 * sent without --yes: the plan (resources, estimated requests and cost) is printed instead.
 */
import type { Argv } from "yargs";
import { resolve } from "node:path";
import { loadScenarioFile } from "../../scenario/index.js";
import type { LivePlan, LiveProgress } from "../../live/index.js";
import { renderText, toJson } from "../../report/index.js";
import type { CliIo } from "../io.js";
import { selectScenarios } from "./simulate.js";
import { UsageError } from "../../errors.js";

export interface LiveArgs {
  file: string;
  yes: boolean;
  endpointUrl?: string;
  s3EndpointUrl?: string;
  region?: string;
  tenants?: number;
  scale?: number;
  keyArn?: string[];
  bucket?: string;
  maxRequests?: number;
  maxCostUsd?: number;
  account?: string;
  resultsDir: string;
  driver: "sdk" | "http";
  variant?: string;
  json: boolean;
}

export function renderPlan(p: LivePlan): string {
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  return [
    `Plan for run ${p.runId} (${p.realAws ? "REAL AWS" : `endpoint ${p.kmsEndpoint}`}, ${p.region}):`,
    `  traffic: ${n(p.operations)} operations over ${p.durationSec} s (${n(p.ratePerSec)}/s peak) for ${p.tenants} tenant(s)`,
    `  create: ${p.keys.count} KMS key(s)${p.aliases.length ? `, ${p.aliases.length} alias(es)` : ""}${p.bucket ? `, bucket ${p.bucket}` : ""}`,
    `  estimated: <= ${n(p.estimatedKmsRequests)} KMS requests, ${n(p.estimatedS3Requests)} S3 requests, <= $${p.estimatedCostUsd.toFixed(2)}`,
    ...p.notes.map((x) => `  note: ${x}`),
  ].join("\n");
}

function renderProgress(p: LiveProgress): string {
  return (
    `\r${p.elapsedSec.toFixed(0)} s: ${p.achievedRatePerSec.toFixed(0)} ops/s, ${p.completed} done, ${p.failed} failed, ` +
    `${p.throttled} throttled, ${p.dropped} dropped, lag p99 ${p.lagP99Ms.toFixed(1)} ms, ${p.remainingSec.toFixed(0)} s left   `
  );
}

export async function runLiveCommand(args: LiveArgs, io: CliIo): Promise<void> {
  const loaded = await loadScenarioFile(resolve(io.cwd, args.file));
  const picked = selectScenarios(loaded.base, loaded.variants, { variant: args.variant ? [args.variant] : undefined, base: false });
  if (picked.length !== 1) {
    throw new UsageError(`${args.file} has variants (${loaded.variants.map((v) => v.variant).join(", ")}); pick one with --variant`);
  }
  const controller = new AbortController();
  const off = io.onInterrupt(() => {
    io.stderr("\ninterrupted: stopping, cleaning up and writing a partial result...\n");
    controller.abort();
  });
  try {
    // Loaded here, not at the top: the AWS SDK takes about 1 s to load, which every other command would pay.
    const { runLive } = await import("../../live/index.js");
    const out = await runLive({
      scenario: picked[0],
      yes: args.yes,
      endpointUrl: args.endpointUrl,
      s3EndpointUrl: args.s3EndpointUrl,
      region: args.region,
      tenants: args.tenants,
      scale: args.scale,
      useExisting: args.keyArn || args.bucket ? { keyArns: args.keyArn, bucket: args.bucket } : undefined,
      maxRequests: args.maxRequests,
      maxCostUsd: args.maxCostUsd,
      account: args.account,
      resultsDir: resolve(io.cwd, args.resultsDir),
      driver: args.driver,
      env: io.env,
      signal: controller.signal,
      onProgress: (p) => io.stderr(renderProgress(p)),
    });
    if (!out.result) {
      io.stdout(renderPlan(out.planned) + "\n\nNothing was sent. Re-run with --yes to create these resources and drive real AWS.\n");
      return;
    }
    io.stderr("\r\x1b[K");
    io.stdout(args.json ? toJson(out.result) + "\n" : renderText(out.result) + "\n");
    io.stderr(`result: ${out.file}${out.complete ? "" : " (partial: " + (out.result.live.stopReason ?? "incomplete") + ")"}\nmanifest: ${out.manifest}\n`);
  } finally {
    off();
  }
}

export function liveCommand(y: Argv, io: CliIo): Argv {
  return y.command(
    "live <file>",
    "Drive real KMS/S3 (or an emulator) with the scenario; write results/<time>-<scenario>.json",
    (c) =>
      c
        .positional("file", { type: "string", describe: "Scenario YAML file" })
        .option("yes", { type: "boolean", default: false, describe: "Confirm a run against real AWS (without it, only the plan is printed)" })
        .option("endpoint-url", { type: "string", describe: "KMS endpoint (also S3 unless --s3-endpoint-url); else AWS_ENDPOINT_URL_KMS / AWS_ENDPOINT_URL" })
        .option("s3-endpoint-url", { type: "string", describe: "S3 endpoint; else AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL" })
        .option("region", { type: "string", describe: "Region (default: the scenario's)" })
        .option("tenants", { type: "number", describe: "Provision and drive at most this many tenants" })
        .option("scale", { type: "number", describe: "Multiply the scenario's rate (e.g. 0.01 for a small sandbox run)" })
        .option("key-arn", { type: "string", array: true, describe: "Use existing key ARN(s) instead of creating keys (repeatable)" })
        .option("bucket", { type: "string", describe: "Use an existing bucket instead of creating one" })
        .option("max-requests", { type: "number", describe: "Stop after this many KMS requests" })
        .option("max-cost-usd", { type: "number", describe: "Stop when the KMS request cost reaches this many dollars" })
        .option("account", { type: "string", describe: "Refuse to run unless the credentials belong to this account id" })
        .option("results-dir", { type: "string", default: "results", describe: "Where results and manifests go" })
        .option("driver", { choices: ["sdk", "http"] as const, default: "sdk" as const, describe: "sdk: in-process clients; http: a bundled tenant service driven by autocannon" })
        .option("variant", { type: "string", describe: "Which variant to run, for files with variants" })
        .option("json", { type: "boolean", default: false, describe: "Print the result as JSON" })
        .example("$0 live scenarios/rehearsal/under-quota.yaml --endpoint-url http://127.0.0.1:4566", "against a local endpoint")
        .example("$0 live scenarios/saas-3000-tenants.yaml --variant per-tenant --tenants 5 --scale 0.001", "print the plan for a small sandbox run")
        .example("$0 live ... --yes --account 123456789012 --max-cost-usd 1", "run it against real AWS, with guardrails"),
    async (argv) => {
      await runLiveCommand(argv as unknown as LiveArgs, io);
    },
  );
}
