/** The simulation pool: many simulations side by side on worker threads, results in job order. */
export { runSimulations, runInProcess, autoWorkers, DEFAULT_JOBS } from "./runSimulations.js";
export { SimulationPool } from "./SimulationPool.js";
export { SimulationJobError } from "./SimulationJobError.js";
export type { SimulationJob, SimulationProgress, RunningJob, JobStats, RunSimulationsOptions } from "./types.js";
