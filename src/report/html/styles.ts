/**
 * The page's stylesheet: a light, dense layout for laptops (one column up to 1,180 px, chart
 * grids of two columns from 1,000 px) and a print layout (A4, no shadows, charts scaled to the
 * column, sections kept whole where they fit).
 */
export const PAGE_CSS = String.raw`
:root {
  --ink: #1d2330; --muted: #5b6475; --line: #dde1e8; --card: #fff; --bg: #f4f6f9;
  --warn: #9a5b00; --warn-bg: #fff6e5; --bad: #b3261e; --bad-bg: #fdecea; --ok: #1e7b34; --ok-bg: #e8f5ec;
  --info-bg: #eef3fb; --accent: #1f5fbf;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
}
main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 40px; }
header.page { margin-bottom: 14px; }
header.page h1 { font-size: 22px; margin: 0 0 2px; letter-spacing: -0.01em; }
header.page .subtitle { color: var(--muted); margin: 0 0 8px; }
.facts { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0 0; padding: 0; list-style: none; }
.facts li { background: var(--card); border: 1px solid var(--line); border-radius: 4px; padding: 2px 8px; font-size: 13px; }
.facts li span { color: var(--muted); margin-right: 4px; }
.verdict { margin: 12px 0 0; padding: 10px 14px; border-radius: 6px; font-weight: 600; }
.tone-ok { background: var(--ok-bg); color: var(--ok); }
.tone-bad { background: var(--bad-bg); color: var(--bad); }
.tone-warning { background: var(--warn-bg); color: var(--warn); }
.tone-info { background: var(--info-bg); color: var(--ink); }
section.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px 16px; margin: 14px 0; }
section.card > h2, details.card > summary { font-size: 16px; margin: 0 0 10px; font-weight: 650; }
details.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 18px; margin: 14px 0; }
details.card > summary { cursor: pointer; margin: 0; }
details.card[open] > summary { margin-bottom: 10px; }
.intro { color: var(--muted); margin: -4px 0 10px; }
.grid { display: grid; grid-template-columns: 1fr; gap: 14px 22px; }
@media (min-width: 1000px) { .grid { grid-template-columns: 1fr 1fr; } }
figure.chart { margin: 0 0 12px; min-width: 0; }
figure.chart:last-child { margin-bottom: 0; }
figure.chart h3 { font-size: 14px; margin: 0 0 4px; font-weight: 600; }
figure.chart figcaption { color: var(--muted); font-size: 13px; margin-top: 2px; }
.marks-key { display: inline-block; width: 12px; height: 10px; vertical-align: -1px; margin-right: 4px; border-radius: 2px; }
.plot { width: 100%; min-height: 260px; }
.uplot { font-family: inherit; }
.uplot .u-legend { font-size: 12px; text-align: left; margin-top: 2px; }
.uplot .u-legend .u-marker { width: 12px; height: 3px; }
.uplot .u-legend .u-value { color: var(--muted); }
.uplot .u-legend tr.u-series:first-child { display: none; }
.uplot .u-legend.u-inline .u-series th::after { content: ""; }
.uplot .u-legend.u-inline .u-series td.u-value { padding-left: 4px; }
.table-wrap { overflow-x: auto; }
table.report { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
table.report caption { text-align: left; font-weight: 600; padding: 0 0 6px; font-size: 14px; }
table.report th, table.report td { padding: 4px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
table.report th { background: #f7f8fa; font-weight: 600; color: #333; }
table.report td.num, table.report th.num { text-align: right; }
table.report tr.total td { font-weight: 650; }
table.report td.tone-ok, table.report td.tone-bad, table.report td.tone-warning { font-weight: 650; }
.table-note { color: var(--muted); font-size: 12px; margin: 4px 0 0; }
.tables > * + * { margin-top: 14px; }
ul.items { margin: 0; padding-left: 20px; }
ul.items li { margin: 3px 0; }
ul.items.tone-warning, ul.items.tone-info, ul.items.tone-bad, ul.items.tone-ok { padding: 10px 14px 10px 30px; border-radius: 6px; font-weight: 400; }
ul.items.tone-warning { color: #5a3b00; }
p.prose { margin: 0 0 8px; }
pre.prose { margin: 0 0 8px; white-space: pre-wrap; font-size: 12.5px; }
footer.page { color: var(--muted); font-size: 12px; margin-top: 20px; }

@media print {
  @page { size: A4; margin: 12mm; }
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  section.card, details.card { border: none; border-radius: 0; padding: 0; margin: 0 0 12pt; }
  section.card > h2, details.card > summary { border-bottom: 1px solid #999; padding-bottom: 2pt; }
  details.card > summary { list-style: none; }
  details.card > summary::-webkit-details-marker { display: none; }
  .grid { grid-template-columns: 1fr 1fr; }
  figure.chart, .table-wrap, ul.items { break-inside: avoid; }
  section.card > h2 { break-after: avoid; }
  .uplot, .uplot .u-wrap { width: 100% !important; height: auto !important; }
  .uplot .u-wrap canvas { position: static; width: 100% !important; height: auto !important; }
  .uplot .u-over, .uplot .u-under, .uplot .u-cursor-x, .uplot .u-cursor-y, .uplot .u-cursor-pt, .uplot .u-select { display: none !important; }
  .uplot .u-legend .u-value { display: none; }
  .plot { min-height: 0; }
  .table-wrap { overflow: visible; }
  table.report { font-size: 9pt; }
  table.report th, table.report td { padding: 2pt 4pt; white-space: normal; }
  .facts li { border-color: #bbb; }
}
`;
