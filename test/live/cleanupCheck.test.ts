/**
 * The check after cleanup decides `cleanedUp`: against a small KMS endpoint on 127.0.0.1 that
 * refuses deletions, or says it deleted but still describes the key as Enabled, the manifest
 * keeps cleanedUp: false and the report names what is left. A key pending deletion counts as clean.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanupFromManifest } from "../../src/live/cleanup.js";
import { Manifest } from "../../src/live/Manifest.js";
import { validManifest } from "./support.js";

interface FakeKms {
  /** Answer of ScheduleKeyDeletion / DeleteAlias: "ok" or an error name. */
  deletes: "ok" | "AccessDeniedException";
  /** KeyState DescribeKey reports. */
  state: string;
  aliases: string[];
  calls: string[];
}

const fake: FakeKms = { deletes: "ok", state: "PendingDeletion", aliases: [], calls: [] };
let server: Server;
let url = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const op = String(req.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
      fake.calls.push(op);
      const send = (status: number, doc: unknown) => {
        res.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
        res.end(JSON.stringify(doc));
      };
      const arn = (id: string) => `arn:aws:kms:us-east-1:123456789012:key/${id}`;
      if (op === "ListAliases") return send(200, { Aliases: fake.aliases.map((a) => ({ AliasName: a, TargetKeyId: "k-1" })), Truncated: false });
      if (op === "DescribeKey") {
        const id = String(JSON.parse(body).KeyId);
        return send(200, { KeyMetadata: { KeyId: id, Arn: arn(id), KeyState: fake.state } });
      }
      if (op === "ScheduleKeyDeletion" || op === "DeleteAlias") {
        if (fake.deletes !== "ok") return send(400, { __type: fake.deletes, message: "not allowed here" });
        if (op === "DeleteAlias") fake.aliases = [];
        return send(200, op === "ScheduleKeyDeletion" ? { KeyId: "k-1", KeyState: "PendingDeletion" } : {});
      }
      send(400, { __type: "UnknownOperationException" });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const runId = "20261201t000000z-abc123";
function manifestFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), "kmsplan-check-")), "run.manifest.json");
  const m = new Manifest(file, {
    ...validManifest(runId),
    kmsEndpoint: url,
    s3Endpoint: url,
    keyArns: ["arn:aws:kms:us-east-1:123456789012:key/k-1"],
    bucket: null,
    objectsBucket: null,
    objects: [],
  } as never);
  m.save();
  return file;
}

describe("the check after cleanup", () => {
  it("refused deletions: the alias and the enabled key are left; cleanedUp stays false", async () => {
    Object.assign(fake, { deletes: "AccessDeniedException", state: "Enabled", aliases: [`alias/kmsplan/${runId}/tenant-0`], calls: [] });
    const file = manifestFile();
    const r = await cleanupFromManifest(file, { env: {} });
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toMatch(/^DeleteAlias alias\/kmsplan\/.*: AccessDeniedException: not allowed here$/);
    expect(r.leftovers).toEqual([`alias alias/kmsplan/${runId}/tenant-0`, "key k-1 (Enabled)"]);
    expect(Manifest.read(file).data.cleanedUp).toBe(false);
  });

  it("an endpoint that says it scheduled the deletion but still shows the key Enabled is not clean", async () => {
    Object.assign(fake, { deletes: "ok", state: "Enabled", aliases: [], calls: [] });
    const file = manifestFile();
    const r = await cleanupFromManifest(file, { env: {} });
    expect(r.errors).toEqual([]);
    expect(r.keysScheduled).toEqual(["arn:aws:kms:us-east-1:123456789012:key/k-1"]);
    expect(r.leftovers).toEqual(["key k-1 (Enabled)"]);
    expect(Manifest.read(file).data.cleanedUp).toBe(false);
    // The check is a second look: aliases listed again, the key described after its deletion was scheduled.
    expect(fake.calls).toEqual(["ListAliases", "DeleteAlias", "ScheduleKeyDeletion", "ListAliases", "DescribeKey"]);
  });

  it("a key pending deletion and no alias left: cleanedUp true", async () => {
    Object.assign(fake, { deletes: "ok", state: "PendingDeletion", aliases: [`alias/kmsplan/${runId}/tenant-0`], calls: [] });
    const file = manifestFile();
    const r = await cleanupFromManifest(file, { env: {} });
    expect(r).toMatchObject({ errors: [], leftovers: [] });
    expect(Manifest.read(file).data.cleanedUp).toBe(true);
  });
});
