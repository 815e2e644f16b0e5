/**
 * `runLive`: provision -> prime -> drive the shared schedule open-loop -> isolation check ->
 * account metrics -> cleanup -> result file. Cleanup always runs (also on abort or error), and a
 * result file is always written: complete: false with a reason when the run stopped early, and a
 * partial one every few seconds during the drive so even a killed process leaves a valid file.
 *
 * Against real AWS (no endpoint) without `yes`, nothing is sent: it returns `{ planned }` only.
 * Before anything is created, STS GetCallerIdentity is called on the KMS endpoint: when it shows
 * that no call can succeed (no credentials, endpoint refused or silent), `runLive` throws
 * RunIncompleteError with one line and leaves no file behind. (An endpoint without STS, such as
 * `kmsplan emulate`, answers with an error, which is only noted.)
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { GuardrailError, RunIncompleteError, UsageError } from "../errors.js";
import { routeOf } from "./httpDrive.js";
import { chooseCredentials } from "./credentials.js";
import { fatalFailure } from "./failures.js";
import { adminTimeouts } from "./timeouts.js";
import { resolveEndpoints } from "./endpoints.js";
import { keyIndexFor, keySlots, liveScenario } from "./liveScenario.js";
import { Manifest } from "./Manifest.js";
import { newRunId, planLive } from "./plan.js";
import { callerAccount } from "./accountMetrics.js";
import { LiveSession } from "./LiveSession.js";
import type { LiveRunResult } from "./buildLiveResult.js";
import type { LiveOptions, LivePlan } from "./types.js";

export type RunLiveOutcome =
  | { planned: LivePlan; result?: undefined; file?: undefined; complete?: undefined; manifest?: undefined; cleanedUp?: undefined }
  | {
      planned: LivePlan;
      result: LiveRunResult;
      file: string;
      complete: boolean;
      manifest: string;
      /** The manifest's verdict: the check after cleanup found nothing of the run left. */
      cleanedUp: boolean;
    };

export const DEFAULT_MAX_IN_FLIGHT = 2000;

export async function runLive(opts: LiveOptions): Promise<RunLiveOutcome> {
  if (!opts || typeof opts !== "object" || !opts.scenario) throw new TypeError(`Expected options with a scenario, got ${typeof opts}`);
  if (typeof opts.resultsDir !== "string" || opts.resultsDir === "") {
    throw new TypeError(`Expected resultsDir to be a directory path, got ${JSON.stringify(opts.resultsDir)}`);
  }
  const now = opts.now ?? (() => performance.timeOrigin + performance.now());
  const runId = opts.runId ?? newRunId(now());
  const plan = planLive(opts, runId);
  const ep = resolveEndpoints(opts);
  if (ep.realAws && !opts.yes) return { planned: plan };
  if (opts.driver !== undefined && opts.driver !== "sdk" && opts.driver !== "http") {
    throw new TypeError(`Expected driver to be "sdk" or "http", got ${JSON.stringify(opts.driver)}`);
  }
  if (opts.driver === "http" && !opts.scenario.traffic.mix.some((m) => m.share > 0 && routeOf(m.op) !== null)) {
    throw new UsageError(`--driver http sends encrypt, decrypt, s3-put and s3-get only; ${opts.scenario.name}'s mix has none (use --driver sdk)`);
  }

  const scenario = liveScenario(opts.scenario, opts.tenants, opts.scale);
  const chosen = opts.credentials
    ? { credentials: opts.credentials, source: "the credentials given" }
    : chooseCredentials({ profile: opts.profile, env: opts.env ?? process.env, endpoints: ep.usesS3 ? [ep.kms, ep.s3] : [ep.kms] });
  opts = { ...opts, credentials: chosen.credentials };
  const timeouts = adminTimeouts(opts.requestTimeoutMs);
  const who = await callerAccount({ region: ep.region, endpoint: ep.kms, credentials: chosen.credentials, timeouts });
  const fatal = who.cause === undefined ? null : fatalFailure(who.cause, ep.kms, chosen.source);
  if (fatal) throw new RunIncompleteError(`live run not started, nothing created: ${fatal.message}`, { cause: who.cause });
  if (opts.account !== undefined && who.accountId !== opts.account) {
    throw new GuardrailError(
      `refusing to run: credentials belong to account ${who.accountId ?? `unknown (${who.error})`}, not ${opts.account}`,
    );
  }

  mkdirSync(opts.resultsDir, { recursive: true });
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, "-");
  const base = `${stamp}-${scenario.name.replace(/[^A-Za-z0-9._-]/g, "-")}`;
  const file = join(opts.resultsDir, `${base}.json`);
  const manifest = new Manifest(join(opts.resultsDir, `${base}.manifest.json`), {
    version: 1,
    runId,
    createdIso: new Date(now()).toISOString(),
    kmsEndpoint: ep.kms,
    s3Endpoint: ep.s3,
    region: ep.region,
    keyArns: [],
    pendingKeys: [],
    existingKeyArns: opts.useExisting?.keyArns ?? [],
    aliases: [],
    bucket: null,
    existingBucket: opts.useExisting?.bucket ?? null,
    objects: [],
    objectsBucket: null,
    cleanedUp: false,
  });
  manifest.save(); // before anything is created

  const session = new LiveSession({
    opts,
    scenario,
    runId,
    endpoints: ep,
    now,
    manifest,
    file,
    accountId: who.accountId,
    slots: opts.useExisting?.keyArns?.length ? [] : keySlots(scenario),
    keyIndexFor: keyIndexFor(scenario),
    maxInFlight: opts.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
    plan,
    timeouts,
    credentialSource: chosen.source,
  });
  const result = await session.run();
  return { planned: plan, result, file, complete: result.live.complete, manifest: manifest.file, cleanedUp: manifest.data.cleanedUp };
}
