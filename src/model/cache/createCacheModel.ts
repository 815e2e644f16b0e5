/**
 * Builds the cache model a scenario's `cache` section asks for: `type: "local"` -> LocalCacheModel
 * (caching CMM + KMS keyring), `type: "hierarchical"` -> HierarchicalCacheModel. A scenario without
 * `cache` has no model: every encrypt calls GenerateDataKey and every decrypt calls Decrypt, and the
 * engine does not consult one.
 */
import type { CacheSpec, Routing } from "../../scenario/types.js";
import { HierarchicalCacheModel } from "./HierarchicalCacheModel.js";
import { LocalCacheModel } from "./LocalCacheModel.js";
import type { DataKeyCacheModel } from "./types.js";

export interface CacheModelOptions {
  /** Who wrote the messages that are read (see `dataKeyForRead`); default "random". */
  routing?: Routing;
  /** Hierarchical keyring with per-tenant branch keys: branch key of each entry id; default identity. */
  branchKeyOfEntry?: Int32Array;
  /** The cache's proactive sweep period; default 60,000 ms (the library's). */
  sweepIntervalMs?: number;
  /** Data-key generations remembered per (writer, entry) for `dataKeyForRead`; default 4. */
  historyDepth?: number;
}

/**
 * @param instances application instances (one cache each)
 * @param entries number of entry ids (tenant context x key) the engine will use: ids are 0..entries-1
 * @param seed salts the ids of virtual data keys (history before the run)
 */
export function createCacheModel(spec: CacheSpec, instances: number, entries: number, seed: number, options: CacheModelOptions = {}): DataKeyCacheModel {
  if (!Number.isInteger(entries) || entries < 0) throw new TypeError(`Expected entries to be a non-negative integer, got ${entries}`);
  if (spec.type === "local") {
    return new LocalCacheModel({
      instances,
      maxAgeMs: spec.maxAgeMs,
      maxMessagesEncrypted: spec.maxMessagesEncrypted,
      maxBytesEncrypted: spec.maxBytesEncrypted,
      capacity: spec.capacity,
      routing: options.routing,
      sweepIntervalMs: options.sweepIntervalMs,
      historyDepth: options.historyDepth,
      seed,
    });
  }
  if (spec.type === "hierarchical") {
    if (options.branchKeyOfEntry && options.branchKeyOfEntry.length < entries) {
      throw new TypeError(`Expected branchKeyOfEntry to have ${entries} elements, got ${options.branchKeyOfEntry.length}`);
    }
    return new HierarchicalCacheModel({
      instances,
      ttlMs: spec.ttlMs,
      branchKeys: spec.branchKeys,
      branchKeyOfEntry: options.branchKeyOfEntry,
      capacity: spec.capacity,
      sweepIntervalMs: options.sweepIntervalMs,
    });
  }
  throw new TypeError(`Expected cache.type to be "local" or "hierarchical", got ${JSON.stringify((spec as { type: unknown }).type)}`);
}
