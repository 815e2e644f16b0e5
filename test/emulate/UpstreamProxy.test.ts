import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulate/index.js";

/** A fake upstream that records what it received and answers like moto (Connection: close). */
describe("upstream forwarding (fake upstream, no moto needed)", () => {
  let upstream: http.Server;
  let upstreamUrl: string;
  const seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  let emu: RunningEmulator;

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
        res.writeHead(200, { "content-type": "application/x-amz-json-1.1", "x-upstream": "yes", connection: "close" });
        res.end(JSON.stringify({ Plaintext: "AAAA", KeyId: "k" }));
      });
    });
    await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    emu = await startEmulator({ upstream: upstreamUrl });
  });
  afterAll(async () => {
    await emu.close();
    await new Promise((r) => upstream.close(r));
  });

  it("forwards method, path, headers (Host rewritten) and body; streams the answer back without hop-by-hop headers", async () => {
    const body = JSON.stringify({ NumberOfBytes: 3 });
    const res = await fetch(`${emu.url}/`, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "TrentService.GenerateRandom", authorization: "AWS4-HMAC-SHA256 test", "amz-sdk-request": "attempt=1; max=3" },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-upstream")).toBe("yes");
    expect(res.headers.get("connection")).not.toBe("close");
    expect(await res.json()).toEqual({ Plaintext: "AAAA", KeyId: "k" });
    const got = seen.at(-1)!;
    expect(got).toMatchObject({ method: "POST", url: "/", body });
    expect(got.headers).toMatchObject({
      host: new URL(upstreamUrl).host,
      "x-amz-target": "TrentService.GenerateRandom",
      authorization: "AWS4-HMAC-SHA256 test",
      "amz-sdk-request": "attempt=1; max=3",
      "content-length": String(body.length),
    });
    expect(emu.stats()).toMatchObject({ requests: 1, attempts: { "1": 1 } });
  });

  it("answers Service Quotas itself (never forwarded)", async () => {
    const before = seen.length;
    const res = await fetch(emu.url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "ServiceQuotasV20190624.GetServiceQuota" },
      body: JSON.stringify({ ServiceCode: "kms", QuotaCode: "L-6E3AF000" }),
    });
    expect(res.status).toBe(200);
    expect(seen.length).toBe(before);
  });

  it("an unreachable upstream answers 500 KMSInternalException (JSON)", async () => {
    const dead = await startEmulator({ upstream: "http://127.0.0.1:1" });
    try {
      const res = await fetch(dead.url, { method: "POST", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "TrentService.ListKeys" }, body: "{}" });
      expect(res.status).toBe(500);
      expect(res.headers.get("x-amzn-errortype")).toBe("KMSInternalException");
    } finally {
      await dead.close();
    }
  });
});
