/** The emulator in a child process (what `rehearse` uses): options across the process boundary, start, counters, kill. */
import { describe, expect, it } from "vitest";
import { decodeServeOptions, encodeServeOptions } from "../../src/emulate/serve.js";
import { spawnEmulator } from "../../src/emulate/spawnEmulator.js";
import { makeScenario } from "../fixtures/scenario.js";

describe("serve options", () => {
  it("round-trip a scenario with Infinity (unbounded cache capacity) through JSON", () => {
    const scenario = makeScenario({ cache: { type: "local", maxAgeMs: 1000, maxMessagesEncrypted: 10, maxBytesEncrypted: 1e9, capacity: Infinity } });
    const back = decodeServeOptions(encodeServeOptions({ scenario, latency: { p50Ms: 1, p99Ms: 2 } }));
    expect(back.scenario).toEqual(scenario);
    expect(back.latency).toEqual({ p50Ms: 1, p99Ms: 2 });
  });

  it("rejects what is not a JSON object", () => {
    expect(() => decodeServeOptions("[1]")).toThrow(TypeError);
  });
});

describe("spawnEmulator", () => {
  it("starts a child that enforces the quota, answers the admin API, and is gone after close", async () => {
    const emu = await spawnEmulator({ quotas: { symmetricPerSec: 7 } });
    try {
      expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const stats = await emu.stats();
      expect(stats.pools.find((p) => p.pool === "symmetric")?.quotaPerSec).toBe(7);
    } finally {
      await emu.close();
    }
    expect(() => process.kill(emu.pid, 0)).toThrow(); // no such process
    await emu.close(); // a second close is harmless
  }, 30_000);
});
