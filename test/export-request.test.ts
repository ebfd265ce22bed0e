/**
 * Reading an export URL into variables: enums, input objects and lists (through a stand-in registration
 * over `paperGroups`), and the ID lists and filters of the registered graphs.
 */
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../schema/index.js';
import { readExportRequest } from '../src/export/export-request.js';
import type { NetworkExport } from '../src/export/network-registration.js';
import { networkExports } from '../src/export/networks/index.js';

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

describe('ID lists of the registered graphs in a URL', () => {
  const readGraph = (query: string) => readExportRequest(schema, networkExports, '/export/gexf', new URLSearchParams(query));
  const ids = ['QXV0aG9yOjQ=', 'QXV0aG9yOjU='];

  it('reads a JSON list of IDs, URL-encoded or as typed (the `=` of an ID and JSON spaces written as `+` included)', () => {
    expect(readGraph(`network=collaborationGraph&authorIds=${encodeURIComponent(JSON.stringify(ids))}&minPapers=2`).variables).toEqual({ authorIds: ids, minPapers: 2 });
    expect(readGraph('network=collaborationGraph&authorIds=["QXV0aG9yOjQ=",+"QXV0aG9yOjU="]').variables).toEqual({ authorIds: ids });
    const filter = { venueId: 'VmVudWU6MQ==', yearFrom: 2010 };
    expect(readGraph(`network=citationGraph&filter=${encodeURIComponent(JSON.stringify(filter))}&kinds=["CITES","COUPLING"]`).variables).toEqual({
      filter,
      kinds: ['CITES', 'COUPLING'],
    });
  });

  it('refuses a list that is not JSON, naming the argument', () => {
    let extensions: unknown;
    try {
      readGraph(`network=citationGraph&paperIds=${ids.join(',')}`);
    } catch (error) {
      extensions = (error as GraphQLError).extensions;
    }
    expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'paperIds' });
  });
});
