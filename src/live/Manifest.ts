/**
 * The manifest of a live run: every resource it created, written (atomically) BEFORE anything is
 * created and rewritten as each resource appears, so `cleanupFromManifest` can finish a cleanup
 * that a crash or Ctrl-C interrupted. Holds ARNs and names only: never key material or credentials.
 */
import { readFileSync } from "node:fs";
import { writeJsonAtomic } from "./writeAtomic.js";

export interface ManifestData {
  version: 1;
  runId: string;
  createdIso: string;
  kmsEndpoint: string | null;
  s3Endpoint: string | null;
  region: string;
  /** Keys this run created (scheduled for deletion on cleanup). */
  keyArns: string[];
  /** Keys it only used (never deleted). */
  existingKeyArns: string[];
  aliases: string[];
  /** Bucket this run created (deleted on cleanup), or null. */
  bucket: string | null;
  existingBucket: string | null;
  /** Object keys written into whichever bucket was used. */
  objects: string[];
  /** Bucket the objects were written to. */
  objectsBucket: string | null;
  cleanedUp: boolean;
}

export class Manifest {
  readonly data: ManifestData;
  private readonly objectSet = new Set<string>();
  private dirty = false;

  constructor(
    readonly file: string,
    data: ManifestData,
  ) {
    this.data = data;
    for (const o of data.objects) this.objectSet.add(o);
  }

  static read(file: string): Manifest {
    const data = JSON.parse(readFileSync(file, "utf8")) as ManifestData;
    if (data?.version !== 1 || typeof data.runId !== "string") {
      throw new TypeError(`Expected ${file} to be a kmsplan live manifest (version 1), got ${JSON.stringify(data?.version)}`);
    }
    return new Manifest(file, data);
  }

  save(): void {
    this.data.objects = [...this.objectSet];
    writeJsonAtomic(this.file, this.data);
    this.dirty = false;
  }

  addKey(arn: string): void {
    this.data.keyArns.push(arn);
    this.save();
  }

  addAlias(name: string): void {
    this.data.aliases.push(name);
    this.save();
  }

  /** Objects arrive at the operation rate: recorded in memory, saved by `flush()` (periodically and at the end). */
  addObject(key: string): void {
    if (!this.objectSet.has(key)) {
      this.objectSet.add(key);
      this.dirty = true;
    }
  }

  flush(): void {
    if (this.dirty) this.save();
  }
}
