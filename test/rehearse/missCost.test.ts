/**
 * measureMissCost: the real Encryption SDK (caching CMM + KmsKeyringNode) and SDK against the
 * emulator on 127.0.0.1, one operation at a time.
 */
import { describe, expect, it } from "vitest";
import { spawnEmulator } from "../../src/emulate/spawnEmulator.js";
import { measureMissCost } from "../../src/rehearse/missCost.js";
import { makeScenario } from "../fixtures/scenario.js";
import { mix } from "../live/support.js";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };
const cache = { type: "local", maxAgeMs: 5000, maxMessagesEncrypted: 50, maxBytesEncrypted: 2 ** 53 - 1, capacity: 100 } as const;

describe("measureMissCost", () => {
  it("measures a non-negative extra per Encryption SDK label, with a miss, a hit and a direct call per round", async () => {
    const emu = await spawnEmulator({ quotas: { symmetricPerSec: 1_000_000 } });
    try {
      const s = makeScenario({ cache: { ...cache }, traffic: { arrivals: "poisson", shape: [{ atMs: 0, ratePerSec: 10, rampMs: 0 }], mix: [mix("encrypt", 0.6, 2048), mix("decrypt", 0.4)] as never } });
      const rounds = 12;
      const out = await measureMissCost(s, { endpointUrl: emu.url, credentials, rounds });
      expect(Object.keys(out).sort()).toEqual(["decrypt", "encrypt"]);
      for (const v of Object.values(out)) {
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThan(1000);
      }
      const stats = await emu.stats();
      // Per label: set-up (one GenerateDataKey for the message, plus one Decrypt for decrypt's hit
      // entry), then per round a miss (one KMS call) and a direct GenerateDataKey; hits call nothing.
      expect(stats.requests).toBe(1 /* CreateKey */ + (1 + 2 * rounds) + (1 + 1 + 2 * rounds));
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("without a local cache there is nothing to measure and nothing is sent", async () => {
    const s = makeScenario({ traffic: { arrivals: "poisson", shape: [{ atMs: 0, ratePerSec: 10, rampMs: 0 }], mix: [mix("encrypt", 1, 1024)] as never } });
    expect(await measureMissCost(s, { endpointUrl: "http://127.0.0.1:9", credentials })).toEqual({});
  });
});
