/** Apply the committed migrations to DATABASE_URL, else to the embedded database (.data/pglite or PGLITE_DIR). */
import { openDatabase } from '../db/client.js';
import { readConfig } from '../src/config.js';

const config = readConfig();
if (!config.databaseUrl && !config.pgliteDir) {
  console.error('PGLITE_DIR=memory:// keeps the database in memory: migrating it would change nothing. Name a directory or set DATABASE_URL.');
  process.exit(2);
}
const handle = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
try {
  await handle.migrate();
  console.log(`migrations applied to ${handle.description}`);
} finally {
  await handle.close();
}
