/** Shared helpers of the emulator tests: SDK clients pointed at an emulator, dummy credentials, raw HTTP. */
import http from "node:http";
import net from "node:net";
import { KMSClient, type KMSClientConfig } from "@aws-sdk/client-kms";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";

export const credentials = { accessKeyId: "test", secretAccessKey: "test" };

export function kmsClient(endpoint: string, extra: Partial<KMSClientConfig> = {}): KMSClient {
  return new KMSClient({ endpoint, region: "us-east-1", credentials, ...extra });
}

/** 3 attempts, 10 ms between them: retries classified as the SDK does, without 1-2 s backoffs. */
export function fastRetries(maxAttempts = 3): ConfiguredRetryStrategy {
  return new ConfiguredRetryStrategy(maxAttempts, () => 10);
}

/** A clock the test moves by hand. */
export function manualClock(startMs = 0): { now: () => number; advance(ms: number): void } {
  let t = startMs;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

/** The JSON 1.1 headers of a KMS call to `operation` (any X-Amz-Target text). */
export function kmsHeaders(target: string): Record<string, string> {
  return { "content-type": "application/x-amz-json-1.1", "x-amz-target": target };
}

export interface RawAnswer {
  status: number;
  errorType: string | null;
  connection: string | null;
  body: string;
}

/** One raw HTTP request (fetch would add a content type of its own); the answer with its body as text. */
export async function rawRequest(url: string, init: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<RawAnswer> {
  const res = await fetch(`${url}${init.path ?? "/"}`, { method: init.method ?? "POST", headers: init.headers ?? {}, body: init.body });
  return { status: res.status, errorType: res.headers.get("x-amzn-errortype"), connection: res.headers.get("connection"), body: await res.text() };
}

export interface UploadOutcome {
  /** HTTP status of the answer, or null when the connection closed before one was read. */
  status: number | null;
  errorType: string | null;
  /** Bytes the client managed to hand to its socket before the answer or the close. */
  sentBytes: number;
}

/**
 * Stream `totalBytes` of body to the emulator in 64 KiB chunks, chunked or with a Content-Length,
 * without ever holding more than one chunk. Resolves with the answer, or how the connection ended.
 */
export function streamUpload(url: string, totalBytes: number, opts: { chunked: boolean; expectContinue?: boolean; target?: string }): Promise<UploadOutcome> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const headers: Record<string, string> = kmsHeaders(opts.target ?? "TrentService.Encrypt");
    if (!opts.chunked) headers["content-length"] = String(totalBytes);
    if (opts.expectContinue) headers.expect = "100-continue";
    let sentBytes = 0;
    let done = false;
    const finish = (o: Omit<UploadOutcome, "sentBytes">): void => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ ...o, sentBytes });
    };
    const req = http.request({ host: "127.0.0.1", port: Number(port), method: "POST", path: "/", headers, agent: false });
    req.on("response", (res) => {
      res.resume();
      finish({ status: res.statusCode ?? null, errorType: (res.headers["x-amzn-errortype"] as string | undefined) ?? null });
    });
    req.on("error", () => finish({ status: null, errorType: null }));
    req.on("close", () => finish({ status: null, errorType: null }));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = (): void => {
      while (!done && sentBytes < totalBytes) {
        const n = Math.min(chunk.length, totalBytes - sentBytes);
        sentBytes += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once("drain", pump);
      }
      if (!done) req.end();
    };
    if (opts.expectContinue) req.once("continue", pump);
    else pump();
  });
}

/** Open a TCP connection and send `text` (or nothing); resolves once connected. */
export function openSocket(url: string, text?: string): Promise<net.Socket> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(port), "127.0.0.1", () => {
      if (text) s.write(text);
      resolve(s);
    });
    s.once("error", reject);
  });
}

/** Resolves when `socket` is closed (by either side); with everything it received. */
export function closed(socket: net.Socket): Promise<string> {
  return new Promise((resolve) => {
    let got = "";
    socket.on("data", (d: Buffer) => {
      if (got.length < 4096) got += d.toString("latin1");
    });
    socket.on("error", () => {});
    if (socket.destroyed) resolve(got);
    else socket.once("close", () => resolve(got));
  });
}
