/**
 * The life of one request's work: a signal that aborts when the client disconnects or the request's time
 * budget runs out, and the request's place in the shared HeavyGate. The execution answers with the signal's
 * reason when it aborts, statements follow it (db/statement-cancellation.ts), and a request waiting for a
 * place gives up its turn.
 */
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { clientGone, requestTimedOut } from './errors.js';
import type { HeavyGate } from './heavy-gate.js';

/** How long heavy work leaves the event loop to others before it starts and before its answer is built. */
const PAUSE_MS = 10;

export class RequestScope {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onClientAbort = () => this.stop(clientGone());
  /** The tail of this request's heavy work: one request runs one heavy operation at a time. */
  private lane: Promise<unknown> = Promise.resolve();
  /** This request's place in the gate, taken by its first heavy operation and kept until it is answered. */
  private place: Promise<() => void> | undefined;
  private finished = false;

  constructor(
    private readonly gate: HeavyGate,
    timeoutMs: number,
    private readonly clientSignal?: AbortSignal,
  ) {
    gate.requestsInFlight++;
    // Every statement of the request listens to the signal; dozens are normal, not a leak.
    setMaxListeners(0, this.controller.signal);
    this.timer = setTimeout(() => this.stop(requestTimedOut(timeoutMs)), timeoutMs);
    // A pending budget must not keep a stopping process alive.
    this.timer.unref();
    if (clientSignal?.aborted) this.stop(clientGone());
    else clientSignal?.addEventListener('abort', this.onClientAbort, { once: true });
  }

  /** Aborts with the reason the request's work stopped (a TIMEOUT or CLIENT_CLOSED_REQUEST GraphQLError). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * Run heavy work once this request holds a place in the gate. The place is kept until the request is
   * answered, not just while `work` runs: what makes a network or a list of groups heavy is as much
   * building the answer (thousands of objects, synchronously) as finding it, and that happens after the
   * resolver returns. A request's heavy fields (aliases of one field included) go one at a time in its
   * one place, so many aliases make that request slow (up to its time budget), never the others; once the
   * gate refused it, its other heavy fields are refused at once instead of queueing again.
   */
  heavy<T>(work: () => T | Promise<T>): Promise<T> {
    const turn = this.lane.then(async () => {
      // A resolver left running after the answer was sent (a sibling's error ended execution early) must
      // not take a place nobody would give back.
      if (this.finished) throw this.signal.aborted ? this.signal.reason : new Error('the request was already answered');
      this.place ??= this.gate.acquire(this.signal);
      await this.place;
      // Heavy work and the answer built from it run synchronously for up to a few hundred milliseconds.
      // A short pause before and after leaves the event loop free for that long: a light request needs a
      // few turns of it (read, a statement or two, write), and an immediate yield would give it only one
      // turn per heavy stretch. Heavy requests queueing meanwhile are read and queued or refused. Alone on
      // the server there is nobody to leave it to, and the pause would only add to this request's time.
      await this.pauseForOthers();
      this.signal.throwIfAborted();
      const result = await work();
      await this.pauseForOthers();
      return result;
    });
    this.lane = turn.catch(() => {});
    return turn;
  }

  private async pauseForOthers(): Promise<void> {
    if (this.gate.requestsInFlight > 1) await sleep(PAUSE_MS);
  }

  /** The request is answered (or stopped): give back its place, the timer and the client listener. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.gate.requestsInFlight--;
    clearTimeout(this.timer);
    this.clientSignal?.removeEventListener('abort', this.onClientAbort);
    this.place?.then(
      (release) => release(),
      () => {},
    );
  }

  private stop(reason: unknown): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
    this.finish();
  }
}
