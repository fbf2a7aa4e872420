// vCard text values escape "\\", ";", "," and newlines with a backslash (3.0/4.0; 2.1 only "\;").

export function unescapeText(text: string): string {
  return text.replace(/\\([\s\S])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Split a structured value (ORG, ADR) on unescaped ";"; commas stay (2.1 writers rarely escape them). */
export function splitComponents(text: string): string[] {
  return splitUnescaped(text, ';').map(unescapeText);
}

/** Split N on unescaped ";", each component's several values (unescaped ",") joined by spaces. */
export function splitNameComponents(text: string): string[] {
  return splitUnescaped(text, ';').map((component) => splitUnescaped(component, ',').map(unescapeText).join(' '));
}

function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
