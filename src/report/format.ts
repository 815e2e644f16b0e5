/**
 * Number formatting for humans, shared by every report. Pure and locale-independent (always
 * `1,234,567`, never the host locale), so reports are byte-for-byte reproducible.
 *
 * Worked examples: formatCount(1234567.4) = "1,234,567"; formatPct(0.0321) = "3.2%";
 * formatPct(0.000185) = "0.019%"; formatMs(12.34) = "12.3 ms"; formatUsd(1234.561) = "$1,234.56".
 */

/** Shown for a value that is missing or not a finite number. */
export const NOT_AVAILABLE = "n/a";

function isNumber(n: unknown): n is number {
  return typeof n === "number" && Number.isFinite(n);
}

/** Inserts thousands separators into the integer part of a plain decimal string ("-1234.5" -> "-1,234.5"). */
export function groupThousands(decimal: string): string {
  const negative = decimal.startsWith("-");
  const body = negative ? decimal.slice(1) : decimal;
  const [intPart, frac] = body.split(".");
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = negative && /[1-9]/.test(body) ? "-" : "";
  return sign + (frac !== undefined ? `${grouped}.${frac}` : grouped);
}

/** A count, rounded to an integer, with thousands separators: 1234567 -> "1,234,567". */
export function formatCount(n: number | undefined): string {
  if (!isNumber(n)) return NOT_AVAILABLE;
  return groupThousands(Math.round(n).toFixed(0));
}

/** A plain number with `digits` decimals and thousands separators: (1234.5, 1) -> "1,234.5". */
export function formatNumber(n: number | undefined, digits = 1): string {
  if (!isNumber(n)) return NOT_AVAILABLE;
  return groupThousands(n.toFixed(digits));
}

/**
 * A fraction (0..1) as a percentage: one decimal from 1% up ("3.2%", "100.0%"), two significant
 * digits below ("0.019%"), "<0.001%" for tiny non-zero values, "0%" for zero.
 */
export function formatPct(fraction: number | undefined): string {
  if (!isNumber(fraction)) return NOT_AVAILABLE;
  const pct = fraction * 100;
  if (pct === 0) return "0%";
  const mag = Math.abs(pct);
  if (mag >= 1) return `${groupThousands(pct.toFixed(1))}%`;
  if (mag < 0.001) return `${pct < 0 ? "-" : ""}<0.001%`;
  // Two significant digits, rounding half up on the decimal value (0.0185 -> 0.019, not the
  // binary 0.018499... -> 0.018).
  const decimals = 1 - Math.floor(Math.log10(mag));
  const scaled = Math.round(Number((mag * 10 ** decimals).toPrecision(12)));
  return `${pct < 0 ? "-" : ""}${(scaled / 10 ** decimals).toFixed(decimals).replace(/0+$/, "").replace(/\.$/, "")}%`;
}

/**
 * A latency in milliseconds: "0 ms" for zero, two decimals below 1 ms ("0.42 ms"), one below 1 s ("12.3 ms"),
 * whole milliseconds above ("1,890 ms").
 */
export function formatMs(ms: number | undefined): string {
  if (!isNumber(ms)) return NOT_AVAILABLE;
  if (ms === 0) return "0 ms";
  const mag = Math.abs(ms);
  const digits = mag < 1 ? 2 : mag < 1000 ? 1 : 0;
  return `${groupThousands(ms.toFixed(digits))} ms`;
}

/** US dollars with cents: 1234.561 -> "$1,234.56", -3 -> "-$3.00". */
export function formatUsd(usd: number | undefined): string {
  if (!isNumber(usd)) return NOT_AVAILABLE;
  const text = groupThousands(Math.abs(usd).toFixed(2));
  return usd < 0 && text !== "0.00" ? `-$${text}` : `$${text}`;
}

/** A rate per second: one decimal below 10 ("2.5"), whole numbers above ("9,300"). */
export function formatPerSec(perSec: number | undefined): string {
  if (!isNumber(perSec)) return NOT_AVAILABLE;
  return Math.abs(perSec) < 10 ? formatNumber(perSec, 1) : formatCount(perSec);
}

/** Seconds of simulated or measured time: 600 -> "600 s (10 min)", 42.5 -> "42.5 s". */
export function formatSeconds(seconds: number | undefined): string {
  if (!isNumber(seconds)) return NOT_AVAILABLE;
  const s = Number.isInteger(seconds) ? formatCount(seconds) : formatNumber(seconds, 1);
  if (seconds >= 3600) return `${s} s (${formatNumber(seconds / 3600, 1).replace(/\.0$/, "")} h)`;
  if (seconds >= 60) return `${s} s (${formatNumber(seconds / 60, 1).replace(/\.0$/, "")} min)`;
  return `${s} s`;
}

/** A signed difference with an explicit "+" for positive values, using `format` for the magnitude. */
export function formatSigned(n: number | undefined, format: (v: number) => string): string {
  if (!isNumber(n)) return NOT_AVAILABLE;
  if (n === 0) return format(0);
  return n > 0 ? `+${format(n)}` : `-${format(-n)}`;
}

/** Greedy word wrap of one paragraph to `width` columns; continuation lines get `indent`. */
export function wrapText(text: string, width: number, indent = ""): string {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const prefix = lines.length === 0 ? "" : indent;
    if (line && prefix.length + line.length + 1 + word.length > width) {
      lines.push(prefix + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line || lines.length === 0) lines.push((lines.length === 0 ? "" : indent) + line);
  return lines.join("\n");
}
