/**
 * Requests the way a hostile client sends them, over node:http: a declared length or a chunked body
 * streamed piece by piece, stopped as soon as the server answers (a server that reads everything first
 * would make the client send it all).
 */
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Parsed JSON body, when it is JSON. */
  json?: any;
  /** Milliseconds from sending the request to the whole response. */
  ms: number;
  /** Body bytes written before the answer came. */
  sent: number;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  /** The body, sent at once (with content-length unless `chunked`). */
  body?: Buffer | string;
  /** Stream the body in pieces without a content-length (transfer-encoding: chunked). */
  chunked?: boolean;
  /** Stream a body of this many bytes: `prefix`, then spaces (declare its length in `headers`, or set `chunked`). */
  streamBytes?: number;
  prefix?: string;
}

export function rawRequest(url: string, options: RawRequest): Promise<RawResponse> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const headers: Record<string, string> = { ...options.headers };
    const body = typeof options.body === 'string' ? Buffer.from(options.body) : options.body;
    if (body && !options.chunked) headers['content-length'] = String(body.length);
    const req = request(url, { method: options.method ?? 'POST', headers }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: any;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, ms: performance.now() - started, sent });
        req.destroy();
      });
    });
    req.on('error', (error) => {
      // Writing after the server answered and closed is expected; the answer is what counts.
      if (!answered) reject(error);
    });
    if (options.streamBytes === undefined) {
      if (body) {
        sent = body.length;
        if (options.chunked) {
          for (let i = 0; i < body.length; i += 16_384) req.write(body.subarray(i, i + 16_384));
          req.end();
        } else req.end(body);
      } else req.end();
      return;
    }
    // Stream `streamBytes` in 64 KB pieces, respecting backpressure, until done or answered.
    const piece = Buffer.alloc(65_536, ' ');
    const total = options.streamBytes;
    if (options.prefix) {
      sent += Buffer.byteLength(options.prefix);
      req.write(options.prefix);
    }
    const pump = () => {
      while (!answered && sent < total) {
        const part = piece.subarray(0, Math.min(piece.length, total - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}
