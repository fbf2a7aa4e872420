// Lexer for vCard 2.1 / 3.0 / 4.0. It works on a "binary" string (one char per byte, as from
// Buffer#toString('latin1')) so each value's bytes can later be decoded with its own CHARSET.

export interface VCardParam {
  /** Upper case; a 2.1 bare parameter becomes TYPE (WORK, PREF) or ENCODING (QUOTED-PRINTABLE). */
  name: string;
  values: string[];
}

export interface VCardProperty {
  line: number;
  group: string | null;
  /** Upper case, e.g. FN, EMAIL. */
  name: string;
  params: VCardParam[];
  /** Raw value bytes (latin1 string), still encoded and escaped. */
  value: string;
}

export interface VCardCard {
  /** Line of BEGIN:VCARD. */
  line: number;
  properties: VCardProperty[];
  /** False when the file ended before END:VCARD. */
  closed: boolean;
}

interface LogicalLine {
  text: string;
  line: number;
  quotedPrintable: boolean;
}

export function readVCardCards(binary: string): VCardCard[] {
  const cards: VCardCard[] = [];
  let card: VCardCard | null = null;
  let depth = 0;
  for (const logical of unfold(binary)) {
    const prop = parseProperty(logical);
    if (!prop) continue;
    const value = prop.value.trim().toUpperCase();
    if (prop.name === 'BEGIN' && value === 'VCARD') {
      if (depth === 0) card = { line: prop.line, properties: [], closed: false };
      depth++;
      continue;
    }
    // vCard 2.1 may embed a whole card as AGENT:BEGIN:VCARD …; its END must not close ours.
    if (prop.name === 'AGENT' && value.startsWith('BEGIN:VCARD')) {
      depth++;
      continue;
    }
    if (prop.name === 'END' && value === 'VCARD') {
      if (depth > 0) depth--;
      if (depth === 0 && card) {
        card.closed = true;
        cards.push(card);
        card = null;
      }
      continue;
    }
    if (depth === 1 && card) card.properties.push(prop);
  }
  if (card) cards.push(card);
  return cards;
}

/**
 * Join physical lines into logical ones: RFC folding (a line starting with a space or tab
 * continues the previous one, minus that one character) and QUOTED-PRINTABLE soft breaks
 * (a QP value ending in "=" continues on the next line, indented or not). Blank lines are
 * ignored; CR, LF, CRLF and the CRCRLF some iOS exports write all end a line.
 */
function* unfold(binary: string): Generator<LogicalLine> {
  const lines = binary.split(/\r*\n|\r/);
  let current: LogicalLine | null = null;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (current?.quotedPrintable && current.text.endsWith('=')) {
      current.text = current.text.slice(0, -1);
      // A soft break followed by a blank line leads nowhere: the value ends here.
      if (raw.trim() !== '') {
        current.text += raw;
        continue;
      }
    }
    if (raw.trim() === '') continue;
    if (current && (raw[0] === ' ' || raw[0] === '\t')) {
      current.text += raw.slice(1);
      continue;
    }
    if (current) yield current;
    current = { text: raw, line: i + 1, quotedPrintable: isQuotedPrintable(raw) };
  }
  if (current) yield current;
}

function isQuotedPrintable(raw: string): boolean {
  const colon = indexOutsideQuotes(raw, ':');
  const head = colon < 0 ? raw : raw.slice(0, colon);
  return /;\s*(?:ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*(?:;|$)/i.test(head);
}

function parseProperty(logical: LogicalLine): VCardProperty | null {
  const colon = indexOutsideQuotes(logical.text, ':');
  if (colon < 0) return null; // e.g. an unindented base64 line of a 2.1 PHOTO
  const [nameSegment = '', ...paramSegments] = splitOutsideQuotes(logical.text.slice(0, colon), ';');
  const m = /^(?:([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)\.)?([A-Za-z0-9-]+)$/.exec(nameSegment.trim());
  if (!m) return null;
  const params: VCardParam[] = [];
  for (const segment of paramSegments) {
    const eq = segment.indexOf('=');
    if (eq < 0) {
      const bare = segment.trim();
      if (bare === '') continue;
      const isEncoding = /^(?:QUOTED-PRINTABLE|BASE64|B|8BIT|7BIT)$/i.test(bare);
      params.push({ name: isEncoding ? 'ENCODING' : 'TYPE', values: [bare] });
      continue;
    }
    const name = segment.slice(0, eq).trim().toUpperCase();
    const values = splitOutsideQuotes(segment.slice(eq + 1), ',').map((v) => v.trim().replace(/^"(.*)"$/s, '$1'));
    params.push({ name, values });
  }
  return {
    line: logical.line,
    group: m[1] ?? null,
    name: m[2]!.toUpperCase(),
    params,
    value: logical.text.slice(colon + 1),
  };
}

function indexOutsideQuotes(text: string, char: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === char && !quoted) return i;
  }
  return -1;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
