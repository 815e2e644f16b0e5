/**
 * moto-backed suites: `describeMoto("name", (endpoint) => { ... })`.
 * moto_server missing: under CI=true the suite fails with a message saying so; otherwise it is
 * reported as skipped (never silently passed).
 */
import { describe, inject, it } from "vitest";

export function motoEndpoint(): string {
  return inject("motoEndpoint");
}

export function describeMoto(name: string, body: (endpoint: () => string) => void): void {
  const endpoint = inject("motoEndpoint");
  if (!endpoint) {
    const why = inject("motoMissing");
    if (process.env.CI === "true") {
      describe(name, () => {
        it("needs moto_server", () => {
          throw new Error(`${why}. CI must install it (see .ci/run).`);
        });
      });
    } else {
      describe.skip(`${name} (skipped: ${why})`, () => body(() => ""));
    }
    return;
  }
  describe(name, () => body(() => endpoint));
}

/** Wipe all moto state (all services). */
export async function resetMoto(endpoint: string): Promise<void> {
  await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
}
