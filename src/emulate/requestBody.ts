/**
 * Reads a request body with two bounds, checked as it streams in rather than after it arrived:
 * at most `maxBytes` per request (by Content-Length before a byte is read, by counting the bytes
 * of a chunked body), and at most `BodyBudget.limitBytes` buffered across all requests at once.
 *
 * Example, maxBytes 1 MiB: `Content-Length: 10485760` -> refused at once (413), the body is never
 * read; a chunked 10 MB upload -> refused after 1 MiB + one chunk, which is all that was held.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ProtocolError } from "./protocol.js";

/** Bytes of request bodies held at once across connections. */
export class BodyBudget {
  private usedBytes = 0;
  constructor(readonly limitBytes: number) {
    if (!(limitBytes > 0)) throw new TypeError(`Expected limitBytes to be > 0, got ${limitBytes}`);
  }

  get used(): number {
    return this.usedBytes;
  }

  /** Take `n` bytes; false (nothing taken) when that would go over the limit. */
  take(n: number): boolean {
    if (this.usedBytes + n > this.limitBytes) return false;
    this.usedBytes += n;
    return true;
  }

  give(n: number): void {
    this.usedBytes -= n;
  }
}

export function tooLarge(maxBytes: number): ProtocolError {
  return new ProtocolError("bodyTooLarge", "RequestEntityTooLargeException", `Request body is larger than ${maxBytes} bytes.`, 413);
}

function overBudget(): ProtocolError {
  return new ProtocolError("bodyBudget", "ServiceUnavailableException", "The emulator is holding too many request bodies; retry.", 503);
}

/** The declared Content-Length, or null for a chunked body (Node has already refused malformed lengths). */
function declaredLength(req: IncomingMessage): number | null {
  const v = req.headers["content-length"];
  return v === undefined ? null : Number(v);
}

/** The refusal a request earns from its headers alone (Content-Length over the limit), else null. */
export function refuseByHeaders(req: IncomingMessage, maxBytes: number): ProtocolError | null {
  const n = declaredLength(req);
  return n !== null && n > maxBytes ? tooLarge(maxBytes) : null;
}

/**
 * Read `req`'s body, then call `done` exactly once with the body or the refusal; not at all when the
 * client goes away first. On a refusal the request stops being read (the caller closes the
 * connection). An accepted body stays on the budget until `res` is finished or its connection gone
 * (an answer may wait for injected latency, and pipelined requests may queue behind it).
 */
export function readBody(req: IncomingMessage, res: ServerResponse, maxBytes: number, budget: BodyBudget, done: (body: Buffer | ProtocolError) => void): void {
  const early = refuseByHeaders(req, maxBytes);
  if (early) return done(early);
  const chunks: Buffer[] = [];
  let heldBytes = 0;
  let settled = false;
  const release = (): void => {
    budget.give(heldBytes);
    heldBytes = 0;
  };
  const finish = (outcome: Buffer | ProtocolError | null): void => {
    if (settled) return;
    settled = true;
    req.off("data", onData);
    if (outcome instanceof Buffer) {
      done(outcome);
      // Most answers (throttles, errors, the responder without injected latency) are sent by now.
      if (res.writableEnded) release();
      else res.once("close", release);
      return;
    }
    release();
    if (outcome !== null) {
      req.pause();
      done(outcome);
    }
  };
  const onData = (chunk: Buffer): void => {
    if (heldBytes + chunk.length > maxBytes) return finish(tooLarge(maxBytes));
    if (!budget.take(chunk.length)) return finish(overBudget());
    heldBytes += chunk.length;
    chunks.push(chunk);
  };
  req.on("data", onData);
  req.once("end", () => finish(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
  // An aborted request ends in "close" (Node emits "error" on it only when someone listens).
  req.once("close", () => finish(null));
}
