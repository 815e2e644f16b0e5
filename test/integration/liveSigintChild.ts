/**
 * Child process for the SIGINT test: runs a 20 s live scenario against the endpoint in argv[2],
 * writing results to argv[3]; SIGINT aborts it the way the CLI does (AbortController). Prints
 * "RUNNING" once operations complete, then the outcome as one JSON line.
 */
import { runLive } from "../../src/live/index.js";
import { credentials, smallScenario } from "../live/support.js";

const [endpoint, dir] = process.argv.slice(2);
const ac = new AbortController();
process.on("SIGINT", () => ac.abort());
let said = false;
const out = await runLive({
  scenario: smallScenario("live-sigint", 20_000, 40),
  endpointUrl: endpoint,
  yes: true,
  resultsDir: dir,
  credentials,
  signal: ac.signal,
  progressEveryMs: 200,
  skipAccountMetrics: true,
  onProgress: (p) => {
    if (!said && p.completed >= 5) {
      said = true;
      process.stdout.write("RUNNING\n");
    }
  },
});
process.stdout.write(JSON.stringify({ file: out.file, manifest: out.manifest, complete: out.complete }) + "\n");
