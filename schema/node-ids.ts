/** `nodes(ids:)` loads every id it is given: their number is capped (MAX_NODE_IDS), and refused above it. */
import { badInput } from '../src/errors.js';
import { limitsOf } from '../src/limits/limits-in-context.js';

export function checkNodeIds<T>(ids: readonly T[], context: unknown): T[] {
  const max = limitsOf(context).maxNodeIds;
  if (ids.length > max) {
    const error = badInput(`"ids" holds ${ids.length} IDs; at most ${max} may be asked for at once.`, 'ids');
    Object.assign(error.extensions, { value: ids.length, limit: max });
    throw error;
  }
  return [...ids];
}
