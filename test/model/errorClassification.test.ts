import { isServerError as sdkIsServerError, isThrottlingError as sdkIsThrottling, isTransientError as sdkIsTransient } from "@smithy/core/retry";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyError, isThrottlingError } from "../../src/model/errorClassification.js";
import { ErrorClass } from "../../src/model/retry/types.js";

const named = (name: string, status?: number, extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error("x"), { name, $metadata: status === undefined ? {} : { httpStatusCode: status }, ...extra });

/** The retry middleware's getRetryErrorType, built from the SDK's own exported predicates. */
function sdkClass(e: unknown): ErrorClass {
  const err = e as Parameters<typeof sdkIsThrottling>[0];
  if (sdkIsThrottling(err)) return ErrorClass.Throttling;
  if (sdkIsTransient(err)) return ErrorClass.Transient;
  if (sdkIsServerError(err)) return ErrorClass.ServerError;
  return ErrorClass.ClientError;
}

describe("classifyError", () => {
  it.each([
    ["KMS ThrottlingException (HTTP 400)", named("ThrottlingException", 400), ErrorClass.Throttling],
    ["case matters: throttlingexception", named("throttlingexception", 400), ErrorClass.ClientError],
    ["any 429", named("Whatever", 429), ErrorClass.Throttling],
    ["LimitExceededException (a KMS resource quota)", named("LimitExceededException", 400), ErrorClass.Throttling],
    ["S3 SlowDown 503 (throttling wins over transient)", named("SlowDown", 503), ErrorClass.Throttling],
    ["Throttling", named("Throttling", 400), ErrorClass.Throttling],
    ["TooManyRequestsException", named("TooManyRequestsException", 400), ErrorClass.Throttling],
    ["$retryable.throttling", named("X", 400, { $retryable: { throttling: true } }), ErrorClass.Throttling],
    ["503", named("ServiceUnavailable", 503), ErrorClass.Transient],
    ["500, 502, 504", named("InternalFailure", 502), ErrorClass.Transient],
    ["501 is a server error", named("NotImplemented", 501), ErrorClass.ServerError],
    ["599 is a server error", named("X", 599), ErrorClass.ServerError],
    ["TimeoutError", named("TimeoutError"), ErrorClass.Transient],
    ["RequestTimeoutException", named("RequestTimeoutException", 400), ErrorClass.Transient],
    ["ECONNRESET", Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), ErrorClass.Transient],
    ["EAI_AGAIN", Object.assign(new Error("dns"), { code: "EAI_AGAIN" }), ErrorClass.Transient],
    ["ECONNRESET in cause", Object.assign(new Error("wrapped"), { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) }), ErrorClass.Transient],
    ["AbortError is never transient", Object.assign(new Error("x"), { name: "AbortError", code: "ECONNRESET" }), ErrorClass.ClientError],
    ["$retryable {}", named("X", 400, { $retryable: {} }), ErrorClass.Transient],
    ["clock skew corrected", Object.assign(new Error("x"), { name: "InvalidSignatureException", $metadata: { httpStatusCode: 400, clockSkewCorrected: true } }), ErrorClass.Transient],
    ["Signature expired", Object.assign(new Error("Signature expired: 20260101T000000Z is now earlier than ..."), { name: "InvalidSignatureException" }), ErrorClass.Transient],
    ["HTTP/2 refused stream", Object.assign(new Error("Stream closed with error code NGHTTP2_REFUSED_STREAM"), { code: "ERR_HTTP2_STREAM_ERROR" }), ErrorClass.Transient],
    ["browser fetch TypeError", new TypeError("Failed to fetch"), ErrorClass.Transient],
    ["KMSInvalidStateException", named("KMSInvalidStateException", 400), ErrorClass.ClientError],
    ["InvalidCiphertextException", named("InvalidCiphertextException", 400), ErrorClass.ClientError],
    ["AccessDeniedException", named("AccessDeniedException", 400), ErrorClass.ClientError],
    ["a string", "boom", ErrorClass.ClientError],
    ["null", null, ErrorClass.ClientError],
  ] as const)("%s", (_label, err, expected) => {
    expect(classifyError(err)).toBe(expected);
    if (err !== null) expect(sdkClass(err)).toBe(expected);
    expect(isThrottlingError(err)).toBe(expected === ErrorClass.Throttling);
  });

  it("agrees with the SDK's predicates on arbitrary error shapes (property)", () => {
    const names = ["ThrottlingException", "throttlingexception", "SlowDown", "TimeoutError", "AbortError", "InvalidSignatureException", "KMSInvalidStateException", "X"];
    const errShape = fc.letrec((tie) => ({
      err: fc.record(
        {
          name: fc.constantFrom(...names),
          message: fc.constantFrom("", "Signature expired", "NGHTTP2_REFUSED_STREAM", "Failed to fetch"),
          code: fc.constantFrom(undefined, "", "ECONNRESET", "ENOTFOUND", "ERR_HTTP2_STREAM_ERROR", "EFOO"),
          $metadata: fc.option(fc.record({ httpStatusCode: fc.constantFrom(undefined, 200, 400, 429, 500, 501, 503, 504, 599, 600), clockSkewCorrected: fc.constantFrom(undefined, false, true) }, { requiredKeys: [] }), { nil: undefined }),
          $retryable: fc.constantFrom(undefined, {}, { throttling: true }, { throttling: false }, { throttling: 1 }),
          cause: fc.option(tie("err"), { nil: undefined, depthSize: "small" }),
        },
        { requiredKeys: ["name", "message"] },
      ),
    }));
    fc.assert(
      fc.property(errShape.err, fc.boolean(), (shape, asTypeError) => {
        const e = Object.assign(asTypeError ? new TypeError(shape.message) : new Error(shape.message), shape);
        return classifyError(e) === sdkClass(e);
      }),
      { numRuns: 5000 },
    );
  });
});
