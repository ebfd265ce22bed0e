/**
 * Request isolation: no request stalls the others. Heavy work goes through one shared HeavyGate, every
 * request gets a RequestScope (time budget, client disconnect), and the plugin ties both to execution.
 */
import { HeavyGate, type HeavyGateOptions } from './heavy-gate.js';
import { useRequestIsolation } from './plugin.js';
import { RequestScope } from './request-scope.js';

export interface IsolationOptions extends HeavyGateOptions {
  /** A request's time budget; its remaining work is cancelled after it. */
  requestTimeoutMs: number;
}

export const DEFAULT_ISOLATION: IsolationOptions = {
  requestTimeoutMs: 10_000,
  // Heavy work is mostly synchronous JS (searches, then building answers of thousands of objects) on the
  // one event-loop thread: a second one at once adds no speed, only takes the gaps light requests need
  // (measured: a profile page under a burst of networks took 3.5 s with 2, 0.26 s with 1).
  concurrency: 1,
  queueLength: 16,
  maxWaitMs: 3_000,
};

export interface Isolation {
  gate: HeavyGate;
  /** A scope for a request; `clientSignal` aborts when its client disconnects. */
  scopeFor(clientSignal: AbortSignal | undefined): RequestScope;
  plugin: typeof useRequestIsolation;
}

export function createIsolation(options: Partial<IsolationOptions> = {}): Isolation {
  const settings = { ...DEFAULT_ISOLATION, ...options };
  const gate = new HeavyGate(settings);
  return {
    gate,
    scopeFor: (clientSignal) => new RequestScope(gate, settings.requestTimeoutMs, clientSignal),
    plugin: useRequestIsolation,
  };
}

export { RequestScope } from './request-scope.js';
export type { HeavyGateOptions } from './heavy-gate.js';
