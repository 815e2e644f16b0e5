/** Escaping for the two places text enters the page: HTML text/attributes and inline JSON. */

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text or attribute value -> HTML that shows exactly that text. */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * A value as JSON that is safe inside `<script type="application/json">`: `<` is written as
 * `\u003c` so no string can close the script element, and U+2028/U+2029 are escaped too.
 * `JSON.parse` in the page reads back the same value.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * Inline script or stylesheet text made safe inside its element: a literal `</script` or
 * `</style` would end the element early, so its `<` is escaped as `<\/` (harmless in JS strings,
 * regexes and comments, where such text can appear in a library).
 */
export function inlineText(text: string, element: "script" | "style"): string {
  return text.replace(new RegExp(`</(${element})`, "gi"), "<\\/$1");
}
