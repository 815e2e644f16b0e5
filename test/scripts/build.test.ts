/**
 * scripts/build.mjs, the check that lets `npm run simulate` skip the TypeScript build: dist/ is
 * stale exactly when a build input changed since the stamp (edited, touched, added, removed) or
 * the build is missing; a build writes the stamp only when tsc succeeds.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildIfStale, fingerprint, isStale, projectRoot, STAMP_FILE } from "../../scripts/build.mjs";

/** A project of one source file, with the real node_modules (for tsc) linked in. */
function tinyProject(): string {
  const root = mkdtempSync(join(tmpdir(), "kmsplan-build-"));
  mkdirSync(join(root, "src", "cli"), { recursive: true });
  writeFileSync(join(root, "src", "cli", "main.ts"), "export const answer: number = 41;\n");
  writeFileSync(join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", types: [], skipLibCheck: true } }));
  writeFileSync(join(root, "tsconfig.build.json"), JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { rootDir: "src", outDir: "dist" }, include: ["src"] }));
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "tiny", type: "module" }));
  writeFileSync(join(root, "package-lock.json"), "{}\n");
  symlinkSync(join(projectRoot, "node_modules"), join(root, "node_modules"), "dir");
  return root;
}

const quiet = (): void => {};

/** What a successful build leaves: the entry point and the stamp of the inputs as they are now. */
function fakeBuild(root: string): void {
  mkdirSync(join(root, "dist", "cli"), { recursive: true });
  writeFileSync(join(root, "dist", "cli", "main.js"), "export const answer = 41;\n");
  writeFileSync(join(root, STAMP_FILE), fingerprint(root) + "\n");
}

describe("scripts/build.mjs", () => {
  it("is stale without a build, fresh after one, and stale again after any change to an input", () => {
    const root = tinyProject();
    expect(isStale(root)).toBe(true);
    fakeBuild(root);
    expect(isStale(root)).toBe(false);

    const main = join(root, "src", "cli", "main.ts");
    const stamp = fingerprint(root);
    const changes: [string, () => void][] = [
      ["a touched source", () => utimesSync(main, new Date(), new Date(Date.now() + 5_000))],
      ["an added source", () => writeFileSync(join(root, "src", "extra.ts"), "export {};\n")],
      ["a removed source", () => rmSync(join(root, "src", "extra.ts"))],
      ["a changed tsconfig", () => writeFileSync(join(root, "tsconfig.build.json"), readFileSync(join(root, "tsconfig.build.json"), "utf8") + " ")],
      ["a changed lockfile", () => writeFileSync(join(root, "package-lock.json"), "{ }\n")],
    ];
    let previous = stamp;
    for (const [what, change] of changes) {
      change();
      const now = fingerprint(root);
      expect(now, what).not.toBe(previous);
      expect(isStale(root), what).toBe(true);
      previous = now;
    }
    // Untouched inputs, and files outside them, leave it fresh.
    fakeBuild(root);
    writeFileSync(join(root, "README.md"), "not an input\n");
    expect(isStale(root)).toBe(false);
    rmSync(join(root, "dist", "cli", "main.js"));
    expect(isStale(root)).toBe(true);
  });

  it("builds with tsc only when stale, picks up an edit, and stays stale when tsc fails", () => {
    const root = tinyProject();
    const logs: string[] = [];
    expect(buildIfStale(root, (t) => logs.push(t))).toBe(0);
    expect(logs).toHaveLength(1);
    expect(readFileSync(join(root, "dist", "cli", "main.js"), "utf8")).toMatch(/answer = 41/);
    expect(readFileSync(join(root, STAMP_FILE), "utf8").trim()).toBe(fingerprint(root));
    expect(buildIfStale(root, (t) => logs.push(t))).toBe(0);
    expect(logs).toHaveLength(1);

    writeFileSync(join(root, "src", "cli", "main.ts"), "export const answer: number = 42;\n");
    expect(buildIfStale(root, quiet)).toBe(0);
    expect(readFileSync(join(root, "dist", "cli", "main.js"), "utf8")).toMatch(/answer = 42/);

    writeFileSync(join(root, "src", "cli", "main.ts"), "export const answer: number = 'forty-three';\n");
    expect(buildIfStale(root, quiet)).not.toBe(0);
    expect(isStale(root)).toBe(true);
  });
});
