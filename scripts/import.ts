/** Command-line import; see src/import/cli.ts. Usable as `npm run import -- …` or `npx tsx scripts/import.ts …`. */
import { runImportCli } from '../src/import/cli.js';

process.exitCode = await runImportCli(process.argv.slice(2));
