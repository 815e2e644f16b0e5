import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ABSENT, KeyTable } from "../../../src/model/cache/KeyTable.js";

describe("KeyTable", () => {
  it("behaves like a Map under any sequence of set/get/delete (including growth and backward-shift deletes)", () => {
    const op = fc.tuple(fc.constantFrom("set", "get", "delete"), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -40, max: 40 }), fc.nat(1000));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const table = new KeyTable(16);
        const ref = new Map<string, number>();
        for (const [kind, a, b0, v] of ops) {
          const b = b0 < 0 ? 2 ** 40 + b0 : b0; // also large ids (two 32-bit halves)
          const k = `${a}:${b}`;
          if (kind === "set") {
            table.set(a, b, v);
            ref.set(k, v);
          } else if (kind === "delete") {
            expect(table.delete(a, b)).toBe(ref.delete(k));
          } else {
            expect(table.get(a, b)).toBe(ref.get(k) ?? ABSENT);
          }
          expect(table.size).toBe(ref.size);
        }
        for (const [k, v] of ref) {
          const [a, b] = k.split(":").map(Number);
          expect(table.get(a, b)).toBe(v);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("handles negative int32 ids (virtual data keys)", () => {
    const t = new KeyTable();
    t.set(1, -5, 3);
    t.set(1, -2147483648, 4);
    expect(t.get(1, -5)).toBe(3);
    expect(t.get(1, -2147483648)).toBe(4);
    expect(t.get(1, 5)).toBe(ABSENT);
  });
});
