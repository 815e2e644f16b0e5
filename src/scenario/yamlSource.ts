/**
 * Scenario text -> parsed YAML document and its plain data, or the problems that stop there: text
 * too large, flow nesting too deep, syntax errors (indentation errors pointing at the line that is
 * wrong, see indentation.ts), duplicate keys, alias bombs, an empty document.
 *
 * Every check here is linear in the text: the YAML parser's slow paths (deep nesting, a mapping
 * with tens of thousands of keys checked for duplicates pairwise, error storms with prettified
 * excerpts) are guarded or avoided, so that a bad document is refused in milliseconds.
 */
import { isScalar, LineCounter, parseDocument, visit, type Document, type YAMLError } from "yaml";
import type { ScenarioProblem } from "../errors.js";
import { indentationProblem } from "./indentation.js";
import { MAX_FLOW_DEPTH, MAX_PROBLEMS, MAX_SCENARIO_BYTES } from "./limits.js";
import type { SourceMap } from "./positions.js";

/** Most alias expansions `toJS` may do (the `yaml` default is 100): guards against alias bombs. */
const MAX_ALIAS_COUNT = 1_000;

/** Parser error codes that come from indentation (yaml's `ErrorCode`). */
const INDENTATION_CODES = new Set(["BAD_INDENT", "TAB_AS_INDENT", "MULTILINE_IMPLICIT_KEY", "BLOCK_AS_IMPLICIT_KEY", "MISSING_CHAR", "UNEXPECTED_TOKEN"]);

export type YamlSource = { ok: true; src: SourceMap; data: unknown } | { ok: false; problems: ScenarioProblem[]; cause?: unknown };

function problem(file: string, line: number | null, col: number | null, message: string): ScenarioProblem {
  return { file, line, col, path: "", message };
}

/** Kibibytes, one decimal: 131072 -> "128 KiB". */
export function formatKiB(bytes: number): string {
  const kib = bytes / 1024;
  return `${Number.isInteger(kib) ? kib : kib.toFixed(1)} KiB`;
}

/**
 * The first `{` or `[` that nests deeper than MAX_FLOW_DEPTH, as a 1-based position, or null. A
 * bracket counts where YAML reads it as a flow collection: inside one, or where a value starts
 * (after a space, `:`, `-`, `?`, `,` or at the start of a line); quotes and comments are skipped.
 */
export function tooDeepAt(text: string): { line: number; col: number } | null {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let quote = "";
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const prev = i === 0 ? "\n" : text[i - 1];
    if (c === "\n") {
      line++;
      lineStart = i + 1;
      comment = false;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (c === quote && !(quote === '"' && prev === "\\")) quote = "";
      continue;
    }
    const valueStart = prev === "\n" || prev === " " || prev === "\t" || prev === ":" || prev === "-" || prev === "?" || prev === ",";
    if (c === "#" && (prev === " " || prev === "\t" || prev === "\n")) comment = true;
    else if ((c === '"' || c === "'") && (valueStart || prev === "[" || prev === "{")) quote = c;
    else if ((c === "{" || c === "[") && (depth > 0 || valueStart)) {
      if (++depth > MAX_FLOW_DEPTH) return { line, col: i - lineStart + 1 };
    } else if ((c === "}" || c === "]") && depth > 0) depth--;
  }
  return null;
}

function located(file: string, lc: LineCounter, e: YAMLError): ScenarioProblem {
  const { line, col } = lc.linePos(e.pos[0]);
  return problem(file, line, col, `YAML syntax error: ${e.message}`);
}

/** Syntax errors, the first MAX_PROBLEMS; an indentation error is moved to the line that is wrong. */
function syntaxProblems(file: string, text: string, lc: LineCounter, errors: readonly YAMLError[]): ScenarioProblem[] {
  const problems = errors.slice(0, MAX_PROBLEMS).map((e) => located(file, lc, e));
  const first = errors.findIndex((e) => INDENTATION_CODES.has(e.code));
  if (first < 0) return problems;
  const errorLine = problems[first]?.line ?? lc.linePos(errors[first].pos[0]).line;
  const blamed = indentationProblem(text, errorLine);
  if (!blamed) return problems;
  // Errors after the blamed line are its consequences.
  const before = problems.filter((p) => (p.line ?? 0) < blamed.line);
  return [...before, problem(file, blamed.line, blamed.col, `YAML indentation: ${blamed.message}`)];
}

/** Keys written twice in one mapping, each at its second occurrence. */
function duplicateKeyProblems(file: string, doc: Document, lc: LineCounter): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const key = String(pair.key.value);
        const at = lc.linePos(pair.key.range[0]);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, at.line);
        else if (out.length < MAX_PROBLEMS) {
          out.push(problem(file, at.line, at.col, `YAML: duplicate key "${key}", already on line ${first}: keys of a mapping must be unique`));
        }
      }
      return undefined;
    },
  });
  return out;
}

/** Parses scenario text; `file` is for messages. */
export function readYaml(text: string, file: string): YamlSource {
  if (text.length > MAX_SCENARIO_BYTES) {
    return { ok: false, problems: [problem(file, null, null, `the scenario is ${formatKiB(text.length)}; a scenario may be at most ${formatKiB(MAX_SCENARIO_BYTES)}`)] };
  }
  const deep = tooDeepAt(text);
  if (deep) {
    return { ok: false, problems: [problem(file, deep.line, deep.col, `YAML: nested deeper than ${MAX_FLOW_DEPTH} levels; a scenario nests about 5`)] };
  }
  const lineCounter = new LineCounter();
  let doc: Document;
  // The parser builds an Error per syntax error, each with a stack trace nobody reads; a document
  // with thousands of errors spent most of its time there.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    doc = parseDocument(text, { lineCounter, logLevel: "error", uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    // The parser recurses per open block; some malformed indentation makes it overflow the stack.
    const blamed = indentationProblem(text, text.split("\n").length);
    const problems = blamed
      ? [problem(file, blamed.line, blamed.col, `YAML indentation: ${blamed.message}`)]
      : [problem(file, null, null, `YAML: the parser gave up (${e instanceof Error ? e.message : String(e)}); check the indentation`)];
    return { ok: false, problems, cause: e };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  if (doc.errors.length) return { ok: false, problems: syntaxProblems(file, text, lineCounter, doc.errors) };
  const duplicates = duplicateKeyProblems(file, doc, lineCounter);
  if (duplicates.length) return { ok: false, problems: duplicates };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, problems: [problem(file, null, null, `YAML: ${message}`)], cause: e };
  }
  if (data === null || data === undefined) {
    return { ok: false, problems: [problem(file, 1, 1, "expected a scenario mapping (version, name, duration, tenants, traffic, ...), got an empty document")] };
  }
  return { ok: true, src: { doc, lineCounter }, data };
}
