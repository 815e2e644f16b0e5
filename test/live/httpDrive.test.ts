/** The http driver's requests follow the shared schedule's tenants and mix (ScheduledRequests); its routes. */
import { describe, expect, it } from "vitest";
import { connectionsFor, routeOf, ScheduledRequests } from "../../src/live/httpDrive.js";
import { Schedule } from "../../src/plan/Schedule.js";
import { makeScenario } from "../fixtures/scenario.js";
import { mix } from "./support.js";

const scenario = (m: ReturnType<typeof mix>[]) =>
  makeScenario({ durationMs: 2000, tenants: { count: 7 }, traffic: { arrivals: "poisson", shape: [{ atMs: 0, ratePerSec: 200, rampMs: 0 }], mix: m as never } });

describe("ScheduledRequests", () => {
  it("sends arrival n of the schedule as request n: its tenant, its op's route", () => {
    const s = scenario([mix("encrypt", 0.5, 1024), mix("s3-get", 0.5)]);
    const reqs = new ScheduledRequests(s);
    const sched = new Schedule(s);
    for (let n = 0; n < 300 && sched.next(); n++) {
      const want = { route: s.traffic.mix[sched.opIndex].op === "encrypt" ? "POST" : "GET", tenant: sched.tenant };
      expect(reqs.next()).toEqual(want);
    }
  });

  it("skips (and counts) ops the tenant service has no route for, and starts over when the schedule ends", () => {
    const s = scenario([mix("decrypt", 0.5), mix("kms:GenerateRandom", 0.5)]);
    const reqs = new ScheduledRequests(s);
    let total = 0;
    const planned = (() => {
      const x = new Schedule(s);
      let n = 0;
      while (x.next()) n++;
      return n;
    })();
    for (let i = 0; i < planned; i++) {
      expect(reqs.next().route).toBe("GET");
      total++;
    }
    expect(total).toBe(planned); // more requests than the GETs of one pass: the schedule started over
    expect(reqs.skipped.get("kms:GenerateRandom")).toBeGreaterThan(planned / 2);
  });

  it("refuses a mix with nothing it can send", () => {
    expect(() => new ScheduledRequests(scenario([mix("kms:GenerateDataKey", 1)]))).toThrow(/http driver/);
  });

  it("maps writes to POST, reads to GET, direct KMS calls to nothing; sizes connections to the rate", () => {
    expect([routeOf("encrypt"), routeOf("s3-put"), routeOf("decrypt"), routeOf("s3-get"), routeOf("kms")]).toEqual(["POST", "POST", "GET", "GET", null]);
    expect(connectionsFor(20)).toBe(5);
    expect(connectionsFor(1)).toBe(2);
    expect(connectionsFor(100_000)).toBe(100);
  });
});
