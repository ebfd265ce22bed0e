/**
 * A TCP proxy between a server under test and PostgreSQL, to make the database misbehave on demand:
 * unreachable (`stop`: the port refuses and open connections are cut), back (`start`, same port), silent
 * (`silent`: connections are accepted and never answered) or slow (`delayMs`: each chunk from the database
 * is held that long).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Milliseconds each chunk from upstream is held before it is passed on. */
  delayMs: number;
  /** Accept connections but never forward or answer them. */
  silent: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(upstream: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const proxy: TcpProxy = {
    port: 0,
    delayMs: 0,
    silent: false,
    async start() {
      server = createServer((client) => {
        track(client);
        if (proxy.silent) return;
        const database = connect(upstream.port, upstream.host);
        track(database);
        client.pipe(database);
        database.on('data', (chunk: Buffer) => {
          if (proxy.delayMs === 0) client.write(chunk);
          else setTimeout(() => client.writable && client.write(chunk), proxy.delayMs);
        });
        client.on('close', () => database.destroy());
        database.on('close', () => client.destroy());
      });
      await new Promise<void>((resolve) => server!.listen(proxy.port, '127.0.0.1', resolve));
      const address = server.address();
      if (address && typeof address === 'object') proxy.port = address.port;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    },
    close: () => proxy.stop(),
  };
  await proxy.start();
  return proxy;
}

/** The URL `url` with its host and port replaced by the proxy's. */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(proxy.port);
  return parsed.toString();
}
