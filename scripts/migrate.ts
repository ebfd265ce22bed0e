/** Apply the committed migrations to DATABASE_URL (or to the PGlite directory PGLITE_DIR). */
import { openDatabase } from '../db/client.js';
import { readConfig } from '../src/config.js';

const config = readConfig();
if (!config.databaseUrl && !config.pgliteDir) {
  console.error('Set DATABASE_URL (postgres://…) or PGLITE_DIR: an in-memory database would be migrated and thrown away.');
  process.exit(2);
}
const handle = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
try {
  await handle.migrate();
  console.log(`migrations applied to ${handle.description}`);
} finally {
  await handle.close();
}
