/**
 * Page -> one self-contained HTML document: the chart library, the styles, the chart specs (JSON)
 * and the page script are all inline, and a Content-Security-Policy of `default-src 'none'` tells
 * the browser to fetch nothing, so the file opens the same offline, from a ticket or a mail.
 * Pure: the chart library's text comes in as `ChartAssets` (the CLI reads it from the installed
 * package, see src/cli/commands/reportOutputs.ts). Same page -> same bytes (no clock, no random ids).
 */
import type { ReportTable } from "../reportModel.js";
import { CLIENT_SCRIPT } from "./clientScript.js";
import { escapeHtml, inlineText, jsonForScript } from "./escape.js";
import { chartsOf } from "./sections.js";
import { PAGE_CSS } from "./styles.js";
import type { ChartAssets, ChartSpec, Page, Section, Tone } from "./types.js";

/** Nothing may be fetched: every script and style is inline; the favicon is an empty data URL. */
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

export function renderPage(page: Page, assets: ChartAssets): string {
  if (!page || typeof page !== "object" || !Array.isArray(page.sections)) {
    throw new TypeError(`Expected page to be a Page, got ${page === null ? "null" : typeof page}`);
  }
  if (!assets || typeof assets.script !== "string" || typeof assets.css !== "string") {
    throw new TypeError("Expected assets to hold the chart library's script and css as strings");
  }
  const charts = chartsOf(page.sections);
  const ids = new Set<string>();
  for (const c of charts) {
    if (ids.has(c.id)) throw new TypeError(`Expected unique chart ids, got "${c.id}" twice`);
    ids.add(c.id);
  }
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="generator" content="kmsplan">',
    `<title>${escapeHtml(page.title)}</title>`,
    '<link rel="icon" href="data:,">',
    `<style>${inlineText(assets.css, "style")}</style>`,
    `<style>${inlineText(PAGE_CSS, "style")}</style>`,
    "</head>",
    "<body>",
    "<main>",
    header(page),
    ...page.sections.map((s) => topLevel(s)),
    `<footer class="page">Written by kmsplan. Charts drawn with ${escapeHtml(assets.name)}, inlined: this file loads nothing from the network. Drag across a time chart to zoom, double-click to reset.</footer>`,
    "</main>",
    `<script type="application/json" id="kmsplan-charts">${jsonForScript(charts)}</script>`,
    `<script>${inlineText(assets.script, "script")}</script>`,
    `<script>${inlineText(CLIENT_SCRIPT, "script")}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function header(page: Page): string {
  const facts = page.facts.map(([k, v]) => `<li><span>${escapeHtml(k)}</span>${escapeHtml(v)}</li>`).join("");
  return [
    '<header class="page">',
    `<h1>${escapeHtml(page.title)}</h1>`,
    page.subtitle ? `<p class="subtitle">${escapeHtml(page.subtitle)}</p>` : "",
    facts ? `<ul class="facts">${facts}</ul>` : "",
    page.verdict ? `<div class="verdict tone-${page.verdict.tone}">${escapeHtml(page.verdict.text)}</div>` : "",
    "</header>",
  ].join("");
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "section";
}

function topLevel(s: Section): string {
  if (s.kind !== "group") return `<section class="card">${inner(s)}</section>`;
  const intro = s.intro ? `<p class="intro">${escapeHtml(s.intro)}</p>` : "";
  const body = `${intro}<div class="${s.layout === "grid" ? "grid" : "tables"}">${s.sections.map((x) => inner(x, s.title)).join("\n")}</div>`;
  if (s.collapsed) return `<details class="card" id="${slug(s.title)}"><summary>${escapeHtml(s.title)}</summary>${body}</details>`;
  return `<section class="card" id="${slug(s.title)}"><h2>${escapeHtml(s.title)}</h2>${body}</section>`;
}

/** A section inside a group titled `parentTitle` (a table of the same title repeats no caption). */
function inner(s: Section, parentTitle?: string): string {
  switch (s.kind) {
    case "prose":
      return s.paragraphs.map((p) => (p.includes("\n") ? `<pre class="prose">${escapeHtml(p)}</pre>` : `<p class="prose">${escapeHtml(p)}</p>`)).join("");
    case "list":
      return `<ul class="items${s.tone ? ` tone-${s.tone}` : ""}">${s.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
    case "table":
      return table(s.table, s.note, s.toneOfCell, s.table.title === parentTitle);
    case "chart":
      return chart(s.chart);
    case "group": {
      const body = s.sections.map((x) => inner(x, s.title)).join("\n");
      return `<div class="subgroup">${s.title ? `<h3>${escapeHtml(s.title)}</h3>` : ""}${s.intro ? `<p class="intro">${escapeHtml(s.intro)}</p>` : ""}<div class="${s.layout === "grid" ? "grid" : "tables"}">${body}</div></div>`;
    }
  }
}

function table(t: ReportTable, note: string | undefined, toneOf: ((row: number, col: number) => Tone | undefined) | undefined, untitled: boolean): string {
  const cls = (i: number) => (t.align[i] === "right" ? ' class="num"' : "");
  const head = t.head.map((h, i) => `<th${cls(i)} scope="col">${escapeHtml(h)}</th>`).join("");
  const rows = t.rows
    .map((row, r) => {
      const total = (t.totalRows ?? []).includes(r) ? ' class="total"' : "";
      const cells = row
        .map((c, i) => {
          const tone = toneOf?.(r, i);
          const classes = [t.align[i] === "right" ? "num" : "", tone ? `tone-${tone}` : ""].filter(Boolean).join(" ");
          return `<td${classes ? ` class="${classes}"` : ""}>${escapeHtml(c)}</td>`;
        })
        .join("");
      return `<tr${total}>${cells}</tr>`;
    })
    .join("");
  return `<div class="table-wrap"><table class="report">${untitled ? "" : `<caption>${escapeHtml(t.title)}</caption>`}${head ? `<thead><tr>${head}</tr></thead>` : ""}<tbody>${rows}</tbody></table></div>${note ? `<p class="table-note">${escapeHtml(note)}</p>` : ""}`;
}

function chart(c: ChartSpec): string {
  const marks = c.marks && c.marks.ranges.length > 0 ? `<span class="marks-key" style="background:${escapeHtml(c.marks.color)}"></span>Shaded: ${escapeHtml(c.marks.label)}. ` : "";
  const caption = marks || c.caption ? `<figcaption>${marks}${escapeHtml(c.caption ?? "")}</figcaption>` : "";
  return `<figure class="chart" id="chart-${escapeHtml(c.id)}"><h3>${escapeHtml(c.title)}</h3><div class="plot" data-chart="${escapeHtml(c.id)}" role="img" aria-label="${escapeHtml(c.title)}"></div>${caption}</figure>`;
}
