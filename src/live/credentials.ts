/**
 * Which credentials a live run (or a cleanup) signs with, in this order:
 *   1. `--profile NAME`: that profile of ~/.aws/credentials and ~/.aws/config (the SDK's `fromIni`);
 *   2. AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN) in the environment;
 *   3. AWS_PROFILE: that profile, through `fromIni`;
 *   4. every endpoint the run talks to is on this machine (127.0.0.0/8, localhost, ::1): dummy
 *      credentials, as `rehearse` uses (moto_server and `kmsplan emulate` do not check signatures,
 *      and real credentials are never used to sign traffic to a local endpoint by accident);
 *   5. otherwise the SDK's default chain (SSO, instance roles, ...), which fails with
 *      CredentialsProviderError when it finds nothing: see `credentialsHint`.
 * Credentials are never printed or written: only the `source` sentence is.
 */
import { fromIni } from "@aws-sdk/credential-provider-ini";
import type { LiveCredentials } from "./types.js";

/** Signs requests to a local endpoint. Access key "test" is what moto_server and the emulator expect in examples. */
export const DUMMY_CREDENTIALS: Readonly<LiveCredentials> = Object.freeze({ accessKeyId: "test", secretAccessKey: "test" });

/** Static credentials or a provider the SDK calls (a profile). */
export type CredentialSource = LiveCredentials | ReturnType<typeof fromIni>;

export interface CredentialChoice {
  /** undefined: the SDK's default chain. */
  credentials?: CredentialSource;
  /** In words, for notes and errors: "profile sandbox (--profile)", "dummy credentials (local endpoint)". */
  source: string;
}

/** True for http(s) URLs whose host is a loopback address. Example: "http://127.0.0.1:4566" -> true, "https://kms.eu-west-1.amazonaws.com" -> false. */
export function isLoopbackUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === "localhost" || host === "[::1]" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export interface ChooseCredentialsInput {
  profile?: string;
  env: Record<string, string | undefined>;
  /** The endpoints the command will talk to (null = real AWS). */
  endpoints: (string | null)[];
}

export function chooseCredentials(c: ChooseCredentialsInput): CredentialChoice {
  const profile = c.profile?.trim();
  if (profile) return { credentials: fromIni({ profile }), source: `profile ${profile} (--profile)` };
  const { AWS_ACCESS_KEY_ID: id, AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: token, AWS_PROFILE: envProfile } = c.env;
  if (id && secret) {
    return { credentials: { accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) }, source: "AWS_ACCESS_KEY_ID from the environment" };
  }
  if (envProfile?.trim()) return { credentials: fromIni({ profile: envProfile.trim() }), source: `profile ${envProfile.trim()} (AWS_PROFILE)` };
  if (c.endpoints.length > 0 && c.endpoints.every(isLoopbackUrl)) {
    return { credentials: { ...DUMMY_CREDENTIALS }, source: "dummy credentials (every endpoint is on this machine)" };
  }
  return { source: "the SDK's default credential chain" };
}

/** The one line to print when no credentials were found. */
export function credentialsHint(source: string): string {
  return (
    `no AWS credentials (looked in: ${source}): set AWS_PROFILE or pass --profile NAME, or set AWS_ACCESS_KEY_ID and ` +
    "AWS_SECRET_ACCESS_KEY; against a local endpoint (127.0.0.1) none are needed"
  );
}
