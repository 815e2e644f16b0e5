import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarioJsonSchema } from "../../src/scenario/index.js";

describe("scenarios/scenario.schema.json", () => {
  it("is the generated JSON Schema (regenerate with `npm run schema`)", () => {
    const file = readFileSync(new URL("../../scenarios/scenario.schema.json", import.meta.url), "utf8");
    expect(file).toBe(JSON.stringify(scenarioJsonSchema(), null, 2) + "\n");
  });
});
