/**
 * Limits on the shape of a GraphQL document, checked by graphql-armor's Envelop plugins while it is
 * parsed and validated, before anything executes. Introspection is held to the same limits: a thousand
 * aliases of `__schema` would otherwise bypass the cost model, which does not price introspection.
 * Refusals are QUERY_TOO_COMPLEX with the measure, the value found and the limit.
 */
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RequestLimits } from './request-limits.js';
import { useNestingLimit } from './nesting.js';
import { limitRefusal } from './refusal.js';

/** graphql-armor says what it found only in its message ("…exceeded, found 1000."). */
function foundIn(error: GraphQLError, limit: number): number {
  const match = /found (\d+)/.exec(error.message);
  return match ? Number(match[1]) : limit + 1;
}

const ADVICE: Record<string, string> = {
  aliases: 'Ask for each field once, or split the query.',
  directives: 'Use fewer directives.',
  depth: 'Nest fewer levels, or fetch deeper objects by id in a second query.',
};

/** Report a refusal as a validation error of our own shape instead of armor's bare "Syntax Error". */
function reportOver(measure: string, limit: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const value = foundIn(error, limit);
    context?.reportError(
      limitRefusal('QUERY_TOO_COMPLEX', measure, value, limit, `The query's ${measure} is ${value}, over the limit of ${limit}. ${ADVICE[measure]}`),
    );
  };
}

export function documentLimitPlugins(limits: RequestLimits): Plugin[] {
  const plugins: Plugin[] = [
    // Brackets nest about as deep as fields do, plus an argument's list or object or two; the margin
    // lets the depth rule report a deep selection by its depth. The parser overflows in the thousands.
    useNestingLimit(4 * limits.maxDepth),
    maxTokensPlugin({
      n: limits.maxTokens,
      // Parsing stops at the first token over the limit: the document is not read further, so the count
      // reported is that token's.
      onReject: [
        () => {
          throw limitRefusal(
            'QUERY_TOO_COMPLEX',
            'tokens',
            limits.maxTokens + 1,
            limits.maxTokens,
            `The query has more than ${limits.maxTokens} tokens, the limit. Send a shorter query.`,
            400,
          );
        },
      ],
    }),
    maxAliasesPlugin({ n: limits.maxAliases, propagateOnRejection: false, onReject: [reportOver('aliases', limits.maxAliases)] }),
    maxDirectivesPlugin({ n: limits.maxDirectives, propagateOnRejection: false, onReject: [reportOver('directives', limits.maxDirectives)] }),
    maxDepthPlugin({
      n: limits.maxDepth,
      ignoreIntrospection: false,
      // Fields are counted, not fragment spreads: the same depth the cost model measures.
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [reportOver('depth', limits.maxDepth)],
    }),
  ];
  if (limits.hideSuggestions) plugins.push(blockFieldSuggestionsPlugin({ mask: '' }));
  return plugins;
}
