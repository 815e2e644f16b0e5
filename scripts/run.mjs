// Run a built entry point of dist/, rebuilding dist/ first only when the sources changed:
//
//   node scripts/run.mjs cli/main.js simulate FILE    (what `npm run simulate -- FILE` does)
//   node scripts/run.mjs bench/run.js --quick
//
// One process: after the check (scripts/build.mjs) the entry is imported here, with process.argv
// set as if node had been started on it, so that it runs exactly as `node dist/<entry> ...` would,
// without paying for a second Node start.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildIfStale, projectRoot } from "./build.mjs";

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write("usage: node scripts/run.mjs <entry under dist/, e.g. cli/main.js> [arguments...]\n");
  process.exit(2);
}
const code = buildIfStale(projectRoot);
if (code !== 0) process.exit(code);
const file = join(projectRoot, "dist", entry);
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
