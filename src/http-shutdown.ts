/**
 * Stopping the HTTP server without cutting requests short: stop accepting connections, let the requests in
 * flight finish (their responses say `connection: close`, and keep-alive connections are closed as soon as
 * they are idle), and only cut what is still open after the grace period.
 */
import type { Server } from 'node:http';

export function drainOnClose(http: Server): { close(graceMs: number): Promise<void> } {
  let closing = false;
  http.on('request', (_request, response) => {
    if (closing) response.setHeader('connection', 'close');
    response.on('finish', () => {
      if (closing) setImmediate(() => http.closeIdleConnections());
    });
  });
  return {
    close: (graceMs) =>
      new Promise((resolve) => {
        closing = true;
        const cut = setTimeout(() => http.closeAllConnections(), graceMs);
        cut.unref();
        http.close(() => {
          clearTimeout(cut);
          resolve();
        });
        http.closeIdleConnections();
      }),
  };
}
