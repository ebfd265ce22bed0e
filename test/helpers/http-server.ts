/** A yoga server listening on a free port of 127.0.0.1, as clients reach it over HTTP. */
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from '../../src/server.js';

export interface Listening {
  origin: string;
  close(): Promise<void>;
}

export async function listen(yoga: Server): Promise<Listening> {
  const http = createHttpServer(yoga);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** Log lines a server writes, parsed (each must be one JSON object). */
export function logCapture(): { destination: { write(line: string): void }; lines: string[]; records: () => Record<string, any>[] } {
  const lines: string[] = [];
  return {
    destination: { write: (chunk: string) => void lines.push(...chunk.split('\n').filter(Boolean)) },
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, any>),
  };
}
