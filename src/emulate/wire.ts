/**
 * AWS JSON 1.1 wire helpers (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html):
 * success bodies, error bodies `{"__type": "...", "message": "..."}` with the `x-amzn-ErrorType`
 * header, and the pre-built ThrottlingException answer of docs/reference.md §2.
 */
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";

export const JSON_11 = "application/x-amz-json-1.1";

/** KMS's throttling message, verbatim (https://docs.aws.amazon.com/kms/latest/developerguide/throttling.html). */
export const THROTTLING_MESSAGE = "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.";

/** The throttled body, built once: the hot path of an overloaded emulator writes only this buffer. */
const THROTTLE_BODY = Buffer.from(JSON.stringify({ __type: "ThrottlingException", message: THROTTLING_MESSAGE }));
const THROTTLE_LENGTH = String(THROTTLE_BODY.length);

/** An error KMS would answer with: HTTP status, `__type` and message. */
export class KmsError extends Error {
  readonly type: string;
  readonly status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.name = "KmsError";
    this.type = type;
    this.status = status;
  }
}

export function requestId(): string {
  return randomUUID();
}

/** HTTP 400 ThrottlingException, exactly as KMS sends it. */
export function sendThrottled(res: ServerResponse): void {
  res.writeHead(400, [
    "content-type", JSON_11,
    "x-amzn-errortype", "ThrottlingException",
    "x-amzn-requestid", requestId(),
    "content-length", THROTTLE_LENGTH,
  ]);
  res.end(THROTTLE_BODY);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const buf = Buffer.from(JSON.stringify(body));
  res.writeHead(status, [
    "content-type", JSON_11,
    "x-amzn-requestid", requestId(),
    "content-length", String(buf.length),
  ]);
  res.end(buf);
}

/** An error in the JSON 1.1 shape; `close` adds `Connection: close` (Node then closes the connection once it is sent). */
export function sendError(res: ServerResponse, err: KmsError, close = false): void {
  const buf = Buffer.from(JSON.stringify({ __type: err.type, message: err.message }));
  const headers = [
    "content-type", JSON_11,
    "x-amzn-errortype", err.type,
    "x-amzn-requestid", requestId(),
    "content-length", String(buf.length),
  ];
  if (close) headers.push("connection", "close");
  res.writeHead(err.status, headers);
  res.end(buf);
}

/** Parse a JSON 1.1 request body; an empty body is `{}`. Malformed JSON -> SerializationException. */
export function parseBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let v: unknown;
  try {
    v = JSON.parse(body.toString("utf8"));
  } catch {
    throw new KmsError("SerializationException", "Start of structure or map found where not expected or malformed JSON.");
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    throw new KmsError("SerializationException", "Expected a JSON object as the request body.");
  }
  return v as Record<string, unknown>;
}
