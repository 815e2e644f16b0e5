/**
 * Starts one moto_server on 127.0.0.1 (free port) for the whole run and provides its URL to tests
 * as `inject("motoEndpoint")`; "" when moto_server is not installed (with the reason in
 * `inject("motoMissing")`). Tests that need moto use `describeMoto` from test/support/moto.ts:
 * skipped (reported as skipped) locally, failed under CI=true.
 * Likewise one headless chromium (test/support/chromium.ts) for the browser tests:
 * `inject("browserEndpoint")` / `inject("browserMissing")`, used by `describeBrowser`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import type { TestProject } from "vitest/node";
import { CHROMIUM_PATH, chromiumMissing, startChromium, type StartedChromium } from "./support/chromium.js";

declare module "vitest" {
  interface ProvidedContext {
    motoEndpoint: string;
    motoMissing: string;
    browserEndpoint: string;
    browserMissing: string;
  }
}

/** Starts chromium if installed; provides its endpoint (or why it is missing); returns its stop. */
async function setupBrowser(project: TestProject): Promise<() => Promise<void>> {
  const missing = chromiumMissing();
  if (missing) {
    project.provide("browserEndpoint", "");
    project.provide("browserMissing", missing);
    return async () => {};
  }
  let started: StartedChromium;
  try {
    started = await startChromium();
  } catch (e) {
    project.provide("browserEndpoint", "");
    project.provide("browserMissing", `chromium at ${CHROMIUM_PATH} did not start: ${(e as Error).message}`);
    return async () => {};
  }
  project.provide("browserEndpoint", started.wsEndpoint);
  project.provide("browserMissing", "");
  return started.stop;
}

let moto: ChildProcess | undefined;

function startMoto(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", "0"], { stdio: ["ignore", "ignore", "pipe"] });
    moto = child;
    let buf = "";
    const timer = setTimeout(() => reject(new Error("moto_server did not report its port within 15 s")), 15_000);
    child.on("error", (e) => { clearTimeout(timer); reject(e); });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`moto_server exited with ${code}: ${buf.slice(-500)}`)); });
    child.stderr!.on("data", (d: Buffer) => {
      buf += d.toString();
      const m = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        buf = "";
        resolve(`http://127.0.0.1:${m[1]}`);
      }
      if (buf.length > 100_000) buf = buf.slice(-10_000); // keep draining, bounded
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stopBrowser = await setupBrowser(project);
  let stopMoto: () => Promise<void>;
  try {
    stopMoto = await setupMoto(project);
  } catch (e) {
    await stopBrowser();
    throw e;
  }
  return async () => {
    await Promise.all([stopMoto(), stopBrowser()]);
  };
}

async function setupMoto(project: TestProject): Promise<() => Promise<void>> {
  const found = spawnSync("sh", ["-c", "command -v moto_server"], { encoding: "utf8" });
  if (found.status !== 0) {
    project.provide("motoEndpoint", "");
    project.provide("motoMissing", "moto_server is not installed (pip install 'moto[server]'); moto-backed tests need it");
    return async () => {};
  }
  const url = await startMoto();
  project.provide("motoEndpoint", url);
  project.provide("motoMissing", "");
  return async () => {
    const child = moto;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.removeAllListeners("exit");
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => { child.kill("SIGKILL"); resolve(); }, 5000).unref();
    });
  };
}
