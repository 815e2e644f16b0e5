/**
 * `kmsplan cleanup MANIFEST`: finish the cleanup of a live run (aliases deleted, keys scheduled for
 * deletion, objects and bucket removed), finding what the manifest missed by the run id, then
 * checking that nothing of the run is left. Exit 0 when clean, 4 when a call failed or something
 * is left (one line says what; the report above lists all), 2 when the file is not a manifest.
 */
import type { Argv } from "yargs";
import { resolve } from "node:path";
import type { CleanupReport } from "../../live/index.js";
import { PENDING_WINDOW_DAYS } from "../../live/liveConstants.js";
import { RunIncompleteError } from "../../errors.js";
import type { CliIo } from "../io.js";
import { parseDurationArg } from "./args.js";
import { timeoutsHelp } from "./live.js";

/** Lines of a long list shown at most. */
const MAX_LISTED = 20;

function listed(title: string, items: string[]): string {
  if (items.length === 0) return "";
  const shown = items.slice(0, MAX_LISTED).map((e) => `  ${e}`);
  if (items.length > MAX_LISTED) shown.push(`  ... and ${items.length - MAX_LISTED} more`);
  return `${title}:\n${shown.join("\n")}\n`;
}

export function renderCleanup(r: CleanupReport): string {
  return (
    `keys scheduled for deletion (${PENDING_WINDOW_DAYS} days): ${r.keysScheduled.length}\naliases deleted: ${r.aliasesDeleted.length}\n` +
    `objects deleted: ${r.objectsDeleted}\nbucket deleted: ${r.bucketDeleted}\n` +
    listed("found by the run id (not in the manifest)", r.found) +
    listed("still there after cleanup", r.leftovers) +
    listed("errors", r.errors)
  );
}

export function cleanupCommand(y: Argv, io: CliIo): Argv {
  return y.command(
    "cleanup <manifest>",
    "Finish the cleanup of a live run from its manifest (e.g. after a crash); exit 4 if anything is left",
    (c) =>
      c
        .positional("manifest", { type: "string", describe: "results/<run>.manifest.json" })
        .option("endpoint-url", { type: "string", describe: "Override the KMS endpoint recorded in the manifest" })
        .option("s3-endpoint-url", { type: "string", describe: "Override the S3 endpoint recorded in the manifest" })
        .option("profile", { type: "string", describe: "AWS credential profile; else AWS_PROFILE" })
        .option("request-timeout", { type: "string", describe: "Per-attempt answer timeout of each call (default 10s)" })
        .epilogue(
          "Finds the run's aliases by name (alias/kmsplan/<run id>/) and, when the manifest shows a CreateKey whose answer was never " +
            "recorded, its keys by their kmsplan:run tag. The manifest says cleanedUp: true only when a check afterwards finds no alias, " +
            "no key that is not pending deletion, and no bucket of the run. " +
            timeoutsHelp() +
            "\nExit codes: 0 nothing left; 2 the file is missing or not a valid manifest; 4 a call failed, the endpoint did not answer, or something is left.",
        ),
    async (argv) => {
      const file = resolve(io.cwd, argv.manifest as string);
      // Loaded here, not at the top: the AWS SDK takes about 1 s to load, which every other command would pay.
      const { cleanupFromManifest } = await import("../../live/index.js");
      const report = await cleanupFromManifest(file, {
        endpointUrl: argv["endpoint-url"] as string | undefined,
        s3EndpointUrl: argv["s3-endpoint-url"] as string | undefined,
        profile: argv.profile as string | undefined,
        env: io.env,
        requestTimeoutMs: argv["request-timeout"] !== undefined ? parseDurationArg(argv["request-timeout"] as string, "--request-timeout") : undefined,
      });
      io.stdout(renderCleanup(report));
      const problems = [...report.errors, ...report.leftovers];
      if (problems.length > 0) {
        throw new RunIncompleteError(
          `cleanup incomplete: ${report.errors.length} error(s), ${report.leftovers.length} resource(s) left (${problems[0]}); ${argv.manifest as string} keeps cleanedUp: false`,
        );
      }
    },
  );
}
