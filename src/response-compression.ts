/**
 * gzip and br for responses, negotiated from `accept-encoding` (q-values included, by `negotiator`; br
 * preferred at equal weight). @whatwg-node/server's own `useContentEncoding` was the first choice and is not
 * used: it matches the header's items verbatim (so "gzip;q=1" or " br" after a comma never match and
 * "deflate" wins for curl), runs brotli at quality 11 (a few MB/s: far too slow for streamed exports),
 * sends no `Vary`, and also inflates compressed request bodies, which would let a small body grow past
 * the request size limit. This plugin only compresses responses, with Node's zlib at streaming settings.
 *
 * A body is compressed as it streams (an export is never buffered whole); responses that are already
 * encoded, empty, tiny, or event streams (each event must reach the client at once) pass as they are.
 */
import zlib from 'node:zlib';
import Negotiator from 'negotiator';
import type { Plugin } from 'graphql-yoga';

export type ContentEncoding = 'br' | 'gzip';

/** Bodies known to be smaller than this gain less than the header costs. */
const MIN_BYTES = 1024;

/** Types worth compressing: text, JSON, NDJSON, CSV, JavaScript, SVG. */
const COMPRESSIBLE = /^(text\/(?!event-stream)|application\/(json|graphql-response\+json|x-ndjson|javascript)|image\/svg\+xml)/i;

/** The encoding to answer with, or undefined for none (absent header, identity only, nothing acceptable). */
export function negotiateEncoding(acceptEncoding: string | null): ContentEncoding | undefined {
  if (!acceptEncoding) return undefined;
  // negotiator 1.x takes the server's preference for ties (`preferred`); its published types predate it.
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }) as Negotiator & {
    encoding(available: readonly string[], options: { preferred: readonly string[] }): string | undefined;
  };
  const chosen = negotiator.encoding(['br', 'gzip', 'identity'], { preferred: ['br', 'gzip', 'identity'] });
  return chosen === 'br' || chosen === 'gzip' ? chosen : undefined;
}

/** Node's compressor: brotli at quality 4 (near gzip's speed, smaller output), gzip at its default level 6. */
function zlibStream(encoding: ContentEncoding): zlib.Gzip | zlib.BrotliCompress {
  if (encoding === 'gzip') return zlib.createGzip();
  return zlib.createBrotliCompress({
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT },
  });
}

/**
 * A compressing stream that flushes after every chunk it is given: each batch of an export, each part of a
 * multipart response, reaches the client as soon as it is produced instead of waiting in the compressor's
 * window (a chunk of an export is a whole batch, so the flush costs little ratio). It takes a chunk only
 * when the one before is out, so the consumer's pace reaches the producer.
 */
export function compressingStream(encoding: ContentEncoding): TransformStream<Uint8Array, Uint8Array> {
  const z = zlibStream(encoding);
  const flushKind = encoding === 'br' ? zlib.constants.BROTLI_OPERATION_FLUSH : zlib.constants.Z_SYNC_FLUSH;
  return new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      z.on('data', (chunk: Buffer) => {
        try {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        } catch {
          z.destroy(); // the reader went away (the stream is cancelled): nothing more to compress
        }
      });
    },
    transform(chunk) {
      return new Promise<void>((resolve, reject) => {
        z.once('error', reject);
        z.write(chunk);
        z.flush(flushKind, () => {
          z.off('error', reject);
          resolve();
        });
      });
    },
    flush() {
      return new Promise<void>((resolve, reject) => {
        z.once('end', resolve);
        z.once('error', reject);
        z.end();
      });
    },
  });
}

function addVary(headers: Headers): void {
  const vary = headers.get('vary');
  if (!vary) headers.set('vary', 'accept-encoding');
  else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) headers.set('vary', `${vary}, accept-encoding`);
}

export function useResponseCompression(): Plugin {
  return {
    onResponse({ request, response, setResponse, fetchAPI }) {
      if (!response.body || request.method === 'HEAD' || response.status === 204 || response.status === 304) return;
      if (response.headers.has('content-encoding') || !COMPRESSIBLE.test(response.headers.get('content-type') ?? '')) return;
      addVary(response.headers);
      const length = response.headers.get('content-length');
      if (length !== null && Number(length) < MIN_BYTES) return;
      const encoding = negotiateEncoding(request.headers.get('accept-encoding'));
      if (!encoding) return;
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-encoding', encoding);
      headers.delete('content-length');
      const body = (response.body as unknown as ReadableStream<Uint8Array>).pipeThrough(compressingStream(encoding));
      setResponse(new fetchAPI.Response(body as never, { status: response.status, statusText: response.statusText, headers }));
    },
  };
}
