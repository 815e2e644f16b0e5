/**
 * Progress of a batch of jobs, wherever they run: each job's fraction of simulated time, weighted
 * by its simulated duration, and which jobs are running.
 *
 * Example: jobs of 10 min and 5 min; the first half done, the second not started ->
 * fraction (0.5 * 10 + 0 * 5) / 15 = 0.33, running [the first].
 */
import type { SimulationJob, SimulationProgress } from "./types.js";
import { jobLabel } from "./runJob.js";

export class JobProgress {
  private readonly labels: string[];
  private readonly weights: number[];
  private readonly totalWeight: number;
  /** Per job: -1 not started, 0..1 running, 2 finished. */
  private readonly state: number[];
  private done = 0;

  constructor(jobs: readonly SimulationJob[], private readonly onProgress?: (p: SimulationProgress) => void) {
    this.labels = jobs.map(jobLabel);
    this.weights = jobs.map((j) => Math.max(j.scenario.durationMs, 1));
    this.totalWeight = this.weights.reduce((a, b) => a + b, 0);
    this.state = jobs.map(() => -1);
  }

  /** Jobs finished so far. */
  get finished(): number {
    return this.done;
  }

  label(index: number): string {
    return this.labels[index];
  }

  /** A step of job `index` (0 when it starts); ignored once the job has finished. */
  update(index: number, fraction: number): void {
    if (this.state[index] === 2) return;
    this.state[index] = Math.min(Math.max(fraction, 0), 1);
    this.emit();
  }

  finish(index: number): void {
    if (this.state[index] === 2) return;
    this.state[index] = 2;
    this.done++;
    this.emit();
  }

  private emit(): void {
    if (!this.onProgress) return;
    let sum = 0;
    const running: SimulationProgress["running"] = [];
    this.state.forEach((s, i) => {
      if (s === 2) sum += this.weights[i];
      else if (s >= 0) {
        sum += s * this.weights[i];
        running.push({ index: i, label: this.labels[i], fraction: s });
      }
    });
    this.onProgress({ fraction: this.totalWeight > 0 ? sum / this.totalWeight : 1, done: this.done, total: this.state.length, running });
  }
}
