/**
 * A tiny KMS (awsJson1_1) for the retry calibration: answers GenerateDataKey on 127.0.0.1 and
 * throttles by a pattern, with the wire shape of docs/reference.md §2. Records, per request, the SDK's
 * invocation id and `amz-sdk-request: attempt=N; max=M`.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Reply = "ok" | "throttle" | "unavailable" | "invalid-state";

export interface SeenRequest {
  /** 0-based index of the request at the server. */
  index: number;
  /** 0-based index of the operation (order of first appearance of its invocation id). */
  op: number;
  attempt: number;
  max: number;
  target: string;
}

/** Decides the reply for a request from what the server knows about it. */
export type Pattern = (req: SeenRequest) => Reply;

export interface KmsFake {
  url: string;
  requests: SeenRequest[];
  setPattern(p: Pattern): void;
  reset(): void;
  close(): Promise<void>;
}

const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/x";

export async function startKmsFake(): Promise<KmsFake> {
  let pattern: Pattern = () => "ok";
  let requests: SeenRequest[] = [];
  let ops = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const inv = String(req.headers["amz-sdk-invocation-id"] ?? "");
      const m = /attempt=(\d+); max=(\d+)/.exec(String(req.headers["amz-sdk-request"] ?? ""));
      if (!ops.has(inv)) ops.set(inv, ops.size);
      const seen: SeenRequest = {
        index: requests.length,
        op: ops.get(inv)!,
        attempt: m ? Number(m[1]) : 0,
        max: m ? Number(m[2]) : 0,
        target: String(req.headers["x-amz-target"] ?? ""),
      };
      requests.push(seen);
      const reply = req.method === "POST" && seen.target === "TrentService.GenerateDataKey" ? pattern(seen) : "invalid-state";
      const headers = { "content-type": "application/x-amz-json-1.1", "x-amzn-RequestId": `req-${seen.index}` };
      if (reply === "ok") {
        const body = JSON.stringify({
          KeyId: KEY_ARN,
          Plaintext: randomBytes(32).toString("base64"),
          CiphertextBlob: randomBytes(64).toString("base64"),
        });
        res.writeHead(200, headers).end(body);
      } else if (reply === "throttle") {
        res
          .writeHead(400, { ...headers, "x-amzn-ErrorType": "ThrottlingException" })
          .end(JSON.stringify({ __type: "ThrottlingException", message: "Rate exceeded" }));
      } else if (reply === "unavailable") {
        res.writeHead(503, headers).end(JSON.stringify({ __type: "ServiceUnavailable", message: "try again" }));
      } else {
        res
          .writeHead(400, { ...headers, "x-amzn-ErrorType": "KMSInvalidStateException" })
          .end(JSON.stringify({ __type: "KMSInvalidStateException", message: "pending deletion" }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    setPattern(p) {
      pattern = p;
    },
    reset() {
      requests = [];
      ops = new Map();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
