/** The data-key cache models: the Encryption SDK caching CMM and the hierarchical keyring's cache. */
export type { DataKeyCacheModel } from "./types.js";
export { createCacheModel, type CacheModelOptions } from "./createCacheModel.js";
export { LocalCacheModel, type LocalCacheModelOptions, MAX_BYTES_PER_CACHED_KEY, MAX_MESSAGES_PER_CACHED_KEY } from "./LocalCacheModel.js";
export { HierarchicalCacheModel, type HierarchicalCacheModelOptions, DEFAULT_BRANCH_KEY_CACHE_CAPACITY } from "./HierarchicalCacheModel.js";
export { DEFAULT_SWEEP_INTERVAL_MS } from "./LruEntryStore.js";
