// Point your own application at `kmsplan emulate` and watch it meet the KMS quota.
//
//   npx kmsplan emulate --symmetric 50          # prints http://127.0.0.1:PORT
//   node examples/app-against-emulator.mjs http://127.0.0.1:PORT
//   # or: AWS_ENDPOINT_URL_KMS=http://127.0.0.1:PORT node examples/app-against-emulator.mjs
//
// It creates a key, then sends GenerateDataKey calls as fast as 20 workers can for 2 seconds
// with SDK retries off, so every throttled call surfaces as the ThrottlingException KMS sends
// (HTTP 400). Against a 50/s quota most calls are throttled. The last line is a JSON summary.
// No AWS account is needed: the emulator does not check signatures (dummy credentials below).
import { CreateKeyCommand, GenerateDataKeyCommand, KMSClient } from "@aws-sdk/client-kms";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const endpoint = process.argv[2] ?? process.env.AWS_ENDPOINT_URL_KMS;
if (!endpoint) {
  console.error("usage: node examples/app-against-emulator.mjs http://127.0.0.1:PORT  (or set AWS_ENDPOINT_URL_KMS)");
  process.exit(2);
}
const seconds = Number(process.argv[3] ?? 2);

const kms = new KMSClient({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
  maxAttempts: 1, // no retries: see every ThrottlingException (your app would normally retry)
});

const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: "app-against-emulator" }));
const counts = { sent: 0, ok: 0, throttled: 0, otherErrors: 0 };
let example = null;
const until = Date.now() + seconds * 1000;

async function worker() {
  while (Date.now() < until) {
    counts.sent++;
    try {
      await kms.send(new GenerateDataKeyCommand({ KeyId: KeyMetadata.KeyId, KeySpec: "AES_256", EncryptionContext: { tenant: "t1" } }));
      counts.ok++;
    } catch (err) {
      if (err.name === "ThrottlingException") {
        counts.throttled++;
        example ??= { name: err.name, message: err.message, httpStatusCode: err.$metadata?.httpStatusCode };
      } else {
        counts.otherErrors++;
        example ??= { name: err.name, message: err.message };
      }
    }
  }
}

await Promise.all(Array.from({ length: 20 }, worker));
kms.destroy();
console.log(`${counts.sent} GenerateDataKey calls in ${seconds} s: ${counts.ok} ok, ${counts.throttled} ThrottlingException`);
if (example) console.log(`e.g. ${example.name} (HTTP ${example.httpStatusCode}): ${example.message}`);
console.log(JSON.stringify({ ...counts, okPerSec: counts.ok / seconds, example }));
