/**
 * What an Encryption SDK cache miss costs the caller beyond a hit's local time and one KMS round
 * trip - measured with the real libraries, one operation at a time, against the calibration
 * emulator (no quota, no injected latency).
 *
 * A miss does more local work than a hit: the default CMM makes the materials (for the default
 * signing suite on encrypt, a fresh ECDSA P-384 key pair, about 0.75 ms on its own), the keyring
 * wraps or unwraps the data key around its KMS call, and the cache stores the entry. The model
 * adds `latency.client` for the KMS call and `latency.operations` (the hit time) to every
 * operation; this is the rest, `latency.missOperationsMs`.
 *
 * Method, per Encryption SDK mix label, `rounds` times in turn (so drift hits all three alike):
 *   miss: encrypt (or decrypt) through a fresh caching CMM - an empty cache;
 *   hit:  the same operation through a CMM that already holds the entry;
 *   call: one direct GenerateDataKey - the round trip `latency.client` stands for.
 * extra := max(0, median(miss) - median(hit) - median(call)).
 * Example on this machine, 2 KiB messages: encrypt miss 6.40, hit 2.68, call 2.11 -> 1.60 ms;
 * decrypt miss 7.10, hit 2.15 -> 2.83 ms.
 *
 * Sequential on purpose: the concurrent part of the cost (queueing on the event loop) is in the
 * calibration run's hit time and client overhead already. Never logs or keeps plaintext or keys.
 */
import { getLocalCryptographicMaterialsCache, KmsKeyringNode, NodeCachingMaterialsManager } from "@aws-crypto/client-node";
import { CreateKeyCommand, GenerateDataKeyCommand, KMS } from "@aws-sdk/client-kms";
import { esdk, tenantContext } from "../live/operations.js";
import type { LiveCredentials } from "../live/types.js";
import type { Scenario } from "../scenario/types.js";

/** Default repetitions of each measurement. */
export const MISS_COST_ROUNDS = 150;

export interface MissCostOptions {
  endpointUrl: string;
  credentials: LiveCredentials;
  rounds?: number;
  /** Clock, ms (default performance.now). */
  now?: () => number;
}

/** Extra local time of a cache miss, ms, per Encryption SDK mix label; {} when the scenario has no local cache. */
export async function measureMissCost(scenario: Scenario, options: MissCostOptions): Promise<Record<string, number>> {
  const labels = scenario.traffic.mix.filter((m) => (m.op === "encrypt" && !m.streaming) || m.op === "decrypt");
  if (scenario.cache?.type !== "local" || labels.length === 0) return {};
  const rounds = options.rounds ?? MISS_COST_ROUNDS;
  if (!(Number.isInteger(rounds) && rounds >= 1)) throw new TypeError(`Expected rounds to be a positive integer, got ${rounds}`);
  const now = options.now ?? (() => performance.now());
  const kms = new KMS({ region: scenario.account.region, endpoint: options.endpointUrl, credentials: options.credentials, maxAttempts: 1 });
  try {
    const arn = (await kms.send(new CreateKeyCommand({ Description: "kmsplan rehearse: miss-cost probe" }))).KeyMetadata?.Arn;
    if (!arn) throw new Error("the calibration emulator returned no key ARN");
    const keyring = new KmsKeyringNode({ generatorKeyId: arn, clientProvider: () => kms as never });
    const cmm = (): NodeCachingMaterialsManager =>
      new NodeCachingMaterialsManager({ backingMaterials: keyring, cache: getLocalCryptographicMaterialsCache(16), maxAge: 3_600_000, maxMessagesEncrypted: 2 ** 32 });
    const encryptionContext = tenantContext(0);
    const time = async (f: () => Promise<unknown>): Promise<number> => {
      const t = now();
      await f();
      return now() - t;
    };
    const out: Record<string, number> = {};
    for (const m of labels) {
      const payload = Buffer.alloc(Math.max(1, m.op === "encrypt" ? m.sizeBytes : 1024), 7);
      const warm = cmm();
      const message = (await esdk.encrypt(warm, payload, { encryptionContext })).result;
      const op = m.op === "encrypt" ? (c: NodeCachingMaterialsManager) => esdk.encrypt(c, payload, { encryptionContext }) : (c: NodeCachingMaterialsManager) => esdk.decrypt(c, message);
      await op(warm); // the hit entry for decrypt; JIT for both
      const miss: number[] = [], hit: number[] = [], call: number[] = [];
      for (let i = 0; i < rounds; i++) {
        miss.push(await time(() => op(cmm())));
        hit.push(await time(() => op(warm)));
        call.push(await time(() => kms.send(new GenerateDataKeyCommand({ KeyId: arn, KeySpec: "AES_256", EncryptionContext: encryptionContext }))));
      }
      out[m.label] = Math.max(0, median(miss) - median(hit) - median(call));
    }
    return out;
  } finally {
    kms.destroy();
  }
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[s.length >> 1];
}
