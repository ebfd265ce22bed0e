/**
 * PostgreSQL accepts at most 65,535 bind parameters per statement; multi-row inserts are cut into chunks
 * that stay well below it whatever the column count.
 */
export function chunked<T>(items: readonly T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
