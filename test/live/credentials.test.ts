/** Which credentials live and cleanup sign with (chooseCredentials), and what an unusable endpoint becomes (fatalFailure). */
import { describe, expect, it } from "vitest";
import { chooseCredentials, DUMMY_CREDENTIALS, isLoopbackUrl } from "../../src/live/credentials.js";
import { fatalFailure, oneLine } from "../../src/live/failures.js";

describe("isLoopbackUrl", () => {
  it.each([
    ["http://127.0.0.1:4566", true],
    ["http://127.10.0.3", true],
    ["http://localhost:5000", true],
    ["http://[::1]:5000", true],
    ["https://kms.eu-west-1.amazonaws.com", false],
    ["http://10.0.0.5:4566", false],
    ["http://127.0.0.1.example.com", false],
    ["not a url", false],
    [null, false],
  ])("%s -> %s", (url, want) => expect(isLoopbackUrl(url)).toBe(want));
});

describe("chooseCredentials", () => {
  const local = ["http://127.0.0.1:1", "http://127.0.0.1:1"];
  it("uses dummy credentials when every endpoint is local and nothing is configured", () => {
    const c = chooseCredentials({ env: {}, endpoints: local });
    expect(c.credentials).toEqual(DUMMY_CREDENTIALS);
    expect(c.source).toMatch(/dummy/);
  });

  it("leaves real AWS (or a remote endpoint) to the SDK's default chain", () => {
    expect(chooseCredentials({ env: {}, endpoints: [null] }).credentials).toBeUndefined();
    expect(chooseCredentials({ env: {}, endpoints: ["http://127.0.0.1:1", null] }).credentials).toBeUndefined();
    expect(chooseCredentials({ env: {}, endpoints: ["http://10.1.2.3:4566"] }).source).toMatch(/default credential chain/);
  });

  it("prefers --profile, then environment keys, then AWS_PROFILE, even for a local endpoint", () => {
    const env = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "s", AWS_SESSION_TOKEN: "t", AWS_PROFILE: "envprof" };
    const p = chooseCredentials({ profile: "sandbox", env, endpoints: local });
    expect(typeof p.credentials).toBe("function");
    expect(p.source).toBe("profile sandbox (--profile)");
    const e = chooseCredentials({ env, endpoints: local });
    expect(e.credentials).toEqual({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "s", sessionToken: "t" });
    expect(e.source).not.toMatch(/AKIDEXAMPLE|\bs\b/); // the source names where, never the secret
    const ap = chooseCredentials({ env: { AWS_PROFILE: "envprof" }, endpoints: local });
    expect(typeof ap.credentials).toBe("function");
    expect(ap.source).toBe("profile envprof (AWS_PROFILE)");
  });
});

describe("fatalFailure", () => {
  it("names a refused connection, a silent endpoint and missing credentials in one line each", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    expect(fatalFailure(refused, "http://127.0.0.1:9")).toEqual({ kind: "unreachable", message: "cannot connect to http://127.0.0.1:9 (ECONNREFUSED)" });
    const silent = Object.assign(new Error("a request has exceeded the configured 1000 ms requestTimeout."), { name: "TimeoutError", $metadata: { attempts: 3 } });
    expect(fatalFailure(silent, "http://127.0.0.1:4000")?.message).toBe(
      "http://127.0.0.1:4000 did not answer (TimeoutError after 1000 ms, 3 attempt(s); --request-timeout sets the bound)",
    );
    const noCreds = Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" });
    const f = fatalFailure(noCreds, null, "the SDK's default credential chain");
    expect(f?.kind).toBe("no-credentials");
    expect(f?.message).toMatch(/^no AWS credentials .*AWS_PROFILE.*--profile/);
    expect(f?.message).not.toMatch(/\n/);
  });

  it("is null for errors that are outcomes of the run (a KMS error, a throttle)", () => {
    expect(fatalFailure(Object.assign(new Error("x"), { name: "ThrottlingException" }), "http://127.0.0.1:1")).toBeNull();
    expect(fatalFailure(Object.assign(new Error("no STS here"), { name: "UnsupportedOperationException" }), "http://127.0.0.1:1")).toBeNull();
  });

  it("finds a socket code in the error's cause and keeps messages to one short line", () => {
    const wrapped = new Error("outer", { cause: Object.assign(new Error("inner"), { code: "ENOTFOUND" }) });
    expect(fatalFailure(wrapped, "http://nowhere.invalid")?.kind).toBe("unreachable");
    expect(oneLine(new Error("a\nb   c".repeat(100))).length).toBeLessThanOrEqual(240);
    expect(oneLine(new Error("a\nb"))).toBe("Error: a b");
  });
});
