/**
 * A fault of the export itself (a registration that cannot map an answer) is masked like any unexpected
 * error: "Unexpected error." with the request id, logged once on the server with the same id, never the
 * fault's own message. Exercised on a bare yoga with the export plugin and a registration that fails.
 */
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { schema } from '../schema/index.js';
import { useNetworkExport } from '../src/export/export-plugin.js';
import type { NetworkExport } from '../src/export/network-registration.js';
import { useRequestId } from '../src/request-id.js';

const broken: NetworkExport = {
  field: '__typename',
  document: 'query { __typename }',
  directed: false,
  graphAttributes: [],
  nodeAttributes: [],
  edgeAttributes: [],
  weight: { type: 'int', description: 'x' },
  flatten: () => {
    throw new Error('secret internal detail');
  },
};

describe('an export that fails on the server', () => {
  it('answers 500 "Unexpected error." with the request id, and logs the fault once with it', async () => {
    const logged: [string, unknown][] = [];
    const yoga: YogaServerInstance<Record<string, never>, Record<string, never>> = createYoga({
      schema,
      logging: false,
      plugins: [
        useRequestId(),
        useNetworkExport({ schema, server: () => yoga, graphqlEndpoint: '/graphql', logError: (id, error) => void logged.push([id, error]), networks: new Map([[broken.field, broken]]) }),
      ],
    });
    const response = await yoga.fetch('http://test/export/graphml?network=__typename', { headers: { 'x-request-id': 'export-fault-1' } });
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'export-fault-1' } }] });
    expect(text).not.toContain('secret');
    expect(response.headers.get('x-request-id')).toBe('export-fault-1');
    expect(logged).toHaveLength(1);
    expect(logged[0]![0]).toBe('export-fault-1');
    expect(String(logged[0]![1])).toContain('secret internal detail');
  });
});
