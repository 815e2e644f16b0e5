/** Versions of the SDK packages a live run used, read from node_modules package.json files. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export const SDK_PACKAGES: readonly string[] = [
  "@aws-sdk/client-kms",
  "@aws-sdk/client-s3",
  "@aws-sdk/client-sts",
  "@aws-sdk/client-cloudwatch",
  "@aws-sdk/client-service-quotas",
  "@aws-crypto/client-node",
  "@smithy/core",
  "@smithy/node-http-handler",
];

export function sdkVersions(packages: readonly string[] = SDK_PACKAGES): Record<string, string> {
  const require = createRequire(import.meta.url);
  const out: Record<string, string> = {};
  for (const name of packages) {
    try {
      // package.json may not be exported: resolve the entry point and walk up to the package root.
      const entry = require.resolve(name);
      const root = entry.slice(0, entry.lastIndexOf(`/node_modules/${name}/`) + `/node_modules/${name}/`.length);
      out[name] = (JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { version: string }).version;
    } catch {
      out[name] = "unknown";
    }
  }
  return out;
}
