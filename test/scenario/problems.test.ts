import { describe, expect, it } from "vitest";
import { ScenarioError, formatProblem } from "../../src/errors.js";
import { parseScenario } from "../../src/scenario/index.js";
import { MINIMAL, SPEC_EXAMPLE, brief, edit, problemsOf } from "./helpers.js";

describe("problems: one bad input each, with path, line and column", () => {
  it.each([
    ["negative rate", "  rate: 9000                          #", "  rate: -5 #", "60:9 traffic.rate: expected a number >= 0, got -5"],
    ["wrong type", "  count: 3000 ", "  count: many ", '22:10 tenants.count: expected a number, got "many"'],
    ["not an integer", "  count: 3000 ", "  count: 2.5 ", "22:10 tenants.count: expected an integer, got 2.5"],
    ["unknown top-level key", "tenants:\n", "tenents:\n", '21:1 tenents: unknown key "tenents"; did you mean "tenants"?'],
    ["unknown nested key", "    burstSeconds: 1 ", "    burstSecond: 1 ", '18:5 account.throttle.burstSecond: unknown key "burstSecond"; did you mean "burstSeconds"?'],
    [
      "unknown enum value",
      "  boundary: per-classification  ",
      "  boundary: per-tennant  ",
      '31:13 keys.boundary: expected one of per-classification, per-account, per-tenant, per-resource, got "per-tennant"; did you mean "per-tenant"?',
    ],
    ["bad duration unit", "duration: 10m ", "duration: 10x ", '5:11 duration: expected a duration: a number of ms or a string like "250ms", "30s", "5m", "2h", "1d", got "10x"'],
    ["negative duration", "warmup: 30s ", "warmup: -30 ", '6:9 warmup: expected a duration: a number of ms or a string like "250ms", "30s", "5m", "2h", "1d", got -30'],
    ["bad size", "size: 64KiB", "size: 64kb", '66:39 traffic.mix[0].size: expected a size: a number of bytes or a string like "512B", "4KiB", "1MiB", "1GiB", "1KB", got "64kb"'],
    ["wrong version", "version: 1", "version: 2", "1:10 version: expected 1, got 2"],
    ["bad union value", "  rotation: yearly ", "  rotation: monthly ", '36:13 keys.rotation: expected "none", "yearly" or { everyDays: <days> }, got "monthly"'],
    ["bad zipf", "  distribution: uniform ", "  distribution: { zipf: -1 } ", "23:25 tenants.distribution.zipf: expected a number > 0, got -1"],
    ["share out of range", "  count: 3000 ", "  count: 3000\n  x: 1 ", '23:3 tenants.x: unknown key "x"; expected one of count, distribution, classifications'],
  ])("%s", (_name, from, to, expected) => {
    const problems = problemsOf(edit(SPEC_EXAMPLE, from, to), "spec.yaml");
    expect(problems.map(brief)).toEqual([expected]);
    expect(problems[0].file).toBe("spec.yaml");
  });

  it.each([
    ["list expected", '  mix:\n    - { op: "kms:GenerateDataKey", weight: 1 }\n', "  mix: 5\n", "8:8 traffic.mix: expected a list, got 5"],
    ["mapping expected", "duration: 1m\n", "duration: 1m\nclients: { retry: fast }\n", '4:19 clients.retry: expected a mapping, got "fast"'],
    ["true or false", "duration: 1m\n", "duration: 1m\ns3: { bucketKeys: yes }\n", '4:19 s3.bucketKeys: expected true or false, got "yes"'],
    ["string expected", "name: minimal", "name: [a]", "2:1 name: expected a string, got a list of 1"],
    ["infinite number", "  rate: 100", "  rate: .inf", "7:9 traffic.rate: expected a number, got Infinity"],
  ])("%s", (_name, from, to, expected) => {
    expect(problemsOf(edit(MINIMAL, from, to)).map(brief)).toEqual([expected]);
  });

  it.each([
    ["misspelt key inside a union", "tenants:\n  count: 10\n", "tenants:\n  count: 10\n  distribution: { zipff: 1 }\n", '6:19 tenants.distribution.zipff: unknown key "zipff"; did you mean "zipf"?'],
    ["short tuple inside a union", '{ op: "kms:GenerateDataKey", weight: 1 }', "{ op: decrypt, weight: 1, readAge: { uniform: [1s] } }", "9:44 traffic.mix[0].readAge.uniform: expected at least 2 entries, got a list of 1"],
    ["no shape fits", '{ op: "kms:GenerateDataKey", weight: 1 }', "{ op: decrypt, weight: 1, readAge: { exponetial: 5s } }", "9:33 traffic.mix[0].readAge: expected a duration, { uniform: [min, max] } or { exponential: <mean> }, got a mapping"],
    ["bad count in a union", "duration: 1m\n", "duration: 1m\ns3: { requesters: 0 }\n", "4:19 s3.requesters: expected a number >= 1, got 0"],
  ])("union: %s", (_name, from, to, expected) => {
    expect(problemsOf(edit(MINIMAL, from, to)).map(brief)).toEqual([expected]);
  });

  it("lists the valid operations for an unknown op, with a suggestion", () => {
    const [p] = problemsOf(edit(SPEC_EXAMPLE, 'op: "kms:GenerateDataKey"', 'op: "kms:GenerateDatKey"'));
    expect([p.line, p.col, p.path]).toEqual([70, 13, "traffic.mix[4].op"]);
    expect(p.message).toContain("expected one of s3-put, s3-get, encrypt, decrypt, kms:Encrypt, kms:Decrypt");
    expect(p.message).toContain("kms:Sign, kms:Verify, kms:DeriveSharedSecret");
    expect(p.message).toContain('got "kms:GenerateDatKey"; did you mean "kms:GenerateDataKey"?');
  });

  it("points a missing required key at its parent mapping", () => {
    expect(problemsOf(edit(SPEC_EXAMPLE, "  count: 3000 ", "  ")).map(brief)).toEqual(["21:1 tenants.count: required, expected a number"]);
    expect(problemsOf(edit(SPEC_EXAMPLE, "name: saas-per-tenant", "")).map(brief)).toEqual(["1:1 name: required, expected a string"]);
    expect(problemsOf(edit(SPEC_EXAMPLE, "{ op: decrypt, weight: 10 }", "{ op: decrypt }")).map(brief)).toEqual([
      "69:7 traffic.mix[3].weight: required, expected a number",
    ]);
  });

  it("reports weights that sum to 0 at the mix", () => {
    const text = edit(MINIMAL, '{ op: "kms:GenerateDataKey", weight: 1 }', '{ op: "kms:GenerateDataKey", weight: 0 }');
    expect(problemsOf(text).map(brief)).toEqual(["8:3 traffic.mix: expected weights that sum to more than 0, got 0"]);
  });

  it("reports an empty mix", () => {
    const text = edit(MINIMAL, '  mix:\n    - { op: "kms:GenerateDataKey", weight: 1 }\n', "  mix: []\n");
    expect(problemsOf(text).map(brief)).toEqual(["8:3 traffic.mix: expected at least 1 entry, got an empty list"]);
  });

  it("reports YAML syntax errors with their position", () => {
    const problems = problemsOf(edit(SPEC_EXAMPLE, "    - { op: s3-get, weight: 50 }", "    - { op: s3-get, weight: 50 "));
    expect(problems.length).toBeGreaterThanOrEqual(1);
    expect(problems[0].line).toBeGreaterThanOrEqual(67);
    expect(problems[0].message).toMatch(/^YAML syntax error: /);
    expect(problems[0].path).toBe("");
  });

  it.each([
    ["duplicate key", "version: 1\nversion: 1\n", 2, 1, /^YAML: duplicate key "version", already on line 1: keys of a mapping must be unique$/],
    ["bad indentation", "a:\n  b: 1\n c: 2\n", 3, 1, /^YAML indentation: this line is indented 1 space, but the entries above it \(line 2\) are at 2/],
    ["two documents", "version: 1\n---\nname: x\n", 2, 1, /multiple documents/],
    ["tab indentation", "tenants:\n\tcount: 1\n", 2, 1, /^YAML indentation: a tab in the indentation: YAML indents with spaces only/],
  ])("YAML syntax: %s", (_name, text, line, col, message) => {
    const [p] = problemsOf(text);
    expect([p.line, p.col]).toEqual([line, col]);
    expect(p.message).toMatch(message);
  });

  it("reports an empty document and a non-mapping document", () => {
    expect(problemsOf("").map(brief)).toEqual(["1:1 : expected a scenario mapping (version, name, duration, tenants, traffic, ...), got an empty document"]);
    expect(problemsOf("# only a comment\n").map(brief)).toHaveLength(1);
    expect(problemsOf("- a\n- b\n").map(brief)).toEqual(["1:1 : expected a mapping, got a list of 2"]);
  });

  it("reports every problem at once, in file order", () => {
    let text = SPEC_EXAMPLE;
    text = edit(text, "duration: 10m ", "duration: 10x ");
    text = edit(text, "tenants:\n", "tenents:\n");
    text = edit(text, "  boundary: per-classification  ", "  boundary: per-tennant  ");
    text = edit(text, "  rate: 9000                          #", "  rate: -5 #");
    text = edit(text, 'op: "kms:GenerateDataKey"', 'op: "kms:Nope"');
    text = edit(text, "    mode: standard ", "    mode: 3 ");
    const problems = problemsOf(text);
    expect(problems.map((p) => `${p.line}:${p.col} ${p.path}`)).toEqual([
      "5:11 duration",
      "21:1 tenents",
      "31:13 keys.boundary",
      "43:11 clients.retry.mode",
      "60:9 traffic.rate",
      "70:13 traffic.mix[4].op",
    ]);
    // "tenants" is missing because of the typo: reported once, as the typo.
    expect(problems.find((p) => p.path === "tenents")?.message).toBe('unknown key "tenents"; did you mean "tenants"?');
  });

  it("formats problems as file:line:col: path: message", () => {
    try {
      parseScenario(edit(SPEC_EXAMPLE, "  rate: 9000                          #", "  rate: -5 #"), "dir/spec.yaml");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).message).toBe("dir/spec.yaml:60:9: traffic.rate: expected a number >= 0, got -5");
      expect(formatProblem((e as ScenarioError).problems[0])).toBe((e as ScenarioError).message);
    }
  });
});

describe("problems: reserved keys", () => {
  it.each([
    ["top level", "__proto__: { polluted: 1 }\n", '10:1 __proto__: unknown key "__proto__"'],
    ["free-form mapping", "variants:\n  v: { tenants.classifications: { __proto__: { polluted: 1 }, a: 1 } }\n", '11:35 variants.v["tenants.classifications"].__proto__: unknown key "__proto__"'],
    ["variant path", "variants:\n  v: { keys.__proto__.polluted: 1 }\n", '11:8 variants.v["keys.__proto__.polluted"]: unknown path "keys.__proto__.polluted" in variant "v"'],
  ])("reports __proto__ (%s) without polluting Object.prototype", (_name, extra, expected) => {
    expect(problemsOf(MINIMAL + extra).map(brief)).toEqual([expected]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("problems: cross-field rules reported with schema problems", () => {
  it("runs the rules of the sections that passed the schema", () => {
    let text = edit(MINIMAL, "duration: 1m", "duration: 1m\nwarmup: 2m\naccount: { region: us-wset-2 }");
    text = edit(text, "  count: 10", "  count: many");
    text += "latency:\n  kms: { p50: 9ms, p99: 1ms }\n";
    expect(problemsOf(text).map((p) => `${p.line}:${p.col} ${p.path}`)).toEqual([
      "4:9 warmup", // rule: warmup >= duration
      "5:20 account.region", // rule: unknown Region
      "7:10 tenants.count", // schema
      "13:25 latency.kms.p99", // rule: p99 < p50
    ]);
  });

  it("skips the rules that read a section the schema rejected", () => {
    // duration is broken, so "warmup < duration" cannot be checked; the mix rule reads traffic and keys, both fine.
    const text = edit(edit(MINIMAL, "duration: 1m", "duration: 10x\nwarmup: 2m"), '{ op: "kms:GenerateDataKey", weight: 1 }', '{ op: "kms:Sign", weight: 1 }');
    expect(problemsOf(text).map((p) => `${p.line}:${p.col} ${p.path}`)).toEqual(["3:11 duration", "10:13 traffic.mix[0].op"]);
  });
});

describe("problems: YAML indentation points at the line that is wrong", () => {
  const mix = (entries: string) => edit(MINIMAL, '    - { op: "kms:GenerateDataKey", weight: 1 }', entries);

  it.each([
    [
      "a mix entry indented one space too little",
      mix('    - { op: "kms:GenerateDataKey", weight: 1 }\n   - { op: "kms:Decrypt", weight: 1 }'),
      "10:1 : YAML indentation: this line is indented 3 spaces, but the entries above it (line 9) are at 4: entries of one mapping or list must line up; indent it like one of the lines above it",
    ],
    [
      "a block mix entry's key one space too little",
      mix('    - op: "kms:GenerateDataKey"\n      weight: 1\n    - op: "kms:Decrypt"\n     weight: 1'),
      "12:1 : YAML indentation: this line is indented 5 spaces, but the entries above it (line 11) are at 6: entries of one mapping or list must line up; indent it like one of the lines above it",
    ],
    [
      "a block mix entry's key one space too much",
      mix('    - op: "kms:GenerateDataKey"\n      weight: 1\n    - op: "kms:Decrypt"\n       weight: 1'),
      "12:1 : YAML indentation: this line is indented 7 spaces, but the entries above it (line 11) are at 6: entries of one mapping or list must line up; indent it like one of the lines above it",
    ],
    [
      // The parser complains about line 8 (mix); the odd one out is line 7.
      "the first key of a section indented one space too much",
      edit(MINIMAL, "  rate: 100", "   rate: 100"),
      "7:1 : YAML indentation: this line is indented 3 spaces, but line 8 at the same level is indented 2 spaces (this file indents by 2): entries of one mapping or list must line up; indent this one 2 spaces",
    ],
    [
      "the first key of a section indented one space too little",
      edit(MINIMAL, "  rate: 100", " rate: 100"),
      "7:1 : YAML indentation: this line is indented 1 space, but line 8 at the same level is indented 2 spaces (this file indents by 2): entries of one mapping or list must line up; indent this one 2 spaces",
    ],
    ["a tab", edit(MINIMAL, "  count: 10", "\tcount: 10"), "5:1 : YAML indentation: a tab in the indentation: YAML indents with spaces only; replace the tab with spaces"],
    ["a tab after spaces", mix('  \t- { op: "kms:GenerateDataKey", weight: 1 }'), "9:3 : YAML indentation: a tab in the indentation: YAML indents with spaces only; replace the tab with spaces"],
  ])("%s", (_name, text, expected) => {
    expect(problemsOf(text).map(brief)).toEqual([expected]);
  });

  it("says a key was meant to be indented under the empty key above it", () => {
    expect(problemsOf(edit(MINIMAL, "  count: 10", "count: 10")).map(brief)).toEqual([
      "4:9 tenants: expected a mapping, got null",
      '5:1 count: unknown key "count" here; did you mean to indent it under "tenants" (line 4), which has no value?',
    ]);
  });

  it("keeps the parser's message where the indentation is consistent", () => {
    const [p] = problemsOf(edit(MINIMAL, '{ op: "kms:GenerateDataKey", weight: 1 }', '{ op: "kms:GenerateDataKey", weight: 1 '));
    expect(p.message).toMatch(/^YAML syntax error: /);
  });
});

describe("problems: many of them", () => {
  it("shows the first 100 in file order and counts the rest", () => {
    const entries = Array.from({ length: 300 }, () => "    - { op: s3-gett, weight: 1 }").join("\n");
    const problems = problemsOf(edit(MINIMAL, '    - { op: "kms:GenerateDataKey", weight: 1 }', entries));
    expect(problems).toHaveLength(101);
    expect(problems.slice(0, 100).map((p) => p.line)).toEqual(Array.from({ length: 100 }, (_, i) => 9 + i));
    expect(problems[100]).toEqual({ file: "s.yaml", line: null, col: null, path: "", message: "and 200 more problem(s) like those above, not shown" });
  });

  it("refuses text over the size limit and nesting over the depth limit, with where", () => {
    expect(problemsOf("# " + "x".repeat(140 * 1024)).map(brief)).toEqual(["null:null : the scenario is 140.0 KiB; a scenario may be at most 128 KiB"]);
    expect(problemsOf(`name: ${"[".repeat(70)}${"]".repeat(70)}`).map(brief)).toEqual(["1:71 : YAML: nested deeper than 64 levels; a scenario nests about 5"]);
    // Brackets inside quotes and comments are not nesting.
    expect(() => parseScenario(MINIMAL + `description: "${"[".repeat(100)}" # ${"{".repeat(100)}\n`, "q.yaml")).not.toThrow();
  });
});
