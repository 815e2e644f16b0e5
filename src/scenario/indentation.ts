/**
 * Which line's indentation is wrong, when the YAML parser reports an indentation error.
 *
 * The parser notices a bad indent where the structure breaks, which is often the line after the
 * mistake, and says it in its own terms ("A block sequence may not be used as an implicit map key").
 * This reads the block structure line by line, as a person would: every line must line up with an
 * open level (a sibling, or a dedent to an ancestor), or start a child level after a line that opens
 * one (`key:` or `-`). The first line that does neither is blamed, unless it is the conventional
 * indent (parent + the file's usual step) and the level it meets was the odd one out: then the
 * level's first line is blamed. Lines inside flow collections and block scalars, comments and
 * multi-line plain scalars are skipped. Only used to explain a parser error, never to find one.
 *
 * Worked example (the file indents by 2):
 *   6 traffic:
 *   7    rate: 100      <- blamed: 3 spaces, where `mix` (2) and the file's step say 2
 *   8   mix:           <- where the parser complains ("All mapping items must start at the same column")
 */

export interface IndentationProblem {
  line: number;
  col: number;
  message: string;
}

interface Content {
  line: number;
  indent: number;
  /** The line without indentation and trailing comment. */
  text: string;
}

interface Level {
  indent: number;
  /** First line at this level. */
  line: number;
  /** Latest line at this level. */
  last: number;
  /** Indent of the enclosing level, or -1 at the top. */
  parent: number;
  /** A mapping written after `- ` on a sequence line: its column is fixed by the dash. */
  afterDash?: boolean;
}

/** Removes a trailing comment (` #...` outside quotes). */
function stripComment(s: string): string {
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote && !(quote === '"' && s[i - 1] === "\\")) quote = null;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:,[{-]/.test(s[i - 1])) quote = c;
    } else if (c === "#" && (i === 0 || /\s/.test(s[i - 1]))) {
      return s.slice(0, i).trimEnd();
    }
  }
  return s.trimEnd();
}

/** Net flow-bracket depth change of a line (outside quotes). */
function flowDelta(s: string): number {
  let d = 0;
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote && !(quote === '"' && s[i - 1] === "\\")) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "{" || c === "[") d++;
    else if (c === "}" || c === "]") d--;
  }
  return d;
}

const ENTRY = /^(?:-(?:\s|$)|(?:"[^"]*"|'[^']*'|[^\s#'"{[\]},&*!|>%@`-][^:#]*?|-[^\s][^:#]*?)\s*:(?:\s|$))/;
const BLOCK_SCALAR = /(?:^|[\s:-])[|>][-+0-9]*$/;

/** Content lines up to `lastLine`, skipping flow-collection interiors and block scalars. */
function contentLines(lines: string[], lastLine: number): Content[] | IndentationProblem {
  const out: Content[] = [];
  let flowDepth = 0;
  let scalarIndent = -1;
  for (let n = 1; n <= Math.min(lastLine, lines.length); n++) {
    const raw = lines[n - 1].replace(/\r$/, "");
    const lead = /^[ \t]*/.exec(raw)![0];
    const rest = raw.slice(lead.length);
    if (scalarIndent >= 0) {
      if (rest === "" || lead.replace(/\t/g, " ").length > scalarIndent) continue;
      scalarIndent = -1;
    }
    if (rest === "" || rest.startsWith("#")) continue;
    if (flowDepth > 0) {
      flowDepth = Math.max(0, flowDepth + flowDelta(rest));
      continue;
    }
    const tab = lead.indexOf("\t");
    if (tab >= 0) {
      return { line: n, col: tab + 1, message: "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces" };
    }
    if (rest.startsWith("---") || rest.startsWith("...") || rest.startsWith("%")) continue;
    const text = stripComment(rest);
    out.push({ line: n, indent: lead.length, text });
    flowDepth = Math.max(0, flowDelta(text));
    if (BLOCK_SCALAR.test(text)) scalarIndent = lead.length;
  }
  return out;
}

/** True when a line opens a child level: `key:`, `-`, or a key whose value is only an anchor or tag. */
function opensLevel(text: string): boolean {
  return /(?:^|\s|:)-$/.test(text) || text === "-" || /:$/.test(text) || /:\s+(?:[&!][^\s]*\s*)+$/.test(text);
}

/**
 * Levels opened inside a sequence line: each further `- ` (a compact nested list) and a mapping
 * written after the dashes. Example: "    - - a: 1" -> columns 6 (the inner list) and 8 (the mapping).
 */
function innerLevels(c: Content): number[] {
  const m = /^(-\s+)+/.exec(c.text);
  if (!m) return [];
  const out: number[] = [];
  for (let col = c.indent, d = /-\s+/y; ; ) {
    d.lastIndex = col - c.indent;
    const dash = d.exec(c.text);
    if (!dash) break;
    col += dash[0].length;
    if (col - c.indent < m[0].length && c.text[col - c.indent] === "-") out.push(col);
  }
  if (ENTRY.test(c.text.slice(m[0].length))) out.push(c.indent + m[0].length);
  return out;
}

function mostCommonStep(steps: number[]): number {
  const counts = new Map<number, number>();
  for (const s of steps) counts.set(s, (counts.get(s) ?? 0) + 1);
  let best = 2;
  let bestCount = 0;
  for (const [s, n] of counts) if (n > bestCount || (n === bestCount && s < best)) [best, bestCount] = [s, n];
  return best;
}

function spaces(n: number): string {
  return n === 1 ? "1 space" : `${n} spaces`;
}

/**
 * The line the user most likely got wrong, at or before the line after `errorLine` (1-based; the
 * parser sometimes complains about the line whose indentation the next one contradicts), or null
 * when the indentation up to there is consistent (then the parser's own message stands).
 */
export function indentationProblem(text: string, errorLine: number): IndentationProblem | null {
  const lines = text.split("\n");
  const content = contentLines(lines, errorLine + 1);
  if (!Array.isArray(content)) return content;
  const stack: Level[] = [];
  const steps: number[] = [];
  let opens = true;
  const verdicts: { at: Content; level: Level; top: Level | null }[] = [];
  for (const c of content) {
    const top = stack[stack.length - 1];
    if (!top) {
      stack.push({ indent: c.indent, line: c.line, last: c.line, parent: -1 });
    } else if (c.indent > top.indent) {
      if (opens) {
        steps.push(c.indent - top.indent);
        stack.push({ indent: c.indent, line: c.line, last: c.line, parent: top.indent });
      } else if (ENTRY.test(c.text)) {
        verdicts.push({ at: c, level: top, top });
        break;
      } else {
        continue; // a multi-line plain scalar
      }
    } else {
      let popped: Level | null = null;
      while (stack.length > 1 && stack[stack.length - 1].indent > c.indent) popped = stack.pop()!;
      if (stack[stack.length - 1].indent !== c.indent) {
        verdicts.push({ at: c, level: popped ?? stack[stack.length - 1], top: stack[stack.length - 1] });
        break;
      }
      stack[stack.length - 1].last = c.line;
    }
    for (const inner of innerLevels(c)) stack.push({ indent: inner, line: c.line, last: c.line, parent: c.indent, afterDash: true });
    opens = opensLevel(c.text);
  }
  if (verdicts.length === 0) return null;
  return explain(verdicts[0], fileStep(lines) ?? mostCommonStep(steps), content);
}

/** The file's usual indentation step: the most common indent of a line after one that opens a level, or null. */
function fileStep(lines: string[]): number | null {
  const all = contentLines(lines, lines.length);
  if (!Array.isArray(all)) return null;
  const steps: number[] = [];
  for (let i = 1; i < all.length; i++) if (opensLevel(all[i - 1].text) && all[i].indent > all[i - 1].indent) steps.push(all[i].indent - all[i - 1].indent);
  return steps.length ? mostCommonStep(steps) : null;
}

function explain(v: { at: Content; level: Level; top: Level | null }, step: number, content: Content[]): IndentationProblem {
  const { at, level } = v;
  const expected = level.parent + step;
  if (level.parent >= 0 && !level.afterDash && at.indent === expected && level.indent !== expected) {
    const first = content.find((c) => c.line === level.line)!;
    return {
      line: first.line,
      col: 1,
      message:
        `this line is indented ${spaces(level.indent)}, but line ${at.line} at the same level is indented ${spaces(at.indent)} ` +
        `(this file indents by ${step}): entries of one mapping or list must line up; indent this one ${spaces(expected)}`,
    };
  }
  const above = level.last === at.line ? null : level;
  const lineUp = above ? `the entries above it (line ${above.last}) are at ${above.indent}` : `the line above is at ${v.top?.indent ?? 0}`;
  return {
    line: at.line,
    col: 1,
    message: `this line is indented ${spaces(at.indent)}, but ${lineUp}: entries of one mapping or list must line up; indent it like one of the lines above it`,
  };
}
