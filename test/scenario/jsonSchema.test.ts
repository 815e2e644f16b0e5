import { describe, expect, it } from "vitest";
import { scenarioJsonSchema } from "../../src/scenario/index.js";
import { MIX_OPS } from "../../src/scenario/catalog.js";

type JsonSchema = { [key: string]: any };

describe("scenarioJsonSchema", () => {
  const schema = scenarioJsonSchema() as JsonSchema;

  it("is stable: the same output on every call, and a fresh object each time", () => {
    const again = scenarioJsonSchema() as JsonSchema;
    expect(JSON.stringify(again)).toBe(JSON.stringify(schema));
    expect(again).not.toBe(schema);
  });

  it("describes the top level, with the required keys and no others allowed", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.type).toBe("object");
    expect(Object.keys(schema.properties)).toEqual([
      "version", "name", "description", "seed", "duration", "warmup", "account", "tenants", "keys", "clients", "cache", "s3", "traffic", "latency", "variants",
    ]);
    expect(schema.required).toEqual(["version", "name", "duration", "tenants", "traffic"]);
    expect(schema.additionalProperties).toBe(false);
  });

  it("lists enums and the ops for completion", () => {
    const p = schema.properties;
    expect(p.keys.properties.boundary.enum).toEqual(["per-classification", "per-account", "per-tenant", "per-resource"]);
    expect(p.traffic.properties.mix.items.properties.op.enum).toEqual(MIX_OPS);
    expect(p.traffic.required).toEqual(["mix"]);
    expect(p.tenants.required).toEqual(["count"]);
    expect(p.keys.additionalProperties).toBe(false);
  });

  it("shares the duration and size forms as definitions with their patterns", () => {
    expect(schema.properties.duration).toEqual({ $ref: "#/$defs/Duration" });
    const patterns = (def: JsonSchema) => def.anyOf.map((b: JsonSchema) => b.pattern ?? b.type);
    expect(patterns(schema.$defs.Duration)).toEqual(["number", "^(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d))+$"]);
    expect(patterns(schema.$defs.Size)).toEqual(["number", "^\\d+(?:\\.\\d+)?(?:B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$"]);
  });
});
