/**
 * Reading an export URL into variables, for argument types the two networks do not have yet (enums, input
 * objects): what a network registered later, such as one over papers with a filter, will be given.
 */
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../schema/index.js';
import { readExportRequest } from '../src/export/export-request.js';
import type { NetworkExport } from '../src/export/network-registration.js';

/** A stand-in registration over `paperGroups`, whose arguments are an enum, an input object and an Int. */
const groups: NetworkExport = {
  field: 'paperGroups',
  document: `query($by: PaperGroupBy!, $citations: CitationBasis, $filter: PaperFilter, $first: Int, $orderBy: PaperGroupOrder) {
    paperGroups(by: $by, citations: $citations, filter: $filter, first: $first, orderBy: $orderBy) { key count }
  }`,
  directed: false,
  graphAttributes: [],
  nodeAttributes: [],
  edgeAttributes: [],
  weight: { type: 'int', description: 'x' },
  flatten: () => ({ graph: {}, nodes: [], edges: [] }),
};
const networks = new Map([[groups.field, groups]]);
const read = (query: string, path = '/export/graphml') => readExportRequest(schema, networks, path, new URLSearchParams(query));

function refusal(query: string, path?: string) {
  try {
    read(query, path);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return (error as GraphQLError).extensions;
  }
  throw new Error(`"${query}" was accepted`);
}

describe('export URLs as variables', () => {
  it('passes enums as names, input objects and lists as JSON, and numbers as numbers', () => {
    const filter = { yearFrom: 2010, hasCode: true, search: 'graph, "neural"' };
    const request = read(`network=paperGroups&by=YEAR&first=%2B5&filter=${encodeURIComponent(JSON.stringify(filter))}&orderBy=${encodeURIComponent('{"field":"KEY","direction":"ASC"}')}`);
    expect(request.variables).toEqual({ by: 'YEAR', first: 5, filter, orderBy: { field: 'KEY', direction: 'ASC' } });
    expect(request.format.name).toBe('graphml');
    expect(request.parameters).toEqual({});
  });

  it('refuses what is not JSON for an input object, and names the argument', () => {
    expect(refusal('network=paperGroups&by=YEAR&filter={yearFrom:2010}')).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter' });
    expect(refusal('network=paperGroups&by=YEAR&first=5e2')).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it('names the missing required argument, the unknown one, and the CSV table', () => {
    expect(refusal('network=paperGroups')).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'by', arguments: ['by'] });
    expect(refusal('network=paperGroups&by=YEAR&groupBy=YEAR')).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'groupBy' });
    expect(refusal('network=paperGroups&by=YEAR', '/export/csv')).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'table' });
    expect(read('network=paperGroups&by=YEAR&table=edges', '/export/csv').parameters).toEqual({ table: 'edges' });
    expect(refusal('network=paperGroups&by=YEAR', '/export/xlsx')).toMatchObject({ code: 'NOT_FOUND' });
  });
});
