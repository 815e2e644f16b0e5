/**
 * The failures that end a live run or a cleanup at once, because no later call could succeed
 * either: the endpoint cannot be reached or does not answer (connection refused, unknown host,
 * timed out), or there are no credentials to sign with. Each becomes one line for the user.
 * Everything else (a KMS error, a throttle) is an outcome of the run, counted and reported.
 *
 * Examples: ECONNREFUSED -> "cannot connect to http://127.0.0.1:9 (ECONNREFUSED)";
 * a TimeoutError -> "http://127.0.0.1:4000 did not answer (TimeoutError after 1000 ms, 3 attempt(s); ...)";
 * CredentialsProviderError -> the credentials hint.
 */
import { credentialsHint } from "./credentials.js";

/** Node socket error codes meaning "no connection to that endpoint". */
const CONNECT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET", "EPIPE", "ETIMEDOUT"]);

/** Error names the SDK gives a request that found no credentials. */
const NO_CREDENTIALS_NAMES = new Set(["CredentialsProviderError", "ProviderError"]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

const asErr = (e: unknown): ErrorLike => (e !== null && typeof e === "object" ? (e as ErrorLike) : {});

/** "Name: message" on one line, at most 240 characters. */
export function oneLine(err: unknown): string {
  const e = asErr(err);
  const name = typeof e.name === "string" ? e.name : "Error";
  const message = typeof e.message === "string" ? e.message : String(err);
  const text = `${name}: ${message}`.replace(/\s+/g, " ").trim();
  return text.length > 240 ? `${text.slice(0, 237)}...` : text;
}

/** The Node error code of `err` or of one of its causes (a few levels). */
function codeOf(err: unknown): string | null {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e !== null && typeof e === "object"; depth++) {
    const code = asErr(e).code;
    if (typeof code === "string") return code;
    e = asErr(e).cause;
  }
  return null;
}

export type FatalKind = "unreachable" | "silent" | "no-credentials";

export interface FatalFailure {
  kind: FatalKind;
  /** One line for the user. */
  message: string;
}

/**
 * Whether `err` means no later call to `endpoint` can succeed, and how to say so. `credentialSource`
 * is the sentence of `chooseCredentials` (where credentials were looked for).
 */
export function fatalFailure(err: unknown, endpoint: string | null, credentialSource = "the SDK's default credential chain"): FatalFailure | null {
  const e = asErr(err);
  const where = endpoint ?? "AWS";
  if (typeof e.name === "string" && NO_CREDENTIALS_NAMES.has(e.name)) {
    return { kind: "no-credentials", message: credentialsHint(credentialSource) };
  }
  if (e.name === "TimeoutError" || codeOf(err) === "ETIMEDOUT") {
    const attempts = (err as { $metadata?: { attempts?: number } }).$metadata?.attempts;
    const bound = /(\d+) ms/.exec(typeof e.message === "string" ? e.message : "")?.[1];
    return {
      kind: "silent",
      message: `${where} did not answer (TimeoutError${bound ? ` after ${bound} ms` : ""}${attempts ? `, ${attempts} attempt(s)` : ""}; --request-timeout sets the bound)`,
    };
  }
  const code = codeOf(err);
  if (code !== null && CONNECT_CODES.has(code)) return { kind: "unreachable", message: `cannot connect to ${where} (${code})` };
  return null;
}
