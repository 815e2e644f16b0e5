/**
 * Child process for the kill -9 tests: runs a small live scenario against the endpoint in argv[2],
 * results in argv[3], run id argv[5], and SIGKILLs itself right after the provisioning step named
 * in argv[4] ("key-created", "alias-created", "bucket-created") answered, before the manifest
 * records its outcome: exactly the state a crash at that point leaves behind.
 */
import { runLive } from "../../src/live/index.js";
import type { ProvisionStep } from "../../src/live/index.js";
import { credentials, smallScenario } from "../live/support.js";

const [endpoint, dir, step, runId] = process.argv.slice(2);
await runLive({
  scenario: smallScenario("live-kill", 5_000, 20),
  endpointUrl: endpoint,
  yes: true,
  resultsDir: dir,
  credentials,
  runId,
  skipAccountMetrics: true,
  onProvisionStep: (s: ProvisionStep) => {
    if (s === step) process.kill(process.pid, "SIGKILL");
  },
});
process.stdout.write("NOT KILLED\n");
