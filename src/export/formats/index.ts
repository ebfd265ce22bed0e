/** Every format /export/<format> writes, with its media type, file extension and parameters of its own. */
import type { FlatNetwork } from '../flat-network.js';
import { CSV_TABLES, writeCsv, type CsvTable } from './csv.js';
import { writeGexf } from './gexf.js';
import { writeGraphml } from './graphml.js';
import { writeVosviewer } from './vosviewer.js';

/** A URL parameter a format takes besides the network's arguments (CSV's `table`). */
export interface FormatParameter {
  name: string;
  values: readonly string[];
}

export interface ExportFormat {
  name: string;
  contentType: string;
  /** Parameters of the format itself; all required. */
  parameters: readonly FormatParameter[];
  /** The file name offered for download (without directory), from the network and the format's parameters. */
  filename(network: FlatNetwork, parameters: Record<string, string>): string;
  write(network: FlatNetwork, parameters: Record<string, string>): string;
}

export const exportFormats: ReadonlyMap<string, ExportFormat> = new Map(
  (
    [
      {
        name: 'gexf',
        contentType: 'application/gexf+xml; charset=utf-8',
        parameters: [],
        filename: (n) => `${n.name}.gexf`,
        write: (n) => writeGexf(n),
      },
      {
        name: 'graphml',
        contentType: 'application/graphml+xml; charset=utf-8',
        parameters: [],
        filename: (n) => `${n.name}.graphml`,
        write: (n) => writeGraphml(n),
      },
      {
        name: 'vosviewer',
        contentType: 'application/json; charset=utf-8',
        parameters: [],
        filename: (n) => `${n.name}.vosviewer.json`,
        write: (n) => writeVosviewer(n),
      },
      {
        name: 'csv',
        // RFC 4180's media type, saying the first row is a header.
        contentType: 'text/csv; charset=utf-8; header=present',
        parameters: [{ name: 'table', values: CSV_TABLES }],
        filename: (n, p) => `${n.name}-${p.table}.csv`,
        write: (n, p) => writeCsv(n, p.table as CsvTable),
      },
    ] satisfies ExportFormat[]
  ).map((f) => [f.name, f]),
);
