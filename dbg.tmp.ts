import { openDatabase } from './db/client.js';
import { writeBatch } from './src/import/writer.js';
import { createServer } from './src/server.js';
import { listen } from './test/helpers/http-server.js';
import { syntheticBatch } from './test/helpers/synthetic.js';
const h = await openDatabase({});
await h.migrate();
await writeBatch(h.db, syntheticBatch({ authors: 80, papers: 300, authorsPerPaper: 3, referencesPerPaper: 2 }));
const yoga = createServer({ db: h.db, bulkExport: { batchSize: 2 }, explore: false });
const http = await listen(yoga);
const t = Date.now();
const r = await fetch(`${http.origin}/export/papers.ndjson`, { headers: { 'accept-encoding': 'gzip' } });
console.log('headers', Date.now() - t, r.headers.get('content-encoding'));
const reader = r.body!.getReader();
let n = 0;
for (;;) { const { done, value } = await reader.read(); if (done) break; n += value.length; if (n < 5000) console.log('chunk', value.length, Date.now() - t); }
console.log('total', n, Date.now() - t);
await http.close(); await h.close();
