/**
 * Every bound the emulator puts on what a client can make it hold: request bodies, connections
 * and their timeouts, and the resources a KMS account may own. Each is either KMS's own quota
 * (docs/reference.md §1, resource quotas) or an emulator limit far above what a KMS client sends,
 * recorded in docs/decisions.md (Emulator).
 */

/**
 * Largest request body accepted, bytes. Default 1 MiB. KMS requests are small: the largest fields
 * are a key policy (32,768 bytes), Encrypt's plaintext (4,096 bytes, 5,464 as base64) and a
 * ciphertext (6,144 bytes, 8,192 as base64), so a CreateKey with a full policy, description and 50
 * tags stays under 70 KiB. 1 MiB leaves 15x headroom. A larger body is refused as it streams in
 * (by Content-Length before it is read, by counting the bytes of a chunked body) with HTTP 413
 * RequestEntityTooLargeException, and the connection is closed.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Bytes of request bodies that may be buffered at once across all connections, bytes. Default
 * 64 MiB (about 900 concurrent bodies of the largest real KMS request). A body that would go over
 * it is answered 503 ServiceUnavailableException (retried by the SDKs) and its connection closed,
 * so that many slow 1 MiB uploads cannot add up to gigabytes.
 */
export const BODY_BUDGET_BYTES = 64 * 1024 * 1024;

/** Time a client has to send a request's headers (from connecting, or from its first byte), ms. Default 10 s. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;

/** Time a client has to send a whole request, headers and body, ms. Default 30 s (a 1 MiB body on loopback takes milliseconds). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * Time an idle keep-alive connection stays open after its last answer, ms. Default 65 s. The SDK's
 * agent keeps idle sockets without a timeout of its own (Node 20 ignores the server's
 * `Keep-Alive: timeout` hint when the agent has none), so a connection closed just as a client
 * reuses it fails with ECONNRESET and is retried as one more attempt. 65 s is longer than any
 * pause inside a rehearsal run, so that never happens mid-run.
 */
export const DEFAULT_IDLE_TIMEOUT_MS = 65_000;

/**
 * Open connections at most; further ones are closed as they are accepted. Default 4,096: above
 * what 64 SDK clients with their default 50 sockets each open, below common file-descriptor limits.
 */
export const DEFAULT_MAX_CONNECTIONS = 4096;

/** How often the server checks the headers and request timeouts, ms (Node's default is 30 s). */
export const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/** Customer managed keys per account and Region (KMS quota, docs/reference.md §1): CreateKey beyond it -> LimitExceededException. */
export const MAX_KEYS = 100_000;

/** Aliases per key (KMS quota, docs/reference.md §1): CreateAlias beyond it -> LimitExceededException. */
export const MAX_ALIASES_PER_KEY = 50;

/**
 * Aliases in the emulator at once. KMS allows 50 per key (5 million for 100,000 keys); the emulator
 * stops at 100,000 (LimitExceededException) so that its memory stays bounded; no test needs more.
 */
export const MAX_ALIASES = 100_000;

/** Tags per key (KMS: https://docs.aws.amazon.com/kms/latest/developerguide/tagging-keys.html): more -> TagException. */
export const MAX_TAGS_PER_KEY = 50;

/** Tag key and value lengths, characters (KMS API reference, `Tag`): 1-128 and 0-256. */
export const MAX_TAG_KEY_CHARS = 128;
export const MAX_TAG_VALUE_CHARS = 256;

/** Custom key stores per account and Region (KMS quota, docs/reference.md §1): an 11th store id -> CustomKeyStoreNotFoundException. */
export const MAX_CUSTOM_KEY_STORES = 10;

/** Description of a key, characters (KMS API reference, CreateKey `Description`: 0-8,192). */
export const MAX_DESCRIPTION_CHARS = 8192;

/** Alias name, characters (KMS API reference, CreateAlias `AliasName`: 1-256). */
export const MAX_ALIAS_NAME_CHARS = 256;

/**
 * SDK attempt numbers counted one by one in `/__kmsplan/stats` `attempts`; higher ones share the
 * bucket `">100"`, so a client that sends `attempt=N` for every N cannot grow the counters.
 */
export const MAX_COUNTED_ATTEMPT = 100;
