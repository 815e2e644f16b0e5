/**
 * The emulator's HTTP server with every connection-level bound of `limits.ts`: headers, request and
 * idle (keep-alive) timeouts, a cap on open connections, and request bodies read within their size
 * limit and the shared body budget. A body over the limit is refused from its Content-Length
 * before it is read (also on `Expect: 100-continue`, before the client is told to send it), or as
 * soon as a chunked body passes it; the refusal closes the connection so that the rest of the
 * upload is never read. Timed-out connections get Node's `408 Request Timeout` and are closed.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import {
  BODY_BUDGET_BYTES,
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  MAX_BODY_BYTES,
  TIMEOUT_CHECK_INTERVAL_MS,
} from "./limits.js";
import type { ProtocolError } from "./protocol.js";
import { BodyBudget, readBody, refuseByHeaders } from "./requestBody.js";
import type { EmulatorOptions } from "./types.js";

export interface HttpLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  maxConnections: number;
  maxBodyBytes: number;
  bodyBudgetBytes: number;
}

function positiveInt(name: string, v: number | undefined, fallback: number): number {
  const n = v ?? fallback;
  if (!Number.isInteger(n) || n <= 0) throw new TypeError(`Expected ${name} to be a positive integer, got ${String(v)}`);
  return n;
}

/** The limits of `options`, defaults filled in; a non-positive or non-integer value is a TypeError. */
export function resolveLimits(options: EmulatorOptions): HttpLimits {
  const limits: HttpLimits = {
    headersTimeoutMs: positiveInt("headersTimeoutMs", options.headersTimeoutMs, DEFAULT_HEADERS_TIMEOUT_MS),
    requestTimeoutMs: positiveInt("requestTimeoutMs", options.requestTimeoutMs, DEFAULT_REQUEST_TIMEOUT_MS),
    idleTimeoutMs: positiveInt("idleTimeoutMs", options.idleTimeoutMs, DEFAULT_IDLE_TIMEOUT_MS),
    maxConnections: positiveInt("maxConnections", options.maxConnections, DEFAULT_MAX_CONNECTIONS),
    maxBodyBytes: positiveInt("maxBodyBytes", options.maxBodyBytes, MAX_BODY_BYTES),
    bodyBudgetBytes: positiveInt("bodyBudgetBytes", options.bodyBudgetBytes, BODY_BUDGET_BYTES),
  };
  // Node requires it: a request cannot have longer for its headers than for all of it.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new TypeError(`Expected headersTimeoutMs (${limits.headersTimeoutMs}) to be <= requestTimeoutMs (${limits.requestTimeoutMs})`);
  }
  return limits;
}

export interface HttpHandlers {
  /** A request whose body was read within the limits. */
  request(req: IncomingMessage, res: ServerResponse, body: Buffer): void;
  /** A request refused for its body; answer it with `Connection: close`. */
  refuse(req: IncomingMessage, res: ServerResponse, err: ProtocolError): void;
  /** A connection closed at once because `maxConnections` were open. */
  dropped(): void;
}

export interface BoundedServer {
  server: http.Server;
  /** Connections open now. */
  openConnections(): number;
}

export function createBoundedServer(limits: HttpLimits, handlers: HttpHandlers): BoundedServer {
  const budget = new BodyBudget(limits.bodyBudgetBytes);
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    readBody(req, res, limits.maxBodyBytes, budget, (body) => {
      if (Buffer.isBuffer(body)) handlers.request(req, res, body);
      else handlers.refuse(req, res, body);
    });
  };
  const server = http.createServer(
    {
      keepAlive: true,
      keepAliveTimeout: limits.idleTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    onRequest,
  );
  server.keepAliveTimeout = limits.idleTimeoutMs;
  server.maxConnections = limits.maxConnections;
  server.on("drop", () => handlers.dropped());
  // Without this listener Node answers 100 Continue itself, inviting an oversized body.
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    const refusal = refuseByHeaders(req, limits.maxBodyBytes);
    if (refusal) return handlers.refuse(req, res, refusal);
    res.writeContinue();
    onRequest(req, res);
  });
  let open = 0;
  server.on("connection", (socket) => {
    open++;
    socket.once("close", () => open--);
  });
  return { server, openConnections: () => open };
}
