import { defineConfig } from 'drizzle-kit';

// Migrations are generated from db/tables.ts and committed; the server and the tests apply them.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/tables.ts',
  out: './db/migrations',
});
