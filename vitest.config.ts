import { defineConfig } from "vitest/config";

/**
 * Two groups, run one after the other: every test first (files in parallel), then the rehearsals
 * alone. A rehearsal measures real SDK latency against the emulator, so other test files running
 * beside it on this 2-core machine would distort what it measures.
 */
const REHEARSAL = "test/integration/rehearse.test.ts";

export default defineConfig({
  test: {
    globalSetup: ["test/globalSetup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    reporters: ["default", "./test/closingLineReporter.ts"],
    projects: [
      {
        extends: true,
        test: { name: "tests", include: ["test/**/*.test.ts"], exclude: [REHEARSAL], sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: "rehearsals", include: [REHEARSAL], fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
