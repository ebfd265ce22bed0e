/**
 * Statements sent outside a transaction (every request's) are prepared on first use and reused on each
 * connection. postgres.js prepares tagged-template queries by default but not `unsafe` ones, which is all
 * Drizzle sends; unprepared, a statement with parameters costs two round trips (a describe to learn the
 * parameter types, then the execution) and a parse and plan on every call. Statement texts carry no
 * values (every value is a parameter, lists are one array parameter), so the cache per connection holds
 * one entry per statement shape. Transactions (imports, migrations, DDL) are left as they are.
 */
import type { Sql } from 'postgres';
import { withoutLeadingHoles } from './sparse-results.js';

/** The client every request and shared read goes through: statements prepared, results made whole (sparse-results.ts). */
export function preparingClient<T extends Sql>(client: T): T {
  const unsafe = ((query: string, params?: unknown[], options?: Record<string, unknown>) =>
    withoutLeadingHoles(client.unsafe(query, params as never, { ...options, prepare: true }))) as unknown as T['unsafe'];
  return new Proxy(client, {
    get: (target, property) => (property === 'unsafe' ? unsafe : Reflect.get(target, property, target)),
  });
}
