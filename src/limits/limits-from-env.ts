/** The request limits as the environment sets them (see README, Limits); the parsers come from config.ts. */
import { DEFAULT_LIMITS, type RequestLimits } from './request-limits.js';

type IntegerVar = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) => number;
type FlagVar = (env: NodeJS.ProcessEnv, name: string, fallback: boolean) => boolean;

export function readLimits(env: NodeJS.ProcessEnv, integer: IntegerVar, flag: FlagVar): RequestLimits {
  const d = DEFAULT_LIMITS;
  return {
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', d.maxBodyBytes, 1_000, 100_000_000),
    maxTokens: integer(env, 'MAX_TOKENS', d.maxTokens, 10, 1_000_000),
    maxAliases: integer(env, 'MAX_ALIASES', d.maxAliases, 0, 100_000),
    maxDirectives: integer(env, 'MAX_DIRECTIVES', d.maxDirectives, 0, 100_000),
    maxDepth: integer(env, 'MAX_DEPTH', d.maxDepth, 1, 1_000),
    maxBreadth: integer(env, 'MAX_BREADTH', d.maxBreadth, 1, 1_000_000),
    maxCost: integer(env, 'MAX_COST', d.maxCost, 1, 1_000_000_000),
    maxNodeIds: integer(env, 'MAX_NODE_IDS', d.maxNodeIds, 1, 100_000),
    hideSuggestions: flag(env, 'HIDE_FIELD_SUGGESTIONS', env.NODE_ENV === 'production'),
  };
}
