/**
 * The text of one input (a file or standard input), read the way real bibliographic files need: gzip is
 * detected by its magic bytes, and each line is decoded as UTF-8 or, when it is not valid UTF-8, as
 * Windows-1252 (old corpora mix both). Lines are numbered from 1 so errors can name them.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';

export interface InputLine {
  /** 1-based line number in the decompressed text. */
  number: number;
  text: string;
}

export interface InputSource {
  /** File path, or `-` for standard input: used in messages. */
  name: string;
  lines(): AsyncIterable<InputLine>;
  /** The whole decoded text (for formats that are one JSON document). */
  text(): Promise<string>;
  /** How far reading has got, in bytes of the input as stored (for progress and ETA). */
  progress(): { read: number; total: number | undefined };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Windows-1252's characters for bytes 0x80–0x9F (undefined bytes map to themselves). Node's own
 * 'windows-1252' decoder returns Latin-1 control characters for this range, so the table is ours.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return out;
}

export function decodeLine(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Split a byte stream into decoded lines; the stream is destroyed if the reader stops early. */
async function* splitLines(stream: Readable): AsyncIterable<InputLine> {
  let pending: Buffer = Buffer.alloc(0);
  let number = 0;
  const line = (bytes: Buffer): InputLine => {
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    return { number: ++number, text: decodeLine(bytes.subarray(0, end)) };
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const buffer = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      let start = 0;
      for (let i = buffer.indexOf(0x0a); i !== -1; i = buffer.indexOf(0x0a, start)) {
        yield line(buffer.subarray(start, i));
        start = i + 1;
      }
      pending = Buffer.from(buffer.subarray(start));
    }
    if (pending.length > 0) yield line(pending);
  } finally {
    stream.destroy();
  }
}

async function collect(lines: AsyncIterable<InputLine>): Promise<string> {
  const parts: string[] = [];
  for await (const l of lines) parts.push(l.text);
  return parts.join('\n');
}

export function fileSource(path: string): InputSource {
  const total = statSync(path).size;
  let read = 0;
  const open = (): Readable => {
    const head = Buffer.alloc(2);
    const fd = openSync(path, 'r');
    const got = readSync(fd, head, 0, 2, 0);
    closeSync(fd);
    read = 0;
    const raw = createReadStream(path, { highWaterMark: 1 << 20 });
    raw.on('data', (chunk) => (read += chunk.length));
    if (!isGzip(head.subarray(0, got))) return raw;
    const gunzip = createGunzip();
    raw.on('error', (error) => gunzip.destroy(error));
    gunzip.on('close', () => raw.destroy());
    return raw.pipe(gunzip);
  };
  return {
    name: path,
    lines: () => splitLines(open()),
    text: () => collect(splitLines(open())),
    progress: () => ({ read, total }),
  };
}

function bufferSource(name: string, bytes: () => Promise<Buffer>): InputSource {
  let size: number | undefined;
  let read = 0;
  const open = async function* (): AsyncIterable<InputLine> {
    const raw = await bytes();
    size = raw.length;
    read = raw.length;
    yield* splitLines(Readable.from([isGzip(raw) ? gunzipSync(raw) : raw]));
  };
  return {
    name,
    lines: open,
    text: () => collect(open()),
    progress: () => ({ read, total: size }),
  };
}

/** Standard input can be read once: its bytes are buffered so it can be read again (format detection). */
export function stdinSource(stdin: Readable = process.stdin): InputSource {
  let buffered: Promise<Buffer> | undefined;
  return bufferSource('-', () =>
    (buffered ??= (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    })()),
  );
}

/** A source made from a string (tests, and text already in memory). */
export function textSource(name: string, text: string): InputSource {
  return bufferSource(name, async () => Buffer.from(text, 'utf8'));
}
