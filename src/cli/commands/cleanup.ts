/** `kmsplan cleanup MANIFEST`: finish the cleanup of a live run (keys scheduled for deletion, objects and bucket removed). */
import type { Argv } from "yargs";
import { resolve } from "node:path";
import type { CliIo } from "../io.js";

export function cleanupCommand(y: Argv, io: CliIo): Argv {
  return y.command(
    "cleanup <manifest>",
    "Finish the cleanup of a live run from its manifest (e.g. after a crash)",
    (c) =>
      c
        .positional("manifest", { type: "string", describe: "results/<run>.manifest.json" })
        .option("endpoint-url", { type: "string", describe: "Override the KMS endpoint recorded in the manifest" })
        .option("s3-endpoint-url", { type: "string", describe: "Override the S3 endpoint recorded in the manifest" }),
    async (argv) => {
      // Loaded here, not at the top: the AWS SDK takes about 1 s to load, which every other command would pay.
      const { cleanupFromManifest } = await import("../../live/index.js");
      const report = await cleanupFromManifest(resolve(io.cwd, argv.manifest as string), {
        endpointUrl: argv["endpoint-url"] as string | undefined,
        s3EndpointUrl: argv["s3-endpoint-url"] as string | undefined,
      });
      io.stdout(
        `keys scheduled for deletion (7 days): ${report.keysScheduled.length}\naliases deleted: ${report.aliasesDeleted.length}\n` +
          `objects deleted: ${report.objectsDeleted}\nbucket deleted: ${report.bucketDeleted}\n` +
          (report.errors.length ? `errors:\n${report.errors.map((e) => `  ${e}`).join("\n")}\n` : ""),
      );
    },
  );
}
