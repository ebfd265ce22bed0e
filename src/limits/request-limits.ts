/**
 * The limits a request must stay within, with their defaults. One object, threaded from the environment
 * (src/config.ts) through `createServer`, so a test can build a server with small limits of its own.
 */
export interface RequestLimits {
  /** Largest request body, and largest GET query string, in bytes. */
  maxBodyBytes: number;
  /** Most lexical tokens in one GraphQL document. */
  maxTokens: number;
  /** Most aliased fields in one operation (aliases of `__typename` are not counted: graphql-armor's allow-list). */
  maxAliases: number;
  /** Most directives in one operation. */
  maxDirectives: number;
  /** Deepest nesting of fields, introspection included (brackets in the text may nest four times as deep). */
  maxDepth: number;
  /** Most fields selected in one operation, counted over nested selections. */
  maxBreadth: number;
  /** Largest estimated cost (see schema/query-cost.ts). */
  maxCost: number;
  /** Most ids one `nodes(ids:)` may ask for. */
  maxNodeIds: number;
  /** Hide "Did you mean …" suggestions in validation errors (they reveal the schema without introspection). */
  hideSuggestions: boolean;
}

export const DEFAULT_LIMITS: RequestLimits = {
  // The largest lists the API takes (5,000 author or paper IDs for a network, each up to 24 characters
  // once encoded) must fit in one request as variables: about 135 KB with quotes and commas.
  maxBodyBytes: 256_000,
  maxTokens: 5_000,
  maxAliases: 30,
  maxDirectives: 50,
  maxDepth: 15,
  maxBreadth: 500,
  maxCost: 100_000,
  maxNodeIds: 100,
  hideSuggestions: process.env.NODE_ENV === 'production',
};

/** The defaults with whatever a caller set; `undefined` fields keep their default. */
export function resolveLimits(given: Partial<RequestLimits> = {}): RequestLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(given) as [keyof RequestLimits, never][]) {
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}
