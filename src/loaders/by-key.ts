import DataLoader from 'dataloader';

/**
 * A DataLoader that fetches rows by key in one statement and returns them in key order, `null` for keys
 * with no row: the contract every entity loader shares.
 */
export function loaderByKey<K, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A DataLoader for one-to-many lists: every key gets its (possibly empty) list of rows, in fetch order. */
export function loaderOfLists<K, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map<K, V[]>(keys.map((key) => [key, []]));
    for (const row of rows) byKey.get(keyOf(row))?.push(row);
    return keys.map((key) => byKey.get(key)!);
  });
}

/** Load many keys, failing on the first error instead of returning Error objects in the list. */
export function loadAll<K, V>(loader: DataLoader<K, V | null>, keys: readonly K[]): Promise<(V | null)[]> {
  return Promise.all(keys.map((key) => loader.load(key)));
}

export function isPresent<V>(value: V | null | undefined): value is V {
  return value != null;
}
