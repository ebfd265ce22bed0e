/**
 * postgres.js 3.4.9 counts the rows of a result on the connection, and resets the count only when a
 * statement completes: when one fails after sending rows (cancelled mid-result, a statement timeout, an
 * error on row n), the next statement on that connection resolves with as many empty slots before its
 * rows (porsager/postgres#1119, #1181). Requests cancel their statements when the client goes away, so
 * under load this reached answers ("Iterator value undefined is not an entry object"). The result's
 * `count` stays right: a result longer than its count loses its leading empty slots here.
 */
interface DriverResult extends Array<unknown> {
  count?: number | null;
}

function compacted<T>(result: T): T {
  const rows = result as unknown as DriverResult;
  if (Array.isArray(rows) && typeof rows.count === 'number' && rows.length > rows.count) {
    rows.splice(0, rows.length - rows.count);
  }
  return result;
}

/** The pending query `query`, resolving to its result without leading empty slots (same object otherwise). */
export function withoutLeadingHoles<Q extends PromiseLike<unknown>>(query: Q): Q {
  const then = query.then;
  Object.defineProperty(query, 'then', {
    configurable: true,
    writable: true,
    value(this: Q, onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) {
      return then.call(this, (value) => (onFulfilled ? onFulfilled(compacted(value)) : compacted(value)), onRejected);
    },
  });
  return query;
}
