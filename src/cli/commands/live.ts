/**
 * `kmsplan live FILE`: drive real KMS and S3 (or any compatible endpoint) with the scenario and
 * write results/<timestamp>-<scenario>.json in the simulate contract. Against real AWS nothing is
 * sent without --yes: the plan (resources, estimated requests and cost) is printed instead.
 */
import type { Argv } from "yargs";
import { resolve } from "node:path";
import type { LivePlan, LiveProgress, RunLiveOutcome } from "../../live/index.js";
import { ADMIN_REQUEST_TIMEOUT_MS, callBoundMs, adminTimeouts } from "../../live/timeouts.js";
import { HTTP_DRIVER_LIMITS } from "../../live/httpDriverLimits.js";
import { FORCE_OPTION, guardRunSize, loadForRun, sizedForLive } from "./runGuard.js";
import { renderText, toJson } from "../../report/index.js";
import type { CliIo } from "../io.js";
import { selectScenarios } from "./simulate.js";
import { RunIncompleteError, UsageError } from "../../errors.js";
import { parseDurationArg } from "./args.js";
import { checkReportArgs, reportOptions, writeHtmlReport } from "./reportOutputs.js";
import { html } from "../../report/index.js";

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
  profile?: string;
  requestTimeout?: string;
  force?: boolean;
  html?: string;
}

/** Help text of the timeouts and credentials, shared by `live` and `cleanup`. */
export function timeoutsHelp(): string {
  const t = adminTimeouts();
  return (
    `Timeouts: each management call (STS, CreateKey, the cleanup's calls) gets ${t.connectionMs / 1000} s to connect and ` +
    `--request-timeout (default ${ADMIN_REQUEST_TIMEOUT_MS / 1000} s) to answer, 3 attempts: at most about ${Math.round(callBoundMs(t) / 1000)} s ` +
    "before an endpoint that does not answer is reported (exit 4). " +
    "Credentials: --profile, else AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, else AWS_PROFILE, else dummy ones when every endpoint is on " +
    "127.0.0.1/localhost, else the SDK's default chain."
  );
}

/** The one line an incomplete run or a cleanup that left resources ends with (exit 4), or null for a clean, complete run. */
export function incompleteLine(out: Required<Pick<RunLiveOutcome, "result" | "file" | "manifest" | "complete" | "cleanedUp">>): string | null {
  const cleanup = out.result.live.cleanup;
  const left = cleanup ? [...cleanup.errors, ...cleanup.leftovers] : ["cleanup did not run"];
  const cleanupPart = out.cleanedUp ? "cleaned up" : `cleanup incomplete (${left[0] ?? "not verified"}${left.length > 1 ? ` and ${left.length - 1} more` : ""}): rerun kmsplan cleanup ${out.manifest}`;
  if (!out.complete) {
    const why = out.result.live.stopReason === "aborted" ? "interrupted" : (out.result.live.stopReason ?? "incomplete");
    return `live run incomplete: ${why}; partial result ${out.file}; ${cleanupPart}`;
  }
  return out.cleanedUp ? null : `live run complete (result ${out.file}), but ${cleanupPart}`;
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
  checkReportArgs(args);
  const loaded = await loadForRun(args.file, io);
  const picked = selectScenarios(loaded.base, loaded.variants, { variant: args.variant ? [args.variant] : undefined, base: false });
  if (picked.length !== 1) {
    throw new UsageError(`${args.file} has variants (${loaded.variants.map((v) => v.variant).join(", ")}); pick one with --variant`);
  }
  guardRunSize([{ file: loaded.file, scenario: sizedForLive(picked[0], args.tenants, args.scale), run: { simulatedPasses: 0, live: true } }], args.force === true);
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
      profile: args.profile,
      requestTimeoutMs: args.requestTimeout !== undefined ? parseDurationArg(args.requestTimeout, "--request-timeout") : undefined,
      signal: controller.signal,
      onProgress: (p) => io.stderr(renderProgress(p)),
    });
    if (!out.result) {
      io.stdout(renderPlan(out.planned) + "\n\nNothing was sent. Re-run with --yes to create these resources and drive real AWS.\n");
      return;
    }
    io.stderr("\r\x1b[K");
    if (args.html !== undefined && (out.result.live.schedule.started > 0 || out.complete)) await writeHtmlReport(io, args.html, html.resultPage([out.result], { command: "live" }));
    // A run that never reached the drive has nothing to report but why.
    if (out.result.live.schedule.started > 0 || out.complete) io.stdout(args.json ? toJson(out.result) + "\n" : renderText(out.result) + "\n");
    const line = incompleteLine(out);
    if (line !== null) throw new RunIncompleteError(line);
    io.stderr(`result: ${out.file}\nmanifest: ${out.manifest} (cleaned up)\n`);
  } finally {
    off();
  }
}

export function liveCommand(y: Argv, io: CliIo): Argv {
  return y.command(
    "live <file>",
    "Drive real KMS/S3 (or an emulator) with the scenario; write results/<time>-<scenario>.json",
    (c) =>
      reportOptions(c, { markdown: false })
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
        .option("driver", {
          choices: ["sdk", "http"] as const,
          default: "sdk" as const,
          describe: "sdk: in-process clients on the shared schedule; http: a bundled tenant service driven by autocannon (see below)",
        })
        .option("variant", { type: "string", describe: "Which variant to run, for files with variants" })
        .option("json", { type: "boolean", default: false, describe: "Print the result as JSON" })
        .option("profile", { type: "string", describe: "AWS credential profile (~/.aws/credentials, ~/.aws/config); else AWS_PROFILE" })
        .option("request-timeout", { type: "string", describe: `Per-attempt answer timeout of management calls (default ${ADMIN_REQUEST_TIMEOUT_MS / 1000}s), e.g. 5s` })
        .option("force", FORCE_OPTION)
        .example("$0 live scenarios/rehearsal/under-quota.yaml --endpoint-url http://127.0.0.1:4566", "against a local endpoint")
        .example("$0 live scenarios/saas-3000-tenants.yaml --variant per-tenant --tenants 5 --scale 0.001", "print the plan for a small sandbox run")
        .example("$0 live ... --yes --account 123456789012 --max-cost-usd 1", "run it against real AWS, with guardrails")
        .epilogue(
          "Region: --region, else AWS_REGION, else the scenario's. " +
            timeoutsHelp() +
            `\nThe ${HTTP_DRIVER_LIMITS}.` +
            "\nExit codes: 0 complete and cleaned up; 2 invalid scenario or usage, or --account mismatch; 4 not started (no credentials, endpoint " +
            "unreachable or silent), interrupted, stopped by --max-requests/--max-cost-usd, or cleanup left resources behind: one line says which.",
        ),
    async (argv) => {
      await runLiveCommand(argv as unknown as LiveArgs, io);
    },
  );
}
