/**
 * Response compression negotiated from accept-encoding, for GraphQL answers and the bulk exports:
 * compressed bodies decompress to exactly the plain body; without accept-encoding nothing is compressed.
 */
import { brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { writeBatch } from '../src/import/writer.js';
import { negotiateEncoding } from '../src/response-compression.js';
import { createServer } from '../src/server.js';
import { listen } from './helpers/http-server.js';
import { useTestServer } from './helpers/server.js';
import { syntheticBatch } from './helpers/synthetic.js';

const server = useTestServer(async (s) => {
  await writeBatch(s.database.handle.db, syntheticBatch({ authors: 40, papers: 150, authorsPerPaper: 3, referencesPerPaper: 2 }));
});

const decompress = { gzip: gunzipSync, br: brotliDecompressSync } as const;

const BIG_QUERY = JSON.stringify({ query: '{ papers(first: 100) { nodes { id title abstract year venue { name } authors(first: 5) { nodes { name } } } } }' });

async function graphql(headers: Record<string, string>, body = BIG_QUERY) {
  const response = await server().yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('negotiateEncoding', () => {
  it('follows q-values and prefers br at equal weight', () => {
    expect(negotiateEncoding('gzip, deflate, br')).toBe('br');
    expect(negotiateEncoding('deflate, gzip, br, zstd')).toBe('br'); // curl --compressed
    expect(negotiateEncoding('gzip;q=1, br;q=0.5')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip')).toBe('gzip');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('gzip;q=0, br;q=0')).toBeUndefined();
    expect(negotiateEncoding('deflate')).toBeUndefined();
    expect(negotiateEncoding('identity')).toBeUndefined();
    expect(negotiateEncoding(null)).toBeUndefined();
  });
});

describe('GraphQL responses', () => {
  it('are sent plain without accept-encoding, with Vary: accept-encoding', async () => {
    const { response, bytes } = await graphql({});
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('vary')?.toLowerCase()).toContain('accept-encoding');
    expect(JSON.parse(bytes.toString()).data.papers.nodes).toHaveLength(100);
  });

  for (const encoding of ['gzip', 'br'] as const) {
    it(`are compressed with ${encoding} when asked, and decompress to the plain answer`, async () => {
      const plain = await graphql({});
      const { response, bytes } = await graphql({ 'accept-encoding': encoding });
      expect(response.headers.get('content-encoding')).toBe(encoding);
      expect(response.headers.get('content-length')).toBeNull();
      expect(bytes.length).toBeLessThan(plain.bytes.length / 2);
      expect(decompress[encoding](bytes).toString()).toBe(plain.bytes.toString());
    });
  }

  it('leaves errors readable and small answers plain when their size is known', async () => {
    const { response, bytes } = await graphql({ 'accept-encoding': 'gzip' }, JSON.stringify({ query: '{ papers(first: -1) { totalCount } }' }));
    const text = response.headers.get('content-encoding') === 'gzip' ? gunzipSync(bytes).toString() : bytes.toString();
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    if (response.headers.get('content-length') !== null) expect(response.headers.get('content-encoding')).toBeNull();
  });
});

describe('exports', () => {
  for (const encoding of ['gzip', 'br'] as const) {
    it(`stream ${encoding}-compressed when asked, decompressing to the plain export`, async () => {
      const plain = Buffer.from(await (await server().yoga.fetch('http://test/export/papers.ndjson')).arrayBuffer());
      const response = await server().yoga.fetch('http://test/export/papers.ndjson', { headers: { 'accept-encoding': encoding } });
      expect(response.headers.get('content-encoding')).toBe(encoding);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.length).toBeLessThan(plain.length / 2);
      expect(decompress[encoding](bytes).toString()).toBe(plain.toString());
      expect(plain.toString().split('\n').filter(Boolean)).toHaveLength(150);
    });
  }

  it('stay streamed when compressed: the first compressed bytes hold whole lines, sent before the export is read', async () => {
    const s = server();
    const small = createServer({ db: s.database.handle.db, bulkExport: { batchSize: 5 }, explore: false });
    s.database.statements.length = 0;
    const response = await small.fetch('http://test/export/papers.ndjson', { headers: { 'accept-encoding': 'gzip' } });
    const reader = response.body!.getReader();
    // Read until the bytes so far decompress to some text (the gzip header comes as a chunk of its own).
    const received: Uint8Array[] = [];
    let text = '';
    for (let i = 0; i < 5 && !text; i++) {
      received.push((await reader.read()).value!);
      text = gunzipSync(Buffer.concat(received), { finishFlush: constants.Z_SYNC_FLUSH }).toString();
    }
    // The compressor flushed after the first batch: its lines arrive whole.
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((l) => JSON.parse(l).title).length).toBeGreaterThanOrEqual(5);
    // 150 papers are 30 batches. Without the flush after each chunk all 30 are read before a byte goes out;
    // with it, the first bytes leave after the first batch, while the queues between the export's stream,
    // the compressor and the reader take a few more (up to a dozen seen on fast embedded PGlite).
    const batches = s.database.statements.filter((q) => q.includes('order by p.id')).length;
    expect(batches).toBeLessThanOrEqual(15);
    await reader.cancel();
  });

  it('are not compressed without accept-encoding, or when only other encodings are accepted', async () => {
    for (const headers of <Record<string, string>[]>[{}, { 'accept-encoding': 'deflate' }, { 'accept-encoding': 'identity' }]) {
      const response = await server().yoga.fetch('http://test/export/authors.ndjson', { headers });
      expect(response.headers.get('content-encoding')).toBeNull();
      expect((await response.text()).split('\n').filter(Boolean).length).toBe(40);
    }
  });

  it('reach an HTTP client compressed, chunked, as curl --compressed asks', async () => {
    const http = await listen(server().yoga);
    try {
      const { headers, body } = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const req = request(new URL(`${http.origin}/export/papers.ndjson?hasCode=true`), { headers: { 'accept-encoding': 'deflate, gzip, br, zstd' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end();
      });
      expect(headers['content-encoding']).toBe('br');
      expect(headers['transfer-encoding']).toBe('chunked');
      const lines = brotliDecompressSync(body).toString().split('\n').filter(Boolean).map((l) => JSON.parse(l));
      expect(lines).toHaveLength(50);
      expect(lines.every((l) => l.hasCode === true)).toBe(true);
    } finally {
      await http.close();
    }
  });
});
