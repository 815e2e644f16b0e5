/**
 * The manifest of a live run: every resource it creates, written ahead. The file exists (fsync'd,
 * atomic) before anything is created, and each resource's intent is written before its create
 * call is sent: a key's layout slot (`pendingKeys`), an alias's name, the bucket's name. So a crash
 * at any point (kill -9 included) leaves a manifest from which `cleanup` finds everything: by name,
 * or for a key whose ARN never came back, by the run's kmsplan:run tag. Holds ARNs and names only:
 * never key material or credentials. The schema is in manifestSchema.ts.
 */
import { writeJsonAtomic } from "./writeAtomic.js";
import { readManifestData, type ManifestData } from "./manifestSchema.js";

export type { ManifestData } from "./manifestSchema.js";

export class Manifest {
  readonly data: ManifestData;
  private readonly objectSet = new Set<string>();
  private dirty = false;

  constructor(
    readonly file: string,
    data: Omit<ManifestData, "pendingKeys"> & { pendingKeys?: string[] },
  ) {
    this.data = { ...data, pendingKeys: data.pendingKeys ?? [] };
    for (const o of data.objects) this.objectSet.add(o);
  }

  /** Reads and validates a manifest; throws InputError (one line) for anything that is not one. */
  static read(file: string): Manifest {
    return new Manifest(file, readManifestData(file));
  }

  save(): void {
    this.data.objects = [...this.objectSet];
    writeJsonAtomic(this.file, this.data);
    this.dirty = false;
  }

  /** Write-ahead: CreateKey for `slot` is about to be sent. */
  intendKey(slot: string): void {
    this.data.pendingKeys.push(slot);
    this.save();
  }

  /** CreateKey for `slot` answered with `arn`: the intent is resolved. */
  addKey(arn: string, slot?: string): void {
    this.data.keyArns.push(arn);
    if (slot !== undefined) {
      const i = this.data.pendingKeys.indexOf(slot);
      if (i >= 0) this.data.pendingKeys.splice(i, 1);
    }
    this.save();
  }

  /** Write-ahead: CreateAlias `name` is about to be sent (cleanup deletes it by name; not found counts as done). */
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
