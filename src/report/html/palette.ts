/**
 * Colours of the report, chosen to stay apart for colour-blind readers and in greyscale print
 * (Okabe-Ito hues, darkened where they sit on white). Semantic names for the pool chart; a cycle
 * for series that are only told apart (operations, variants).
 */
export const COLORS = {
  demand: "#1f5fbf",
  minuteAverage: "#e07b00",
  quota: "#b3261e",
  throttled: "#d1495b",
  throttledBand: "rgba(209, 73, 91, 0.16)",
  retries: "#7b3fa0",
  failed: "#222222",
  hitRate: "#1e7b34",
  misses: "#e07b00",
  predicted: "#1f5fbf",
  measured: "#e07b00",
  keys: "#7b3fa0",
  rotation: "#c38bd9",
  requests: "#1f5fbf",
  endOfRun: "#222222",
} as const;

const CYCLE = ["#1f5fbf", "#e07b00", "#1e7b34", "#b3261e", "#7b3fa0", "#0096c7", "#8a6d00", "#5b6475"];

/** The i-th colour of the cycle (wraps). */
export function cycleColor(i: number): string {
  return CYCLE[((i % CYCLE.length) + CYCLE.length) % CYCLE.length];
}
