/**
 * What a command may touch of the process, injected so that the CLI can be tested as
 * argv -> output without spawning: streams, environment, working directory, signals.
 */
import { writeFile, rename, mkdir } from "node:fs/promises";
import { dirname } from "node:path";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** True when stderr is a terminal (progress bars, colour). */
  isTTY: boolean;
  /** Resolves when the user interrupts (SIGINT); commands that run long subscribe to it. */
  onInterrupt: (handler: () => void) => () => void;
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
    onInterrupt: (handler) => {
      process.on("SIGINT", handler);
      process.on("SIGTERM", handler);
      return () => {
        process.off("SIGINT", handler);
        process.off("SIGTERM", handler);
      };
    },
  };
}

/** Write a file atomically: a temporary sibling, then rename. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}
