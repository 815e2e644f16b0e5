/**
 * The repository stands alone: a clone has everything its files point at.
 *
 * (a) No tracked file (git ls-files, minus package-lock.json) names a document outside the
 *     repository: the helpers' shared folder, the facts file or the first scenario spec that the
 *     project's own docs replaced. The patterns are built from parts so this file does not match itself.
 * (b) Every "docs/reference.md §N" citation names a section heading ("## §N ...") of docs/reference.md.
 * (c) Every relative markdown link in README.md and docs/*.md points at a file that exists.
 *
 * Needs git (for the tracked-file list): without it the suite is reported skipped, and fails under CI=true.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const REFERENCE = "docs/reference.md";

/** Names of documents outside the repository, each split so that this file never contains it whole. */
const OUTSIDE_PATTERNS: readonly RegExp[] = [
  ["\\.\\./", "shared"],
  ["shared/", "reference"],
  ["shared/", "spec"],
  ["kms", "-facts"],
  ["scenario", "-v1"],
  ["house", "-style"],
  ["/wo", "rk/"],
].map(([a, b]) => new RegExp(a + b, "i"));

function trackedFiles(): string[] | string {
  try {
    const out = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return out.split("\0").filter((f) => f !== "" && f !== "package-lock.json" && existsSync(join(ROOT, f)));
  } catch (err) {
    return `git ls-files failed in ${ROOT} (${(err as Error).message.split("\n")[0]})`;
  }
}

/** Text of a tracked file, or null for a binary one (a NUL byte in it). */
function text(file: string): string | null {
  const buf = readFileSync(join(ROOT, file));
  return buf.includes(0) ? null : buf.toString("utf8");
}

function lineOf(s: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (s.charCodeAt(i) === 10) line++;
  return line;
}

/** `docs/reference.md §N` (also with the path in backticks or as a link target): the section numbers cited. */
const CITATION = /reference\.md\)?`?\s*§\s*(\d+)/g;

function citations(s: string): { section: number; line: number }[] {
  return [...s.matchAll(CITATION)].map((m) => ({ section: Number(m[1]), line: lineOf(s, m.index) }));
}

/** Section numbers of docs/reference.md's `## §N` headings. */
function referenceSections(): Set<number> {
  const doc = readFileSync(join(ROOT, REFERENCE), "utf8");
  return new Set([...doc.matchAll(/^##\s+§(\d+)\b/gm)].map((m) => Number(m[1])));
}

/** Markdown without fenced code blocks and inline code spans (links there are not links). */
function proseOf(md: string): string {
  return md
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, " "))
    .replace(/`[^`\n]*`/g, (span) => " ".repeat(span.length));
}

/** Link targets: inline `[text](target "title")`, images, and reference definitions `[id]: target`. */
function linkTargets(md: string): { target: string; line: number }[] {
  const prose = proseOf(md);
  const out: { target: string; line: number }[] = [];
  for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g)) out.push({ target: m[1], line: lineOf(prose, m.index) });
  for (const m of prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) out.push({ target: m[1], line: lineOf(prose, m.index) });
  return out;
}

/** True for a link that leaves the file system: a URL scheme, a protocol-relative URL or a pure anchor. */
function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//") || target.startsWith("#");
}

function markdownDocs(): string[] {
  const docs = readdirSync(join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`);
  return ["README.md", ...docs];
}

describe("repository: self-contained", () => {
  const tracked = trackedFiles();
  if (typeof tracked === "string") {
    if (process.env.CI === "true") {
      it("needs git", () => {
        throw new Error(`${tracked}. CI must run the tests in a git checkout (see .ci/run).`);
      });
    } else {
      it.skip(`tracked-file checks (skipped: ${tracked})`, () => {});
    }
    return;
  }

  it("tracks a reasonable set of files, this test and the reference among them", () => {
    expect(tracked).toContain("test/repository.test.ts");
    expect(tracked).toContain(REFERENCE);
    expect(tracked.length).toBeGreaterThan(50);
  });

  it("no tracked file refers to a document outside the repository", () => {
    const found: string[] = [];
    for (const file of tracked) {
      const s = text(file);
      if (s === null) continue;
      for (const p of OUTSIDE_PATTERNS) {
        for (const m of s.matchAll(new RegExp(p.source, "gi"))) found.push(`${file}:${lineOf(s, m.index)}: "${m[0]}"`);
      }
    }
    expect(found, `references to documents outside the repository:\n${found.join("\n")}`).toEqual([]);
  });

  it(`every "${REFERENCE} §N" citation names a section of ${REFERENCE}`, () => {
    const sections = referenceSections();
    expect([...sections].sort((a, b) => a - b).slice(0, 9)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const cited: string[] = [];
    const dangling: string[] = [];
    for (const file of tracked) {
      const s = text(file);
      if (s === null) continue;
      for (const c of citations(s)) {
        cited.push(`${file}:${c.line}`);
        if (!sections.has(c.section)) dangling.push(`${file}:${c.line}: §${c.section}`);
      }
    }
    expect(cited.length, "the code cites the reference; finding none means the pattern broke").toBeGreaterThan(5);
    expect(dangling, `citations of sections ${REFERENCE} does not have:\n${dangling.join("\n")}`).toEqual([]);
  });

  it("every relative markdown link in README.md and docs/*.md points at a file that exists", () => {
    const broken: string[] = [];
    let relativeLinks = 0;
    for (const doc of markdownDocs()) {
      for (const { target, line } of linkTargets(readFileSync(join(ROOT, doc), "utf8"))) {
        if (isExternal(target)) continue;
        relativeLinks++;
        const path = decodeURIComponent(target.replace(/[#?].*$/, ""));
        const abs = path.startsWith("/") ? join(ROOT, path) : resolve(ROOT, dirname(doc), path);
        const inside = !relative(ROOT, abs).startsWith("..");
        if (!inside || !existsSync(abs)) broken.push(`${doc}:${line}: ${target}${inside ? "" : " (outside the repository)"}`);
        else if (path.endsWith("/") && !statSync(abs).isDirectory()) broken.push(`${doc}:${line}: ${target} (not a directory)`);
      }
    }
    expect(relativeLinks, "README.md links the reference and the result contract").toBeGreaterThanOrEqual(2);
    expect(broken, `broken relative links:\n${broken.join("\n")}`).toEqual([]);
  });
});

describe("repository: the checks' own parsers", () => {
  it.each([
    ["see docs/reference.md §7.", [7]],
    ["(`docs/reference.md` §3)", [3]],
    // Built from parts: this file is tracked too, and has no §12 to cite.
    ["[reference](reference.md) §" + "12 and docs/reference.md §1", [12, 1]],
    ["docs/reference.md, no section", []],
  ])("finds the cited sections in %j", (s, want) => {
    expect(citations(s).map((c) => c.section)).toEqual(want);
  });

  it("finds inline, image and reference-style links, and ignores code", () => {
    const md = [
      "See [the contract](docs/result-contract.md) and ![a](img/x.png \"title\").",
      "[ref]: docs/decisions.md#simulation",
      "`[not](a-link.md)`",
      "```",
      "[nor](this.md)",
      "```",
      "[web](https://example.com) [here](#anchor)",
    ].join("\n");
    const targets = linkTargets(md);
    expect(targets.map((t) => t.target)).toEqual(["docs/result-contract.md", "img/x.png", "https://example.com", "#anchor", "docs/decisions.md#simulation"]);
    expect(targets.filter((t) => !isExternal(t.target)).map((t) => t.line)).toEqual([1, 1, 2]);
  });

  it("the outside-document patterns match the names they are for", () => {
    const names = ["../" + "shared/x.md", "kms" + "-facts §2", "scenario" + "-v1.md", "/wo" + "rk/main"];
    for (const n of names) expect(OUTSIDE_PATTERNS.some((p) => p.test(n)), n).toBe(true);
    expect(OUTSIDE_PATTERNS.some((p) => p.test("docs/reference.md §4"))).toBe(false);
  });
});
