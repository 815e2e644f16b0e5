/**
 * The few ANSI styles the terminal reports use. Styling is explicit (an `enabled` flag) rather than
 * detected from the terminal, so library output never depends on the process it runs in.
 */

/** SGR codes: [on, off]. */
const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

export type AnsiStyle = keyof typeof CODES;

/** Wraps `text` in the given styles when `enabled`; returns it unchanged otherwise. */
export function paint(text: string, enabled: boolean, ...styles: AnsiStyle[]): string {
  if (!enabled || styles.length === 0 || text.length === 0) return text;
  let out = text;
  for (const s of styles) out = `\u001b[${CODES[s][0]}m${out}\u001b[${CODES[s][1]}m`;
  return out;
}

/** Removes ANSI escape sequences (for width calculations and tests). */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}
