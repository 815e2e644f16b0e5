/**
 * The calls of one cleanup, each tried once (the SDK retries inside, bounded in time by
 * src/live/timeouts.ts), with failures collected as lines. "Not found" counts as done. The first
 * failure that means the endpoint cannot be reached, does not answer or has no credentials
 * (failures.ts) stops every later call to that endpoint (KMS and S3 alike when they share it):
 * they are counted as skipped, so a cleanup against a silent endpoint ends after one call's time
 * bound, not one per resource.
 */
import { fatalFailure, oneLine, type FatalFailure } from "./failures.js";

export type Service = "kms" | "s3";

const GONE_NAMES = new Set(["NotFoundException", "NoSuchBucket", "NoSuchKey", "NotFound"]);

/** True when the error says the resource is not there (404 included). */
export function isGone(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  return GONE_NAMES.has(e?.name ?? "") || e?.$metadata?.httpStatusCode === 404;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; gone: boolean; error: unknown };

export class CleanupCalls {
  readonly errors: string[] = [];
  /** The failure that stopped calls to each endpoint (by URL; "aws:kms" / "aws:s3" for AWS's own), if any. */
  private readonly fatal = new Map<string, FatalFailure>();
  private readonly skipped: Record<Service, number> = { kms: 0, s3: 0 };

  constructor(
    private readonly endpoints: Record<Service, string | null>,
    private readonly credentialSource?: string,
  ) {}

  /**
   * One call. `quiet` errors (by name) are returned without being reported, for calls whose
   * failure is an answer (e.g. ListResourceTags on a key this account may not read).
   */
  private key(service: Service): string {
    return this.endpoints[service] ?? `aws:${service}`;
  }

  async run<T>(service: Service, what: string, fn: () => Promise<T>, quiet: readonly string[] = []): Promise<Outcome<T>> {
    if (this.fatal.has(this.key(service))) {
      this.skipped[service]++;
      return { ok: false, gone: false, error: null };
    }
    try {
      return { ok: true, value: await fn() };
    } catch (err) {
      if (isGone(err)) return { ok: false, gone: true, error: err };
      const fatal = fatalFailure(err, this.endpoints[service], this.credentialSource);
      if (fatal) {
        this.fatal.set(this.key(service), fatal);
        this.errors.push(`${what}: ${fatal.message}`);
      } else if (!quiet.includes((err as { name?: string })?.name ?? "")) {
        this.errors.push(`${what}: ${oneLine(err)}`);
      }
      return { ok: false, gone: false, error: err };
    }
  }

  /** True when calls to that service still go out. */
  reachable(service: Service): boolean {
    return !this.fatal.has(this.key(service));
  }

  /** The first fatal failure, in one line, or null. */
  fatalLine(): string | null {
    const first = this.fatal.values().next();
    return first.done ? null : first.value.message;
  }

  /** "N call(s) not tried: ..." lines for the report, empty when none were skipped. */
  skippedLines(): string[] {
    return (["kms", "s3"] as const)
      .filter((s) => this.skipped[s] > 0)
      .map((s) => `${this.skipped[s]} ${s.toUpperCase()} call(s) not tried: ${this.endpoints[s] ?? "AWS"} did not work (above)`);
  }
}
