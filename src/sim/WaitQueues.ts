/**
 * Operations waiting for a client-side rate-limiter token (adaptive retry mode), one FIFO per SDK
 * client. Only the head of a queue polls the limiter; the others wait their turn. In the SDK every
 * waiter sleeps and re-checks on its own, so N waiters wake N times per token granted: simulated
 * literally that is O(N) events per token, quadratic under a backlog. The grant rate (the
 * limiter's fill rate) is the same either way; only which waiter gets the next token may differ
 * (Node fires equal timers in insertion order, so the SDK is close to FIFO too).
 */
export class WaitQueues {
  private readonly queues: Int32Array[];
  private readonly heads: Int32Array;
  private readonly tails: Int32Array;

  constructor(clients: number) {
    this.queues = Array.from({ length: clients }, () => new Int32Array(16));
    this.heads = new Int32Array(clients);
    this.tails = new Int32Array(clients);
  }

  size(client: number): number {
    return this.tails[client] - this.heads[client];
  }

  /** The slot at the head of `client`'s queue, or -1. */
  peek(client: number): number {
    return this.heads[client] < this.tails[client] ? this.queues[client][this.heads[client] & (this.queues[client].length - 1)] : -1;
  }

  push(client: number, slot: number): void {
    let q = this.queues[client];
    const n = this.tails[client] - this.heads[client];
    if (n === q.length) {
      const bigger = new Int32Array(q.length * 2);
      for (let i = 0; i < n; i++) bigger[i] = q[(this.heads[client] + i) & (q.length - 1)];
      this.queues[client] = q = bigger;
      this.heads[client] = 0;
      this.tails[client] = n;
    }
    q[this.tails[client]++ & (q.length - 1)] = slot;
  }

  shift(client: number): number {
    const q = this.queues[client];
    return q[this.heads[client]++ & (q.length - 1)];
  }
}
