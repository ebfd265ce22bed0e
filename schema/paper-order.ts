/** The ordering every list of papers accepts, and the connection field that pages through such a list. */
import type { PagedRelation } from '../db/queries/paging.js';
import type { PaperFilter, PaperOrderField } from '../db/queries/paper-pages.js';
import { badInput } from '../src/errors.js';
import { builder, OrderDirection } from './builder.js';

export const PaperOrderFieldEnum = builder.enumType('PaperOrderField', {
  description: 'What to sort papers by. The paper id breaks ties, so the order is total and cursors are stable.',
  values: {
    PUBLISHED_AT: { description: 'Publication date (papers with only a year sort as 1 January of it).' },
    CITATION_COUNT: { description: 'Citation count as `Paper.citationCount` shows it.' },
    TITLE: { description: 'Title, alphabetically.' },
    RELEVANCE: { description: 'Full-text match quality; only with a `search`.' },
    UPDATED_AT: {
      description:
        'When an import last inserted or changed the paper (`Paper.updatedAt`), exact to the microsecond; ASC with `filter.updatedSince` pulls changes in the order they were made.',
    },
  } as const,
});

export const PaperOrder = builder.inputType('PaperOrder', {
  description: 'Ordering of a list of papers.',
  fields: (t) => ({
    field: t.field({ type: PaperOrderFieldEnum, required: true, description: 'The sort key.' }),
    direction: t.field({
      type: OrderDirection,
      required: true,
      defaultValue: 'DESC',
      description: 'The direction; DESC (newest, most cited, Z first) by default.',
    }),
  }),
});

export interface ResolvedPaperOrder {
  field: PaperOrderField;
  descending: boolean;
  tag: string;
}

/** The order a list uses: the one asked for, else relevance when searching, else newest first. */
export type PaperOrderShape = typeof PaperOrder.$inferInput;

export function resolvePaperOrder(
  order: PaperOrderShape | null | undefined,
  filter: PaperFilter | undefined,
): ResolvedPaperOrder {
  const field = order?.field ?? (filter?.search ? 'RELEVANCE' : 'PUBLISHED_AT');
  const direction = order?.direction ?? 'DESC';
  if (field === 'RELEVANCE' && !filter?.search) {
    throw badInput('Ordering by RELEVANCE needs a search text in the filter.', 'orderBy');
  }
  return { field, descending: direction === 'DESC', tag: `${field}:${direction}` };
}

export type PaperRelationFactory = (options: { field: PaperOrderField; filter?: PaperFilter }) => PagedRelation;
