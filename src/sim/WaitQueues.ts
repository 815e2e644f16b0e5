/**
 * Operations waiting for a client-side rate-limiter token (adaptive retry mode), one set of waiters
 * per SDK client, served in RANDOM order - which is what the real SDK does, checked against it by
 * `kmsplan rehearse` (scenarios/rehearsal-open/adaptive.yaml).
 *
 * In @smithy/core 3.41.1 (`DefaultRateLimiter.acquireTokenBucket`) every waiter runs its own loop:
 * `while (tokens < 1) { sleep((1 - tokens) / fillRate s); refill }`. Every waiter that checks
 * between two grants computes the same wake-up instant (the moment the bucket reaches one token),
 * so they all wake together; the first timer to fire takes the token and the others sleep again.
 * Which timer fires first among equal deadlines depends on how stale the event loop's millisecond
 * clock was when each was set: in effect a draw among all waiters, old and new. Measured against
 * the SDK at 150% of quota (2 clients, 300 ops/s vs 200/s): p50 2.3 s and p99 24.7 s of latency,
 * where first-in-first-out service predicted 6.2 s and 12.5 s; random service predicts both within
 * 20% (see the rehearsal figures).
 *
 * Simulating every waiter's own wake-ups is O(waiters) events per token, quadratic under a
 * backlog; instead one waiter per client (the "poller", `peek`) polls the limiter, and when it is
 * granted a token, `draw` hands it to a uniformly random waiter (the poller included). The grant
 * rate (the limiter's fill rate) is the same either way.
 * Example: waiters [a, b, c], a polls and is granted: draw picks b with probability 1/3; b sends,
 * the waiters are [a, c] and a polls again at once.
 */
import type { Random } from "./Random.js";

export class WaitQueues {
  private readonly sets: Int32Array[];
  private readonly sizes: Int32Array;

  constructor(clients: number) {
    this.sets = Array.from({ length: clients }, () => new Int32Array(16));
    this.sizes = new Int32Array(clients);
  }

  size(client: number): number {
    return this.sizes[client];
  }

  /** The poller of `client` (the waiter at the front), or -1. */
  peek(client: number): number {
    return this.sizes[client] > 0 ? this.sets[client][0] : -1;
  }

  push(client: number, slot: number): void {
    let q = this.sets[client];
    const n = this.sizes[client];
    if (n === q.length) {
      const bigger = new Int32Array(q.length * 2);
      bigger.set(q);
      this.sets[client] = q = bigger;
    }
    q[n] = slot;
    this.sizes[client] = n + 1;
  }

  /** Removes and returns the poller; the last waiter becomes the poller. */
  shift(client: number): number {
    return this.removeAt(client, 0);
  }

  /**
   * The poller was granted a token: removes and returns a uniformly random waiter, who gets it. When
   * the poller itself is drawn, the oldest remaining waiter becomes the poller.
   */
  draw(client: number, rng: Random): number {
    return this.removeAt(client, rng.int(this.sizes[client]));
  }

  private removeAt(client: number, i: number): number {
    const q = this.sets[client];
    const n = this.sizes[client];
    if (!(i >= 0 && i < n)) throw new TypeError(`Expected a waiter index in 0..${n - 1}, got ${i}`);
    const slot = q[i];
    // O(1): the last waiter takes the freed place. Under random service who polls is immaterial.
    q[i] = q[n - 1];
    this.sizes[client] = n - 1;
    return slot;
  }
}
