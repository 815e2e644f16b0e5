// The TypeScript build, run only when it is needed.
//
//   node scripts/build.mjs             build dist/ (tsc -p tsconfig.build.json) and stamp it
//   node scripts/build.mjs --if-stale  the same, only when the sources changed since the stamp
//
// The stamp (dist/.build-stamp) is a hash of the path, size and modification time of every
// build input: the files under src/, the tsconfig files and package-lock.json. Any edit, added,
// removed or renamed file, or checkout changes it. Checking it stats about 150 files (a few ms);
// `tsc -b`'s own up-to-date check, the alternative, took 0.9 s when nothing had changed, and
// `tsc -p` with incremental output 5 s. The hash is taken before tsc runs, so a file edited
// during a build makes the next check stale again. Plain JavaScript, since it runs before
// anything is compiled.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Files and folders, relative to the project root, whose change calls for a new build. */
export const BUILD_INPUTS = ["src", "tsconfig.json", "tsconfig.build.json", "package-lock.json"];
/** Where the fingerprint of the last successful build is kept, relative to the root. */
export const STAMP_FILE = join("dist", ".build-stamp");
/** A file whose absence means there is no build, whatever the stamp says. */
export const BUILT_ENTRY = join("dist", "cli", "main.js");

/** Hash of (path, size, mtime) of every build input under `root`; missing inputs count as absent. */
export function fingerprint(root) {
  const lines = [];
  const visit = (abs) => {
    let st;
    try {
      st = statSync(abs);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(abs).sort()) visit(join(abs, name));
      return;
    }
    lines.push(`${relative(root, abs).split(sep).join("/")}\0${st.size}\0${st.mtimeMs}`);
  };
  for (const input of BUILD_INPUTS) visit(join(root, input));
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}

/** True when dist/ under `root` is missing or was built from other sources than these. */
export function isStale(root, current = fingerprint(root)) {
  if (!existsSync(join(root, BUILT_ENTRY))) return true;
  try {
    return readFileSync(join(root, STAMP_FILE), "utf8").trim() !== current;
  } catch {
    return true;
  }
}

/**
 * Build dist/ with tsc and stamp it; resolves to tsc's exit code (the stamp is written only on 0).
 * tsc's messages go to stderr, so that a run script's stdout (`npm run schema > FILE`) holds
 * only what the entry prints.
 */
export function build(root) {
  const current = fingerprint(root);
  let tsc;
  try {
    tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
  } catch {
    process.stderr.write("kmsplan: cannot build dist/: typescript is not installed here (run `npm ci`)\n");
    return 1;
  }
  const r = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: [0, 2, 2], cwd: root });
  const code = r.status ?? 1;
  if (code === 0) writeFileSync(join(root, STAMP_FILE), current + "\n");
  return code;
}

/** Build when stale; resolves to 0 when dist/ is up to date afterwards. */
export function buildIfStale(root, log = (text) => process.stderr.write(text)) {
  const current = fingerprint(root);
  if (!isStale(root, current)) return 0;
  log("kmsplan: sources changed since the last build; building dist/ (tsc) first...\n");
  return build(root);
}

export const projectRoot = fileURLToPath(new URL("..", import.meta.url));

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = process.argv.includes("--if-stale") ? buildIfStale(projectRoot) : build(projectRoot);
}
