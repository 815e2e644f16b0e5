/**
 * `spawnEmulator`: the emulator in a child process (`serve.ts`), so that its CPU (throttle checks,
 * AES-GCM, JSON) is not spent on the event loop of the process whose SDK latency is being measured.
 * From TypeScript source (vitest, tsx) the child runs `node --import tsx serve.ts`; from dist it is
 * plain `node serve.js`. The child dies with its parent: it exits when its stdin closes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { encodeServeOptions, type ServeOptions } from "./serve.js";
import { ADMIN_PREFIX } from "./adminApi.js";
import type { EmulatorStats } from "./types.js";

export interface SpawnedEmulator {
  url: string;
  pid: number;
  /** GET the admin counters. */
  stats(): Promise<EmulatorStats>;
  /** Zero the counters and refill the throttles. */
  reset(): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs` (default 2,000). Safe to call twice. */
  close(graceMs?: number): Promise<void>;
}

/** How long the child may take to print its URL, ms (tsx compiles on the fly: about 1 s on this box). */
const START_TIMEOUT_MS = 20_000;

export async function spawnEmulator(options: ServeOptions): Promise<SpawnedEmulator> {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith(".ts");
  const entry = fileURLToPath(new URL(fromSource ? "./serve.ts" : "./serve.js", import.meta.url));
  const args = [...(fromSource ? ["--import", "tsx"] : []), entry, encodeServeOptions(options)];
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => {
    if (stderr.length < 8192) stderr += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error(`emulator child did not start within ${START_TIMEOUT_MS} ms: ${stderr}`)), START_TIMEOUT_MS);
    const fail = (e: Error): void => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(e);
    };
    const early = (code: number | null): void => fail(new Error(`emulator child exited (code ${code}) before listening: ${stderr}`));
    child.once("error", fail);
    child.once("exit", early);
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      const nl = out.indexOf("\n");
      if (nl < 0) return;
      clearTimeout(timer);
      child.off("exit", early);
      child.off("error", fail);
      try {
        resolve((JSON.parse(out.slice(0, nl)) as { url: string }).url);
      } catch (e) {
        fail(new Error(`emulator child printed ${out.slice(0, nl)}, expected {"url": ...}`, { cause: e }));
      }
    });
  });
  return handle(child, url, exited);
}

function handle(child: ChildProcess, url: string, exited: Promise<void>): SpawnedEmulator {
  let closed: Promise<void> | null = null;
  return {
    url,
    pid: child.pid!,
    async stats() {
      const r = await fetch(`${url}${ADMIN_PREFIX}/stats`);
      return (await r.json()) as EmulatorStats;
    },
    async reset() {
      await fetch(`${url}${ADMIN_PREFIX}/reset`, { method: "POST" });
    },
    close(graceMs = 2000) {
      closed ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      })();
      return closed;
    },
  };
}
