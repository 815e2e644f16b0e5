/**
 * Entry point of an emulator in its own process (used by `kmsplan rehearse`, so that the emulator's
 * CPU does not distort the latency the SDK measures in the driving process).
 *
 *   node [--import tsx] serve.js '<json>'
 *
 * `<json>` is `ServeOptions`: the EmulatorOptions that survive JSON (scenario included; the
 * non-finite numbers a scenario may hold are written as the strings "Infinity" / "-Infinity", see
 * `encodeServeOptions`). Prints one line `{"url":"http://127.0.0.1:PORT"}` on stdout once
 * listening, and closes on SIGTERM/SIGINT or when stdin ends (so it never outlives its parent).
 */
import { startEmulator } from "./EmulatorServer.js";
import type { EmulatorOptions } from "./types.js";

/** What the child accepts: EmulatorOptions without the clock (a function does not cross a process). */
export type ServeOptions = Omit<EmulatorOptions, "now">;

/** JSON with Infinity kept (a scenario's unbounded cache capacity, default byte limits). */
export function encodeServeOptions(options: ServeOptions): string {
  return JSON.stringify(options, (_k, v: unknown) =>
    typeof v === "number" && !Number.isFinite(v) ? (Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity") : v,
  );
}

export function decodeServeOptions(text: string): ServeOptions {
  const v = JSON.parse(text, (_k, x: unknown) => (x === "Infinity" ? Infinity : x === "-Infinity" ? -Infinity : x === "NaN" ? NaN : x)) as unknown;
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new TypeError(`Expected serve options to be a JSON object, got ${text.slice(0, 80)}`);
  return v as ServeOptions;
}

async function main(): Promise<void> {
  const arg = process.argv[2];
  if (arg === undefined) throw new TypeError("Expected the emulator options as JSON in argv[2]");
  const emu = await startEmulator(decodeServeOptions(arg));
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    void emu.close().finally(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.stdin.on("end", stop);
  process.stdin.on("error", stop);
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ url: emu.url })}\n`);
}

const isEntry = process.argv[1] !== undefined && /serve\.(ts|js)$/.test(process.argv[1]);
if (isEntry) {
  main().catch((e: unknown) => {
    process.stderr.write(`kmsplan emulator child: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
}
