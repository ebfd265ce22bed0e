/**
 * A semaphore for heavy work (graph searches, aggregates over many papers, full-text counts) shared by all
 * requests: at most `concurrency` run at once, at most `queueLength` wait, none waits longer than
 * `maxWaitMs`. A request that cannot get a place is refused at once with SERVER_BUSY, so a burst of heavy
 * requests costs the burst a quick refusal, not everyone a long wait. Light work never comes here.
 */
import { serverBusy } from './errors.js';

export interface HeavyGateOptions {
  /** Heavy operations running at once, across all requests. */
  concurrency: number;
  /** Heavy operations waiting for a place; one more is refused. */
  queueLength: number;
  /** Longest wait for a place before the operation is refused. */
  maxWaitMs: number;
}

interface Waiter {
  grant(): void;
  refuse(error: unknown): void;
}

export class HeavyGate {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly options: HeavyGateOptions) {}

  /** Figures for monitoring. */
  /** Requests in flight on the server, light ones included (counted by their RequestScope). */
  requestsInFlight = 0;

  get stats(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /**
   * Take a place (waiting if need be); resolves to the function that gives it back, which may be called
   * more than once. Refused when the queue is full, the wait too long, or `signal` aborts.
   */
  async acquire(signal: AbortSignal): Promise<() => void> {
    await this.take(signal);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.release();
    };
  }

  private take(signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    if (this.running < this.options.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.options.queueLength) {
      return Promise.reject(serverBusy(`The server is busy with other heavy requests (${this.waiting.length} waiting); retry shortly.`));
    }
    return new Promise<void>((resolve, reject) => {
      const leave = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
      };
      const waiter: Waiter = {
        // The place is handed over by `release`, which already counted it as running.
        grant: () => {
          leave();
          resolve();
        },
        refuse: (error) => {
          leave();
          reject(error);
        },
      };
      const onAbort = () => waiter.refuse(signal.reason);
      const timer = setTimeout(
        () => waiter.refuse(serverBusy(`The server stayed busy with other heavy requests for ${this.options.maxWaitMs} ms; retry shortly.`)),
        this.options.maxWaitMs,
      );
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private release(): void {
    const next = this.waiting[0];
    if (next) next.grant();
    else this.running--;
  }
}
