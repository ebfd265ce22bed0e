/**
 * Statements that stop when the request that sent them stops. Each request resolves against a database
 * handle of its own (`databaseFor(db, signal)`, made in the server's context factory), whose client ties
 * every statement it sends to the request's signal: when it aborts (the client went away, the request ran
 * out of time), a statement still waiting for a pooled connection is dropped from the queue and one running
 * on the server gets a PostgreSQL cancel request, so the connection is free again at once instead of when
 * the statement would have finished.
 *
 * A handle per request rather than an AsyncLocalStorage: on Node 20 an active AsyncLocalStorage makes
 * every promise of every request pay for async hooks (plainly visible in a CPU profile of a page under load).
 * Statements outside a request (start-up, imports, the shared rebuild of in-memory indexes) go through
 * the shared handle, carry no signal and are never cancelled.
 */
import type { Sql } from 'postgres';
import type { Database } from './client.js';

/** How to make a request's handle, for the shared handles that can (postgres.js ones). */
const handleFactories = new WeakMap<Database, (signal: AbortSignal) => Database>();

export function registerRequestHandles(db: Database, forSignal: (signal: AbortSignal) => Database): void {
  handleFactories.set(db, forSignal);
}

/** The handle a request's resolvers use: `db` whose statements follow `signal` (PGlite: `db` itself). */
export function databaseFor(db: Database, signal: AbortSignal): Database {
  return handleFactories.get(db)?.(signal) ?? db;
}

/**
 * The parts of a postgres.js pending query this module relies on: `executed` is set once it is handed to
 * the pool, `state` once a connection took it, `active` while that connection runs it.
 */
interface PendingQuery extends Promise<unknown> {
  executed?: boolean;
  state?: unknown;
  active?: boolean;
  cancel(): unknown;
  values(): PendingQuery;
}

/**
 * A query that was never sent, for a request already stopped: it rejects with the request's reason and
 * never touches the pool. Drizzle calls `.values()` on what `unsafe` returns, so that is kept.
 */
function stoppedQuery(reason: unknown): PendingQuery {
  const rejected = Promise.reject(reason) as Promise<unknown>;
  rejected.catch(() => {}); // the caller awaits it; no unhandled-rejection warning in between
  return Object.assign(rejected, {
    cancel: () => undefined,
    values(this: PendingQuery) {
      return this;
    },
  });
}

/**
 * Cancel a pending query once it is in the pool's hands. postgres.js hands a query to the pool a
 * microtask after it is first awaited; cancelling inside that gap would park an idle connection as
 * "full", so the cancel waits for the next macrotask, by when the query is either queued in the pool
 * (then it is removed and rejected) or running on a connection (then PostgreSQL is asked to cancel it).
 *
 * A query a connection has already been sent behind the one it runs (postgres.js pipelines when every
 * connection is busy) is left to finish: postgres.js 3.4.9 cancels such a query when its turn comes and
 * then forgets it while PostgreSQL still answers it, so its rows and its end reach the queries after it
 * on that connection (wrong rows, "Cannot read properties of undefined (reading 'length')" in DataRow).
 * A query that already finished is left alone as well.
 */
function cancelWhenHandedOver(query: PendingQuery): void {
  setImmediate(() => {
    const queuedInPool = query.executed && query.state === undefined;
    if (queuedInPool || query.active) void Promise.resolve(query.cancel()).catch(() => {});
  });
}

/**
 * PostgreSQL's answer to a cancel request (57014 "canceling statement due to user request"; a statement
 * timeout has the same code and another message).
 */
function cancelledByRequest(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '57014' && typeof message === 'string' && message.includes('user request');
}

/**
 * `first`, run once more when PostgreSQL cancelled it although its request did not stop. A cancel request
 * names a backend, not a statement: sent for a statement of a request that went away, it can arrive after
 * that statement finished and stop the next one on the same connection, another request's. That one is
 * read-only and still wanted, so it runs again (once; `rerun` gives a fresh query in the same mode).
 */
function rerunAfterStrayCancel(first: PendingQuery, signal: AbortSignal, rerun: (values: boolean) => PendingQuery): PendingQuery {
  let valuesMode = false;
  const values = first.values;
  first.values = function (this: PendingQuery) {
    valuesMode = true;
    values.call(this);
    return this;
  };
  const then = first.then;
  Object.defineProperty(first, 'then', {
    configurable: true,
    writable: true,
    value(this: PendingQuery, onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) {
      const settled = then.call(this, undefined, (error: unknown) => {
        if (signal.aborted || !cancelledByRequest(error)) throw error;
        return rerun(valuesMode);
      });
      return settled.then(onFulfilled, onRejected);
    },
  });
  return first;
}

/**
 * The postgres.js client with `unsafe` (all Drizzle sends through it, outside transactions) tied to
 * `signal`. Everything else is the client itself.
 */
export function cancellableClient<T extends Sql>(client: T, signal: AbortSignal): T {
  const send = (query: string, params: unknown, options: unknown, retried: boolean): PendingQuery => {
    if (signal.aborted) return stoppedQuery(signal.reason);
    const pending = (client.unsafe as unknown as (...args: unknown[]) => PendingQuery)(query, params, options);
    signal.addEventListener('abort', () => cancelWhenHandedOver(pending), { once: true });
    if (retried) return pending;
    return rerunAfterStrayCancel(pending, signal, (values) => {
      const again = send(query, params, options, true);
      return values ? again.values() : again;
    });
  };
  const unsafe = ((query: string, params?: unknown[], options?: unknown) => send(query, params, options, false)) as unknown as T['unsafe'];
  return new Proxy(client, {
    get: (target, property) => (property === 'unsafe' ? unsafe : Reflect.get(target, property, target)),
  });
}
