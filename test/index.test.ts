/** The public library API: one import gives the whole pipeline, with no side effects. */
import { describe, expect, it } from "vitest";
import * as kmsplan from "../src/index.js";

describe("library API (src/index.ts)", () => {
  it("parses, simulates, renders and compares without touching the process", () => {
    const { base } = kmsplan.parseScenario(
      "version: 1\nname: api\nduration: 5s\ntenants: { count: 2 }\ntraffic: { rate: 50, mix: [ { op: encrypt, weight: 1 } ] }\n",
      "api.yaml",
    );
    const r = kmsplan.simulate(base);
    expect(r.app.operations).toBeGreaterThan(200);
    expect(kmsplan.renderText(r)).toMatch(/api/);
    expect(kmsplan.compareResults(r, r).ok).toBe(true);
    expect(() => kmsplan.parseScenario("version: 2\n", "bad.yaml")).toThrow(kmsplan.ScenarioError);
  });
});
