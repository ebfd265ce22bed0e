/**
 * The GraphQL-over-HTTP specification's server audits (graphql-http's `serverAudits`), run against the
 * server over real HTTP with every request limit on: each MUST passes; SHOULD and MAY are reported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverAudits, type AuditResult } from 'graphql-http';
import { startLimitsTestServer, type LimitsTestServer } from './helpers/limits-server.js';

let server: LimitsTestServer;
beforeAll(async () => {
  server = await startLimitsTestServer();
});
afterAll(async () => {
  const summary = results.map((r) => `${r.status.padEnd(6)} ${r.name}${r.status === 'ok' ? '' : ` (${(r as { reason: string }).reason})`}`);
  console.log(`graphql-http audits: ${results.filter((r) => r.status === 'ok').length} of ${results.length} ok\n${summary.join('\n')}`);
  await server?.close();
});

const results: AuditResult[] = [];
// The URL is read when an audit runs, after the server has started.
const audits = serverAudits({ url: () => server.url, fetchFn: fetch });

describe('GraphQL over HTTP audits', () => {
  for (const audit of audits) {
    const must = audit.name.startsWith('MUST');
    it(audit.name, async () => {
      const result = await audit.fn();
      results.push(result);
      if (must) expect(result.status, result.status === 'ok' ? '' : (result as { reason: string }).reason).toBe('ok');
    });
  }
});
