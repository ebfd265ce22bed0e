/**
 * The request size limit, enforced before anything is parsed: a declared `content-length` over the limit
 * is refused at once; a body without one (chunked) is counted while it is read and refused as soon as the
 * count passes the limit, so at most `maxBytes` of it is ever held; a GET's query string counts too.
 * Refusals are HTTP 413 with a GraphQL error naming the size measured and the limit.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { limitRefusal } from './refusal.js';

const DIGITS = /^\d+$/;

/** `atLeast`: reading stopped at `bytes`, so the whole is larger still. */
function tooLarge(what: string, bytes: number, maxBytes: number, atLeast: boolean) {
  const size = atLeast ? `over the limit of ${maxBytes} bytes (${bytes} read before stopping)` : `${bytes} bytes, over the limit of ${maxBytes}`;
  return limitRefusal('REQUEST_TOO_LARGE', 'bytes', bytes, maxBytes, `The ${what} is ${size}. Send a smaller query or fewer variables.`, 413);
}

/** How long the rest of a refused chunked body is read and thrown away before the connection is cut. */
const DISCARD_MS = 5_000;

/**
 * Read and drop what follows a refused body, then let the connection go on. Cutting it at once would
 * reset a client still sending, which then never sees the 413; leaving the rest unread would stall the
 * next request a keep-alive client sends on it. Nothing is kept, and after DISCARD_MS it is cut anyway.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const deadline = Date.now() + DISCARD_MS;
  try {
    while (Date.now() < deadline) if ((await reader.read()).done) return;
    await reader.cancel();
  } catch {
    // The client went away: nothing left to drain.
  }
}

/** Read a body of unknown length, stopping once it passes `maxBytes`. */
async function readAtMost(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      void discardRest(reader);
      // Only a lower bound of the size is known: the rest is not counted.
      throw tooLarge('request body', total, maxBytes, true);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/**
 * A declared `content-length` that is not a number, or over the limit, is refused; whether one was declared
 * (the HTTP parser then delivers exactly that length, so there is nothing left to count).
 */
function checkDeclaredLength(request: Request, maxBytes: number): boolean {
  const declared = request.headers.get('content-length');
  if (declared === null) return false;
  if (!DIGITS.test(declared)) {
    throw new GraphQLError('The content-length header is not a number of bytes.', {
      extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
    });
  }
  if (Number(declared) > maxBytes) throw tooLarge('request body', Number(declared), maxBytes, false);
  return true;
}

/** A whole body of at most `maxBytes`, for a route that reads its own (refused as the GraphQL endpoint's is). */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<Buffer> {
  checkDeclaredLength(request, maxBytes);
  return request.body ? readAtMost(request.body, maxBytes) : Buffer.alloc(0);
}

export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequestParse({ request, url, requestParser, setRequestParser, fetchAPI }) {
      const queryBytes = Buffer.byteLength(url.search);
      if (queryBytes > maxBytes) throw tooLarge('query string', queryBytes, maxBytes, false);
      if (checkDeclaredLength(request, maxBytes)) return;
      if (!request.body || !requestParser) return;
      const parse = requestParser;
      setRequestParser(async (original) => {
        const bytes = await readAtMost(original.body!, maxBytes);
        const headers = new fetchAPI.Headers(original.headers);
        headers.delete('transfer-encoding');
        headers.set('content-length', String(bytes.byteLength));
        return parse(new fetchAPI.Request(original.url, { method: original.method, headers, body: bytes as unknown as BodyInit, signal: original.signal }));
      });
    },
  };
}
