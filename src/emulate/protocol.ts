/**
 * Which service and operation an HTTP request names, by the AWS JSON 1.1 protocol's rules
 * (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html): `POST /`, `Content-Type:
 * application/x-amz-json-1.1`, `X-Amz-Target: <Service>.<Operation>`. Wire facts, in
 * docs/reference.md §2 (protocol errors), with their sources:
 *
 * - A request that is not POST / with the JSON 1.1 content type, or has no X-Amz-Target, is one
 *   no protocol handler of the AWS service framework claims: 404 UnknownOperationException
 *   (an AWS engineer on smithy-lang/smithy#1368, 2022-08-25; smithy-typescript's
 *   framework-errors.smithy: `@httpError(404) structure UnknownOperationException`).
 * - A JSON 1.1 request whose X-Amz-Target names no operation of the service: 400, `x-amzn-ErrorType`
 *   and `__type` UnknownOperationException (a capture from CloudWatch Logs, another JSON 1.1
 *   service: aws/aws-sdk-net#1536, `{"__type":"UnknownOperationException"}`, BadRequest).
 *   Not captured from KMS itself.
 * - The target is compared exactly: "TrentService. Encrypt" names no operation. Leading and
 *   trailing spaces are not part of a header's value (RFC 9110 §5.5), so Node's parser, like any
 *   HTTP front end, drops them before this code sees the value.
 *
 * Example: `POST /` with `X-Amz-Target: TrentService.Encrypt` -> { service: "kms", operation: "Encrypt" };
 * `TrentService.encrypt` -> { service: "kms", operation: null } (answered 400 UnknownOperationException).
 */
import type { IncomingHttpHeaders } from "node:http";
import { KMS_OPERATIONS, SERVICE_QUOTAS_OPERATIONS } from "./operations.js";
import { JSON_11, KmsError } from "./wire.js";

export const KMS_TARGET_PREFIX = "TrentService.";
export const SERVICE_QUOTAS_TARGET_PREFIX = "ServiceQuotasV20190624.";

/** A request the JSON 1.1 protocol claims: its service, and its operation or null when it names none. */
export interface Routed {
  service: "kms" | "service-quotas" | "other";
  operation: string | null;
}

/** Why a request was refused before it reached an operation (fixed keys of `/__kmsplan/stats` `rejected`). */
export type RejectReason = "notJson11" | "missingTarget" | "bodyTooLarge" | "bodyBudget";

export class ProtocolError extends KmsError {
  constructor(
    readonly reason: RejectReason,
    type: string,
    message: string,
    status: number,
  ) {
    super(type, message, status);
  }
}

/** The media type of a Content-Type value, lower case, without parameters: "Application/X-Amz-Json-1.1; charset=utf-8" -> "application/x-amz-json-1.1". */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";", 1)[0].trim().toLowerCase();
}

/** Route a request to a service and operation, or throw the ProtocolError KMS's front end would answer. */
export function routeRequest(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): Routed {
  const contentType = headers["content-type"];
  if (method !== "POST" || url !== "/" || (contentType !== JSON_11 && mediaType(contentType) !== JSON_11)) {
    throw new ProtocolError("notJson11", "UnknownOperationException", `KMS answers POST / with Content-Type ${JSON_11} only.`, 404);
  }
  const target = headers["x-amz-target"];
  if (typeof target !== "string" || target === "") {
    throw new ProtocolError("missingTarget", "UnknownOperationException", "Missing X-Amz-Target header.", 404);
  }
  if (target.startsWith(KMS_TARGET_PREFIX)) return named("kms", target.slice(KMS_TARGET_PREFIX.length), KMS_OPERATIONS);
  if (target.startsWith(SERVICE_QUOTAS_TARGET_PREFIX)) {
    return named("service-quotas", target.slice(SERVICE_QUOTAS_TARGET_PREFIX.length), SERVICE_QUOTAS_OPERATIONS);
  }
  return { service: "other", operation: null };
}

function named(service: Routed["service"], name: string, known: ReadonlySet<string>): Routed {
  return { service, operation: known.has(name) ? name : null };
}

/** The answer to a target that names no operation. The name is not echoed: it is the caller's input, of any length. */
export function unknownOperation(): KmsError {
  return new KmsError("UnknownOperationException", "The X-Amz-Target header names no operation of this service.", 400);
}
