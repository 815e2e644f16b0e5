/** A simulation job that failed, on a worker or on the calling thread: which one, and why ({ cause }). */
export class SimulationJobError extends Error {
  /** Index of the job in the array given. */
  readonly index: number;
  readonly label: string;

  constructor(index: number, total: number, label: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`simulation ${index + 1} of ${total} (${label}) failed: ${why}`, { cause });
    this.name = "SimulationJobError";
    this.index = index;
    this.label = label;
  }
}
