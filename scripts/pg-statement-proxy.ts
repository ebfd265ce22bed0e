/**
 * A TCP proxy in front of PostgreSQL that forwards every byte unchanged and counts the messages clients
 * send, so a benchmark can tell how many statements a server runs per request whatever its driver.
 *
 * Frontend protocol (PostgreSQL protocol 3): a connection opens with untyped messages (int32 length, then
 * int32 code: SSLRequest, GSSENCRequest, CancelRequest or the StartupMessage); after the StartupMessage
 * every message is one type byte and an int32 length that counts itself but not the type byte. Counted:
 * `Q` (simple query: one statement, or several in one string), `E` (execute a bound portal: one statement
 * of the extended protocol) and `P` (parse: a statement prepared, named or not). A driver that reuses
 * named prepared statements sends `P` once per connection and statement text, then only `B`/`E`.
 * Encrypted connections cannot be parsed; the proxy counts them in `unparsed` (the benchmark connects
 * without TLS).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/** Counts of frontend messages by type byte, plus connections seen. */
export interface MessageCounts {
  byType: Record<string, number>;
  connections: number;
  cancelRequests: number;
  unparsed: number;
}

/** Parses one client's byte stream into message boundaries, counting each message once. */
class FrontendStream {
  private startup = true;
  /** Header bytes collected so far (8 for an untyped message, 5 for a typed one). */
  private header = Buffer.alloc(8);
  private headerLength = 0;
  /** Body bytes of the current message still to pass over. */
  private skip = 0;
  broken = false;

  constructor(private readonly counts: MessageCounts) {}

  feed(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.broken) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - at);
        this.skip -= n;
        at += n;
        continue;
      }
      const need = this.startup ? 8 : 5;
      const n = Math.min(need - this.headerLength, chunk.length - at);
      chunk.copy(this.header, this.headerLength, at, at + n);
      this.headerLength += n;
      at += n;
      if (this.headerLength < need) return;
      this.headerLength = 0;
      if (this.startup) {
        const length = this.header.readInt32BE(0);
        const code = this.header.readInt32BE(4);
        if (length < 8) return this.fail();
        this.skip = length - 8;
        if (code === CANCEL_REQUEST) this.counts.cancelRequests++;
        // After an SSL or GSS request the server answers one byte and the client sends the StartupMessage.
        else if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) this.startup = false;
      } else {
        const type = String.fromCharCode(this.header[0]!);
        const length = this.header.readInt32BE(1);
        if (length < 4) return this.fail();
        this.counts.byType[type] = (this.counts.byType[type] ?? 0) + 1;
        this.skip = length - 4;
      }
    }
  }

  private fail(): void {
    this.broken = true;
    this.counts.unparsed++;
  }
}

export interface StatementProxy {
  port: number;
  counts: MessageCounts;
  /** Start counting from zero (connections stay open). */
  reset(): void;
  close(): Promise<void>;
}

export async function startStatementProxy(target: { host: string; port: number }): Promise<StatementProxy> {
  const counts: MessageCounts = { byType: {}, connections: 0, cancelRequests: 0, unparsed: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    counts.connections++;
    const upstream = connect(target.port, target.host);
    const stream = new FrontendStream(counts);
    // The server's answer to an SSLRequest: 'S' means the rest is TLS, which cannot be parsed.
    let sslAsked = false;
    client.on('data', (chunk: Buffer) => {
      if (!sslAsked && chunk.length >= 8 && chunk.readInt32BE(4) === SSL_REQUEST) sslAsked = true;
      stream.feed(chunk);
    });
    upstream.once('data', (chunk: Buffer) => {
      if (sslAsked && chunk[0] === 0x53) {
        stream.broken = true;
        counts.unparsed++;
      }
    });
    client.pipe(upstream);
    upstream.pipe(client);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.end());
    upstream.on('close', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    counts,
    reset() {
      counts.byType = {};
      counts.connections = 0;
      counts.cancelRequests = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
