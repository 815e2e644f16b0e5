/**
 * Starts Debian's chromium headless for the browser tests, the way globalSetup starts
 * moto_server: one process for the whole run, on 127.0.0.1 (remote debugging, free port), with a
 * fresh profile, nothing downloaded. Tests attach with playwright-core's `connectOverCDP`.
 * The flags keep it from calling home: no background networking, component updates, sync, QUIC
 * or first-run work.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Debian's package puts it here (`apt-get install chromium`); KMSPLAN_CHROMIUM names another build of it. */
export const CHROMIUM_PATH = process.env.KMSPLAN_CHROMIUM || "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  "--remote-debugging-address=127.0.0.1",
  "--remote-debugging-port=0",
];

export interface StartedChromium {
  /** ws://127.0.0.1:PORT/devtools/browser/ID */
  wsEndpoint: string;
  stop: () => Promise<void>;
}

/** Why the browser tests cannot run, or "" when chromium is installed. */
export function chromiumMissing(): string {
  return existsSync(CHROMIUM_PATH) ? "" : `chromium is not installed at ${CHROMIUM_PATH} (apt-get install -y chromium, or set KMSPLAN_CHROMIUM); the browser tests need it`;
}

export async function startChromium(timeoutMs = 30_000): Promise<StartedChromium> {
  const profile = await mkdtemp(join(tmpdir(), "kmsplan-chromium-"));
  const child: ChildProcess = spawn(CHROMIUM_PATH, [...CHROMIUM_ARGS, `--user-data-dir=${profile}`, "about:blank"], { stdio: ["ignore", "ignore", "pipe"] });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => { child.kill("SIGKILL"); resolve(); }, 5000).unref();
      });
    }
    await rm(profile, { recursive: true, force: true });
  };
  try {
    const wsEndpoint = await new Promise<string>((resolve, reject) => {
      let buf = "";
      const timer = setTimeout(() => reject(new Error(`chromium did not report its DevTools endpoint within ${timeoutMs / 1000} s: ${buf.slice(-500)}`)), timeoutMs);
      child.on("error", (e) => { clearTimeout(timer); reject(e); });
      child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`chromium exited with ${code}: ${buf.slice(-500)}`)); });
      child.stderr!.on("data", (d: Buffer) => {
        buf += d.toString();
        const m = /DevTools listening on (ws:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(buf);
        if (m) {
          clearTimeout(timer);
          buf = "";
          resolve(m[1]);
        }
        if (buf.length > 100_000) buf = buf.slice(-10_000);
      });
    });
    return { wsEndpoint, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
