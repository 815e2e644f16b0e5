/**
 * The emulator under hostile input, all at once, bounded in count and time (about 10 s): oversized
 * bodies (10 and 100 MB, chunked and with a Content-Length, ten at a time, three waves), hundreds of idle
 * connections, tens of thousands of unknown operation names, and a sustained overload at 50x the
 * quota of one pool - while a real @aws-sdk/client-kms client keeps doing GenerateDataKey + Decrypt
 * on another key the whole time. The emulator runs in its own process (`spawnEmulator`) so that its
 * memory can be read: RSS is sampled from /proc/<pid>/status (or the stats endpoint elsewhere).
 *
 * Asserted: every good request succeeds (and some completed while each kind of abuse was going on),
 * every oversized body is refused with 413, every idle connection is closed by the server, the
 * unknown names land in one counter, every overload request is answered (nearly all throttled; none
 * left without an answer), and RSS stays within RSS_BOUND_BYTES of the idle emulator's. How promptly
 * is printed, not asserted (timing belongs in `npm run bench:emulator`): the client's slowest wait,
 * and the emulator's own event-loop delay, which tells the emulator's share of it.
 */
import { readFile } from "node:fs/promises";
import { CreateKeyCommand, DecryptCommand, GenerateDataKeyCommand } from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNKNOWN_OPERATION } from "../../src/emulate/EmulatorCounters.js";
import { spawnEmulator, type SpawnedEmulator } from "../../src/emulate/spawnEmulator.js";
import { closed, kmsClient, kmsHeaders, openSocket, streamUpload } from "./support.js";

/** How far the emulator's RSS may rise above its idle RSS during the abuse, bytes. */
const RSS_BOUND_BYTES = 100 * 1024 * 1024;
const MB = 1000 * 1000;
const OVERSIZED = [10 * MB, 10 * MB, 10 * MB, 100 * MB, 100 * MB];
const SILENT_CONNECTIONS = 300;
const IDLE_AFTER_REQUEST = 100;
const UNKNOWN_NAMES = 20_000;
/** The unknown names go pipelined over this many connections, this many requests in flight on each. */
const FLOOD_SOCKETS = 4;
const PIPELINE_WINDOW = 100;
/** The oversized bodies come in waves this far apart, ms, so that the good client runs through them. */
const UPLOAD_WAVES = 3;
const UPLOAD_WAVE_GAP_MS = 700;
const OVERLOAD_CONCURRENCY = 8;
/** A request to the overloaded pool that has no answer within this time counts as unanswered, ms (a liveness bound, not a timing). */
const OVERLOAD_TIMEOUT_MS = 15_000;
/** Quota of the overloaded pool (custom key store 0), req/s; the flood sends far more. */
const OVERLOAD_QUOTA_PER_SEC = 5;

async function rssOf(emu: SpawnedEmulator): Promise<number> {
  try {
    const status = await readFile(`/proc/${emu.pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
    if (kb) return Number(kb[1]) * 1024;
  } catch {
    // not Linux: ask the emulator itself
  }
  return (await emu.stats()).memory.rssBytes;
}

const UNKNOWN_MARK = "x-amzn-errortype: UnknownOperationException\r\n";

/**
 * Send one request per target on one connection, pipelined `window` at a time (HTTP/1.1 lets a
 * client write the next requests before the answers come); resolves with how many answers were
 * 400 UnknownOperationException, counted as they stream back.
 */
async function pipelined(url: string, targets: string[], window: number): Promise<number> {
  const request = (t: string): string => `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: ${t}\r\nContent-Length: 2\r\n\r\n{}`;
  const socket = await openSocket(url);
  return new Promise((resolve, reject) => {
    let seen = 0;
    let sent = 0;
    let carry = "";
    const sendWindow = (): void => {
      const batch = targets.slice(sent, sent + window);
      sent += batch.length;
      if (batch.length) socket.write(batch.map(request).join(""));
    };
    socket.setEncoding("latin1");
    socket.on("data", (d: string) => {
      const text = carry + d;
      for (let at = text.indexOf(UNKNOWN_MARK); at >= 0; at = text.indexOf(UNKNOWN_MARK, at + 1)) seen++;
      carry = text.slice(-(UNKNOWN_MARK.length - 1));
      if (seen === targets.length) {
        socket.destroy();
        resolve(seen);
      } else if (seen === sent) sendWindow();
    });
    socket.on("error", reject);
    socket.on("close", () => resolve(seen));
    sendWindow();
  });
}

/** Run `task` in `n` parallel loops until `stop()` is true; returns the loops' promise. */
function loops(n: number, stop: () => boolean, task: (i: number) => Promise<void>): Promise<void> {
  return Promise.all(
    Array.from({ length: n }, async (_, lane) => {
      for (let i = lane; !stop(); i += n) await task(i);
    }),
  ).then(() => undefined);
}

describe("emulator abuse (child process)", () => {
  let emu: SpawnedEmulator;
  beforeAll(async () => {
    emu = await spawnEmulator({
      quotas: { symmetricPerSec: 1_000_000, customKeyStorePerSec: OVERLOAD_QUOTA_PER_SEC },
      headersTimeoutMs: 2000,
      requestTimeoutMs: 4000,
      idleTimeoutMs: 2000,
    });
  }, 30_000);
  afterAll(async () => {
    await emu?.close();
  });

  it("stays bounded and keeps serving good requests through oversized bodies, idle connections, unknown names and overload", async () => {
    const kms = kmsClient(emu.url);
    const goodKey = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const storeKey = (await kms.send(new CreateKeyCommand({ CustomKeyStoreId: "cks-overloaded" }))).KeyMetadata!.KeyId!;
    // Warm both paths, then take the idle RSS.
    for (let i = 0; i < 50; i++) {
      const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: goodKey, NumberOfBytes: 32 }));
      await kms.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob }));
    }
    await emu.reset();
    const idleRss = await rssOf(emu);
    let peakRss = idleRss;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peakRss = Math.max(peakRss, await rssOf(emu));
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    // The good client, throughout: every call must succeed; completions are timestamped.
    let abuseOver = false;
    const goodDone: number[] = [];
    const goodErrors: string[] = [];
    const good = loops(2, () => abuseOver, async () => {
      try {
        const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: goodKey, NumberOfBytes: 32, EncryptionContext: { t: "good" } }));
        const back = await kms.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob, EncryptionContext: { t: "good" } }));
        if (!Buffer.from(back.Plaintext!).equals(Buffer.from(dk.Plaintext!))) goodErrors.push("plaintext mismatch");
        goodDone.push(Date.now());
      } catch (e) {
        goodErrors.push(`${(e as Error).name}: ${(e as Error).message}`);
      }
    });

    // Sustained overload of the custom key store pool (the good key does not draw from it).
    const overload = { ok: 0, throttled: 0, other: 0, maxMs: 0 };
    const overloadRun = loops(OVERLOAD_CONCURRENCY, () => abuseOver, async () => {
      const t0 = Date.now();
      try {
        const res = await fetch(emu.url, {
          method: "POST",
          headers: kmsHeaders("TrentService.GenerateDataKey"),
          body: JSON.stringify({ KeyId: storeKey, NumberOfBytes: 32 }),
          signal: AbortSignal.timeout(OVERLOAD_TIMEOUT_MS),
        });
        const type = res.headers.get("x-amzn-errortype");
        await res.arrayBuffer();
        if (res.status === 200) overload.ok++;
        else if (res.status === 400 && type === "ThrottlingException") overload.throttled++;
        else overload.other++;
      } catch {
        overload.other++;
      }
      overload.maxMs = Math.max(overload.maxMs, Date.now() - t0);
    });

    const phase = async <T>(name: string, run: () => Promise<T>): Promise<{ name: string; startMs: number; endMs: number; value: T }> => {
      const startMs = Date.now();
      const value = await run();
      return { name, startMs, endMs: Date.now(), value };
    };
    const started = Date.now();
    const [uploads, idle, flood] = await Promise.all([
      phase("oversized bodies", async () => {
        const outcomes = [];
        for (let wave = 0; wave < UPLOAD_WAVES; wave++) {
          if (wave > 0) await new Promise((r) => setTimeout(r, UPLOAD_WAVE_GAP_MS));
          outcomes.push(...(await Promise.all(OVERSIZED.flatMap((n) => [streamUpload(emu.url, n, { chunked: true }), streamUpload(emu.url, n, { chunked: false })]))));
        }
        return outcomes;
      }),
      phase("idle connections", async () => {
        const silent = await Promise.all(Array.from({ length: SILENT_CONNECTIONS }, () => openSocket(emu.url)));
        const request = `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: TrentService.ListKeys\r\nContent-Length: 2\r\n\r\n{}`;
        const used = await Promise.all(Array.from({ length: IDLE_AFTER_REQUEST }, () => openSocket(emu.url, request)));
        return { silent: await Promise.all(silent.map(closed)), used: await Promise.all(used.map(closed)) };
      }),
      phase("unknown operation names", async () => {
        const perSocket = UNKNOWN_NAMES / FLOOD_SOCKETS;
        const counts = await Promise.all(
          Array.from({ length: FLOOD_SOCKETS }, (_, s) => pipelined(emu.url, Array.from({ length: perSocket }, (_, i) => `TrentService.Hostile${s}_${i}_${"x".repeat(i % 200)}`), PIPELINE_WINDOW)),
        );
        return counts.reduce((a, b) => a + b, 0);
      }),
    ]);
    // Keep the overload going a little past the rest, then stop everything.
    await new Promise((r) => setTimeout(r, Math.max(0, 3000 - (Date.now() - started))));
    abuseOver = true;
    await Promise.all([good, overloadRun]);
    const stats = await emu.stats();
    sampling = false;
    await sampler;
    kms.destroy();

    const elapsedSec = (Date.now() - started) / 1000;
    console.log(
      `abuse: ${elapsedSec.toFixed(1)} s; RSS idle ${(idleRss / 2 ** 20).toFixed(0)} MB, peak ${(peakRss / 2 ** 20).toFixed(0)} MB (bound +${RSS_BOUND_BYTES / 2 ** 20} MB); ` +
        `good calls ${goodDone.length}; overload answered ${overload.ok + overload.throttled} (${overload.throttled} throttled, ${((overload.ok + overload.throttled) / elapsedSec / OVERLOAD_QUOTA_PER_SEC).toFixed(0)}x the quota), ` +
        `slowest seen by the client ${overload.maxMs} ms, emulator event-loop delay p99 ${stats.eventLoopDelayMs.p99} ms, max ${stats.eventLoopDelayMs.max} ms; ` +
        `uploads sent before refusal: ${uploads.value.map((u) => (u.sentBytes / MB).toFixed(1)).join(", ")} MB`,
    );

    // Good requests: all succeeded, and some completed inside each abuse phase.
    expect(goodErrors).toEqual([]);
    for (const p of [uploads, idle, flood]) {
      expect(goodDone.filter((t) => t >= p.startMs && t <= p.endMs).length, `good calls during ${p.name}`).toBeGreaterThan(0);
    }
    // Oversized bodies: every one refused with 413 (or cut off), none read to the end.
    for (const u of uploads.value) {
      expect(u.status === 413 || u.status === null).toBe(true);
      expect(u.sentBytes).toBeLessThan(10 * MB);
    }
    expect(stats.rejected.bodyTooLarge).toBe(UPLOAD_WAVES * OVERSIZED.length * 2);
    // Idle connections: the server closed every one (408 for the silent ones, after their 200 for the others).
    expect(idle.value.silent.every((got) => got.startsWith("HTTP/1.1 408"))).toBe(true);
    expect(idle.value.used.every((got) => got.startsWith("HTTP/1.1 200"))).toBe(true);
    // Unknown names: all answered, one counter.
    expect(flood.value).toBe(UNKNOWN_NAMES);
    expect(stats.byOperation[UNKNOWN_OPERATION].requests).toBe(UNKNOWN_NAMES);
    expect(Object.keys(stats.byOperation).sort()).toEqual([UNKNOWN_OPERATION, "Decrypt", "GenerateDataKey", "ListKeys"].sort());
    // Overload: every request answered, nearly all throttled, admitted within quota x time + burst.
    expect(overload.other).toBe(0);
    expect(overload.throttled).toBeGreaterThan(10 * overload.ok);
    expect(overload.ok).toBeLessThanOrEqual(OVERLOAD_QUOTA_PER_SEC * (elapsedSec + 1) + 1);
    // Memory.
    expect(peakRss - idleRss).toBeLessThan(RSS_BOUND_BYTES);
  }, 60_000);
});
