import * as iconv from 'iconv-lite';
import type { TextEncoding } from './decode-import-text';

const CHUNK_BYTES = 64 * 1024;

/**
 * The text of a file as UTF-8 chunks without its byte-order mark, decoded a piece at a time so
 * that no second copy of a large file is made: UTF-8 bytes are handed out as they are (views of
 * the body), other encodings are decoded chunk by chunk (a character split between two chunks is
 * kept for the next one).
 */
export function* utf8Chunks(body: Buffer, encoding: TextEncoding, chunkBytes = CHUNK_BYTES): Generator<Buffer> {
  if (encoding === 'utf-8') {
    const start = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
    for (let i = start; i < body.length; i += chunkBytes) yield body.subarray(i, Math.min(i + chunkBytes, body.length));
    return;
  }
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  for (let i = 0; i < body.length; i += chunkBytes) {
    const text = decoder.write(body.subarray(i, Math.min(i + chunkBytes, body.length)));
    if (text) yield Buffer.from(text, 'utf8');
  }
  const rest = decoder.end();
  if (rest) yield Buffer.from(rest, 'utf8');
}
