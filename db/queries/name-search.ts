import { sql, type SQL } from 'drizzle-orm';

/**
 * `column LIKE '%token%'` for every token, with LIKE's wildcards in the tokens escaped. Tokens arrive
 * normalized (lower case, no accents) and the column holds the same normalization, which is what makes
 * the search case- and accent-insensitive.
 */
export function containsEveryToken(column: SQL, tokens: string[]): SQL {
  if (tokens.length === 0) return sql`true`;
  const escape = (token: string) => token.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql.join(
    tokens.map((token) => sql`${column} like ${`%${escape(token)}%`}`),
    sql` and `,
  );
}
