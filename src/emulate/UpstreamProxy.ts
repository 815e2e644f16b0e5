/**
 * Upstream mode: an accepted KMS request is forwarded to a KMS-compatible endpoint (moto_server)
 * with the same method, path, headers (Host rewritten) and body, and the answer is streamed back
 * unchanged except for hop-by-hop headers (RFC 9110 §7.6.1: Connection, Keep-Alive, ...), which a
 * proxy must not forward: moto answers `Connection: close`, and passing it on would close the
 * client's keep-alive connection. Toward moto a keep-alive agent is used anyway.
 *
 * CreateKey / DescribeKey answers are read whole to learn each key's spec (for pool selection);
 * CreateAlias requests teach alias -> key. Everything else is piped.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { LearnedKeys } from "./LearnedKeys.js";
import { KmsError, sendError } from "./wire.js";

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer", "host", "content-length"]);

function filterRaw(raw: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (!HOP_BY_HOP.has(raw[i].toLowerCase())) out.push(raw[i], raw[i + 1]);
  return out;
}

export class UpstreamProxy {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  private readonly hostname: string;
  private readonly port: number;
  private readonly hostHeader: string;

  constructor(
    upstream: string,
    private readonly learned: LearnedKeys,
  ) {
    const url = new URL(upstream);
    if (url.protocol !== "http:") throw new TypeError(`Expected upstream to be an http:// URL, got ${upstream}`);
    this.hostname = url.hostname;
    this.port = Number(url.port || 80);
    this.hostHeader = url.host;
  }

  forward(req: IncomingMessage, body: Buffer, op: string, res: ServerResponse): void {
    const headers = filterRaw(req.rawHeaders);
    headers.push("Host", this.hostHeader, "Content-Length", String(body.length));
    const out = http.request(
      { hostname: this.hostname, port: this.port, method: req.method, path: req.url, headers, agent: this.agent },
      (up) => this.answer(op, body, up, res),
    );
    out.on("error", (e: NodeJS.ErrnoException) => {
      if (!res.headersSent) sendError(res, new KmsError("KMSInternalException", `kmsplan emulator: upstream failed (${e.code ?? e.message})`, 500));
      else res.destroy(e);
    });
    out.end(body);
  }

  private answer(op: string, body: Buffer, up: IncomingMessage, res: ServerResponse): void {
    const status = up.statusCode ?? 502;
    const headers = filterRaw(up.rawHeaders);
    const learnFromAnswer = status === 200 && (op === "CreateKey" || op === "DescribeKey");
    if (status === 200 && op === "CreateAlias") this.learnAlias(body);
    if (!learnFromAnswer) {
      const length = up.headers["content-length"];
      if (length !== undefined) headers.push("Content-Length", length);
      res.writeHead(status, headers);
      up.pipe(res);
      return;
    }
    const chunks: Buffer[] = [];
    up.on("data", (c: Buffer) => chunks.push(c));
    up.on("end", () => {
      const answer = Buffer.concat(chunks);
      try {
        this.learned.learnMetadata((JSON.parse(answer.toString("utf8")) as { KeyMetadata?: unknown }).KeyMetadata);
      } catch {
        // not JSON: pass it on unchanged
      }
      headers.push("Content-Length", String(answer.length));
      res.writeHead(status, headers);
      res.end(answer);
    });
    up.on("error", (e) => res.destroy(e));
  }

  private learnAlias(body: Buffer): void {
    try {
      const b = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
      if (typeof b.AliasName === "string" && typeof b.TargetKeyId === "string") this.learned.learnAlias(b.AliasName, b.TargetKeyId);
    } catch {
      // malformed: upstream answered it; nothing to learn
    }
  }

  close(): void {
    this.agent.destroy();
  }
}
