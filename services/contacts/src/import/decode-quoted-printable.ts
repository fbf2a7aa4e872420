/**
 * Decode a QUOTED-PRINTABLE value to bytes (not text): the bytes are decoded afterwards with the
 * property's CHARSET, so a multi-byte UTF-8 character split across a soft line break survives.
 */
export function decodeQuotedPrintable(encoded: Buffer): Buffer {
  const out = Buffer.alloc(encoded.length);
  let n = 0;
  for (let i = 0; i < encoded.length; i++) {
    const b = encoded[i]!;
    if (b !== 0x3d /* = */) {
      out[n++] = b;
      continue;
    }
    // Soft line break: "=" at the end of a line joins it to the next.
    if (encoded[i + 1] === 0x0d && encoded[i + 2] === 0x0a) {
      i += 2;
      continue;
    }
    if (encoded[i + 1] === 0x0a) {
      i += 1;
      continue;
    }
    const hi = hexValue(encoded[i + 1]);
    const lo = hexValue(encoded[i + 2]);
    if (hi >= 0 && lo >= 0) {
      out[n++] = (hi << 4) | lo;
      i += 2;
    } else if (i + 1 < encoded.length) {
      out[n++] = b; // a stray "=" is kept as is, as RFC 2045 suggests for robustness
    }
  }
  return out.subarray(0, n);
}

function hexValue(b: number | undefined): number {
  if (b === undefined) return -1;
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}
