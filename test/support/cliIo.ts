/** An in-memory CliIo for testing commands as argv -> (exit code, stdout, stderr). */
import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function memoryIo(cwd = process.cwd(), env: NodeJS.ProcessEnv = {}): CliIo & { out: string[]; err: string[]; interrupt: () => void } {
  const out: string[] = [];
  const err: string[] = [];
  const handlers = new Set<() => void>();
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    env,
    cwd,
    isTTY: false,
    onInterrupt: (h) => {
      handlers.add(h);
      return () => handlers.delete(h);
    },
    interrupt: () => handlers.forEach((h) => h()),
  };
}

export async function runCli(argv: string[], cwd?: string): Promise<CliRun> {
  const io = memoryIo(cwd);
  const code = await main(argv, io);
  return { code, stdout: io.out.join(""), stderr: io.err.join("") };
}
