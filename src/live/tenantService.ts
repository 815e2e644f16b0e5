/**
 * A small bundled tenant service for the HTTP driver: what a typical multi-tenant app does with
 * KMS, behind HTTP on 127.0.0.1.
 *   POST /tenants/:id/objects        body -> ESDK encrypt ({ tenant: id }) -> S3 PutObject (SSE-KMS) -> 201 {"key"}
 *   GET  /tenants/:id/objects/latest S3 GetObject of a recent object -> ESDK decrypt, header context checked -> 200
 * Tenant t is served by instance t % instances (its clients and cache), so every KMS call passes the
 * counting middleware. Errors answer 500 with the error name (counted by the caller). Each
 * request it answers on a route is also handed to `record` (the run's application operations).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { CiphertextPool } from "./CiphertextPool.js";
import type { InstanceClients } from "./InstanceClients.js";
import { checkTenantContext, esdk, tenantContext, type OpContext } from "./operations.js";
import { errorName } from "./clients.js";

/** One request the service answered on a route: label "POST objects" or "GET latest", times from `now`. */
export interface ServiceRecord {
  label: string;
  startMs: number;
  doneMs: number;
  /** Error name, or null for a 2xx answer. (A GET for a tenant with nothing written yet is answered 404 and not recorded.) */
  error: string | null;
  /** Set by the driver: inside the measured window. */
  measured?: boolean;
}

export interface TenantService {
  url: string;
  /** Requests answered, by route and status. */
  stats: Record<string, number>;
  close(): Promise<void>;
}

/** Largest request body accepted, bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

const ROUTE = /^\/tenants\/(\d+)\/objects(\/latest)?$/;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on("data", (d: Buffer) => {
      size += d.length;
      if (size > MAX_BODY_BYTES) reject(new RangeError(`body over ${MAX_BODY_BYTES} bytes`));
      else parts.push(d);
    });
    req.on("end", () => resolve(Buffer.concat(parts)));
    req.on("error", reject);
  });
}

export async function startTenantService(
  ctx: OpContext,
  instances: readonly InstanceClients[],
  record: (r: ServiceRecord) => void = () => {},
  now: () => number = () => performance.timeOrigin + performance.now(),
): Promise<TenantService> {
  if (!ctx.bucket) throw new TypeError("Expected a bucket for the tenant service, got null");
  const bucket = ctx.bucket;
  const stats: Record<string, number> = {};
  let seq = 0;
  // Its own pool: objects the sdk driver primed are raw bytes, not Encryption SDK messages.
  const written = new CiphertextPool<string>();
  const count = (k: string): void => void (stats[k] = (stats[k] ?? 0) + 1);

  const server: Server = createServer(async (req, res) => {
    const startMs = now();
    const m = ROUTE.exec(req.url ?? "");
    const route = `${req.method} ${m?.[2] ? "latest" : "objects"}`;
    const done = (error: string | null): void => record({ label: route, startMs, doneMs: now(), error });
    try {
      if (!m) {
        res.writeHead(404).end();
        return count("404");
      }
      const tenant = Number(m[1]);
      const inst = instances[tenant % instances.length];
      if (req.method === "POST" && !m[2]) {
        const body = await readBody(req);
        const keyIndex = ctx.keyIndexFor(tenant, 0);
        const { result } = await esdk.encrypt(inst.materials(keyIndex), body, { encryptionContext: tenantContext(tenant) });
        const key = `kmsplan/${ctx.runId}/http/t${tenant}/${seq++}`;
        ctx.onObject(key);
        await inst.s3.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: result,
            ServerSideEncryption: "aws:kms",
            SSEKMSKeyId: inst.keyArn(keyIndex),
            BucketKeyEnabled: ctx.scenario.s3.bucketKeys,
          }),
        );
        written.add(tenant, key);
        res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ key }));
      } else if (req.method === "GET" && m[2]) {
        req.resume();
        const key = written.pick(tenant);
        if (!key) {
          // Nothing written for this tenant yet: no KMS work, so not an application operation (byRoute counts it).
          res.writeHead(404).end();
          return count(`${route} 404`);
        }
        const out = await inst.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const bytes = Buffer.from(await out.Body!.transformToByteArray());
        const keyIndex = ctx.keyIndexFor(tenant, 0);
        const dec = await esdk.decrypt(inst.materials(keyIndex), bytes);
        if (!checkTenantContext(dec.messageHeader.encryptionContext, tenant)) throw new Error("context mismatch");
        res.writeHead(200, { "content-type": "application/octet-stream" }).end(`${dec.plaintext.length}`);
      } else {
        req.resume();
        res.writeHead(405).end();
        return count(`${route} 405`);
      }
      count(`${route} ${res.statusCode}`);
      done(null);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" }).end(errorName(err));
      count(`${route} 500 ${errorName(err)}`);
      if (m) done(errorName(err));
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
