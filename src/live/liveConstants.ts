/**
 * Constants of live runs that the CLI needs without loading the AWS SDK (its --help and renderers
 * run for every command; the SDK costs about 1 s to load).
 */

/** Days before a scheduled key is deleted: 7 is the minimum KMS accepts (range 7-30). */
export const PENDING_WINDOW_DAYS = 7;
