/**
 * Hard limits of the scenario loader, each with why it exists. They bound the work a document can
 * cause before it is refused, so that every document gets an answer (a run or a located problem)
 * within a second or two; what a valid scenario's run costs is `estimateRun`'s job (src/sim/estimate.ts).
 */

/**
 * Largest scenario file or text, bytes (128 KiB). The largest scenario in this repository is about
 * 5 KB; a hand-written one rarely passes 20 KB. The YAML parser takes about 4 µs per byte on its
 * worst inputs (deep nesting, a node with thousands of anchors or tags), so the cap keeps parsing
 * under a second on a busy 2-core machine.
 */
export const MAX_SCENARIO_BYTES = 128 * 1024;

/**
 * Deepest flow nesting (`{ a: { b: [ ... ] } }`) read, levels. A scenario nests about 5 deep; the
 * parser recurses per level and slows to seconds on a hundred thousand levels.
 */
export const MAX_FLOW_DEPTH = 64;

/**
 * Problems reported per file (100). A 4,000-entry mix with one mistake copied into each entry
 * would otherwise print 4,000 lines; the first hundred, in file order, say what is wrong, and a
 * last line counts the rest.
 */
export const MAX_PROBLEMS = 100;

/**
 * Largest count of tenants, instances, requesters, buckets, stores, resources per tenant or retry
 * attempts: 2^31 - 1. The engine and the live plan keep these ids in 32-bit integer arrays. Whether
 * a run of that size fits in memory or in time is `estimateRun`'s question. (Classifications, kept
 * in 16 bits, need no bound: 65,536 of them do not fit in MAX_SCENARIO_BYTES.)
 */
export const MAX_ID_COUNT = 2 ** 31 - 1;

/**
 * Most extra wrapping keys (65,534): an Encryption SDK message counts its encrypted data keys in a
 * 16-bit field (@aws-crypto/serialize writes `uInt16BE(encryptedDataKeys.length)`; AWS Encryption
 * SDK message format reference, docs/reference.md §7), and the generator key takes one of 65,535.
 */
export const MAX_EXTRA_WRAPPING_KEYS = 65_534;
