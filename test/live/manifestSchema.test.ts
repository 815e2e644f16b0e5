/** readManifestData: every kind of corrupt manifest is one InputError line naming the file; a valid one reads back. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { Manifest } from "../../src/live/Manifest.js";
import { readManifestData } from "../../src/live/manifestSchema.js";
import { validManifest } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "kmsplan-manifest-"));

function write(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

function problemOf(file: string): string {
  try {
    readManifestData(file);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error(`expected ${file} to be refused`);
}

describe("readManifestData", () => {
  const full = JSON.stringify(validManifest());
  const withField = (k: string, v: unknown) => JSON.stringify({ ...validManifest(), [k]: v });
  const without = (k: string) => {
    const m = validManifest();
    delete m[k];
    return JSON.stringify(m);
  };
  mkdirSync(join(dir, "a-directory.json"));

  it.each([
    ["truncated", () => write("trunc.json", full.slice(0, full.length / 2)), /not valid JSON.*truncated\?/],
    ["empty object", () => write("empty.json", "{}"), /not a valid live manifest: version: expected one of 1; runId: expected string/],
    ["unknown version", () => write("v7.json", withField("version", 7)), /unknown manifest version 7 \(this kmsplan reads version 1\)/],
    ["missing field", () => write("nokeys.json", without("keyArns")), /keyArns: expected array, got nothing/],
    ["keyArns a string", () => write("str.json", withField("keyArns", "arn:aws:kms:us-east-1:1:key/abc")), /keyArns: expected array, got string/],
    ["a directory", () => join(dir, "a-directory.json"), /is a directory, not a live manifest/],
    ["a missing file", () => join(dir, "nope.json"), /no such manifest file/],
    ["a JSON array", () => write("arr.json", "[]"), /expected a JSON object/],
    ["a foreign alias", () => write("alias.json", withField("aliases", ["alias/prod-key"])), /aliases\[0\]: expected an alias under alias\/kmsplan\//],
    ["a key that is not a KMS key", () => write("badkey.json", withField("keyArns", ["arn:aws:s3:::bucket"])), /keyArns\[0\]: expected a KMS key ARN or key id/],
  ])("%s: one line, exit-2 error", (_name, make, pattern) => {
    const file = make();
    const msg = problemOf(file);
    expect(msg).toMatch(pattern);
    expect(msg).not.toMatch(/\n/);
    expect(msg).toContain(file);
  });

  it("caps the problems listed", () => {
    const msg = problemOf(write("many.json", JSON.stringify({ version: 1 })));
    expect(msg).toMatch(/and \d+ more problem\(s\)/);
    expect(msg.length).toBeLessThan(600);
  });

  it("reads a valid manifest, and one of an earlier kmsplan without pendingKeys", () => {
    expect(readManifestData(write("ok.json", full)).keyArns).toHaveLength(1);
    const old = readManifestData(write("old.json", without("pendingKeys")));
    expect(old.pendingKeys).toEqual([]);
  });

  it("Manifest writes ahead: an intent is on disk before the create, resolved after", () => {
    const file = join(dir, "wal.manifest.json");
    const m = new Manifest(file, { ...validManifest(), keyArns: [], aliases: [] } as never);
    m.save();
    m.intendKey("tenant-0");
    expect(readManifestData(file).pendingKeys).toEqual(["tenant-0"]);
    m.addKey("arn:aws:kms:us-east-1:123456789012:key/k-1", "tenant-0");
    const after = readManifestData(file);
    expect(after.pendingKeys).toEqual([]);
    expect(after.keyArns).toEqual(["arn:aws:kms:us-east-1:123456789012:key/k-1"]);
  });
});
