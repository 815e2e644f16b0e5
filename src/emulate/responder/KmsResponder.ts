/**
 * The built-in KMS responder: operation name -> handler over one in-memory `KeyTable`.
 * Handlers are synchronous: parsed JSON body in, JSON answer out, KmsError for KMS's errors.
 * An operation not listed answers 400 UnsupportedOperationException (JSON, never HTML).
 */
import { KmsError } from "../wire.js";
import * as crypto from "./cryptoOperations.js";
import type { Body } from "./fields.js";
import * as keys from "./keyOperations.js";
import type { KeyTable } from "./KeyTable.js";

type Handler = (table: KeyTable, body: Body) => unknown;

const HANDLERS: Readonly<Record<string, Handler>> = {
  CreateKey: keys.createKey,
  DescribeKey: keys.describeKey,
  ListKeys: keys.listKeys,
  CreateAlias: keys.createAlias,
  DeleteAlias: keys.deleteAlias,
  ListAliases: keys.listAliases,
  ScheduleKeyDeletion: keys.scheduleKeyDeletion,
  CancelKeyDeletion: keys.cancelKeyDeletion,
  EnableKey: keys.setEnabled(true),
  DisableKey: keys.setEnabled(false),
  TagResource: keys.tagResource,
  UntagResource: keys.untagResource,
  ListResourceTags: keys.listResourceTags,
  GenerateDataKey: crypto.generateDataKey,
  GenerateDataKeyWithoutPlaintext: crypto.generateDataKeyWithoutPlaintext,
  Encrypt: crypto.encrypt,
  Decrypt: crypto.decrypt,
  ReEncrypt: crypto.reEncrypt,
  GenerateRandom: crypto.generateRandom,
  GenerateMac: crypto.generateMac,
  VerifyMac: crypto.verifyMac,
};

/** Operations the built-in responder implements. */
export const RESPONDER_OPERATIONS: readonly string[] = Object.keys(HANDLERS);

export class KmsResponder {
  constructor(readonly table: KeyTable) {}

  /** True when `op` is implemented (unknown operations are rejected before throttling). */
  supports(op: string): boolean {
    return Object.hasOwn(HANDLERS, op);
  }

  /** The JSON answer to `op`, or a thrown KmsError. */
  handle(op: string, body: Body): unknown {
    const handler = HANDLERS[op];
    if (handler === undefined || !Object.hasOwn(HANDLERS, op)) {
      throw new KmsError("UnsupportedOperationException", `Operation ${op} is not supported by the kmsplan emulator.`);
    }
    return handler(this.table, body);
  }
}
