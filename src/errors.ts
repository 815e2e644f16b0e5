/**
 * The few named errors of kmsplan. Only `cli/main` maps them to exit codes:
 * 0 ok, 1 unexpected, 2 invalid scenario or usage, 3 a threshold or comparison failed,
 * 4 a run that was invalid or incomplete.
 */

/** One problem in a scenario file, with its position when known (1-based line and column). */
export interface ScenarioProblem {
  file: string;
  line: number | null;
  col: number | null;
  /** Dotted path in the document, e.g. "traffic.mix[2].weight"; "" for the whole document. */
  path: string;
  message: string;
}

export function formatProblem(p: ScenarioProblem): string {
  const where = p.line !== null ? `${p.file}:${p.line}:${p.col ?? 1}` : p.file;
  return p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}

/** A scenario that cannot be loaded: carries every problem found, not just the first. */
export class ScenarioError extends Error {
  readonly problems: ScenarioProblem[];
  constructor(problems: ScenarioProblem[], options?: { cause?: unknown }) {
    super(problems.map(formatProblem).join("\n"), options);
    this.name = "ScenarioError";
    this.problems = problems;
  }
}

/** Bad command-line usage (unknown flag, missing argument, conflicting options). */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UsageError";
  }
}

/** A comparison or threshold failed (exit 3). */
export class ThresholdError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ThresholdError";
  }
}

/** A live run refused to start or was stopped by a guardrail (wrong account, budget reached). */
export class GuardrailError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "GuardrailError";
  }
}

/**
 * A run that did not do what it was asked (exit 4): stopped early, failed to start (no
 * credentials, endpoint refused), measured something invalid (a driver that fell behind its
 * schedule), or a cleanup that left resources behind. Whatever was measured is still written.
 */
export class RunIncompleteError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RunIncompleteError";
  }
}

/**
 * A file given on the command line that is not what it must be (exit 2): missing, a directory,
 * not JSON, or not a valid kmsplan result or manifest. The message is one line and names the file;
 * the CLI prints it as it is, with no usage hint.
 */
export class InputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InputError";
  }
}
