import { Transform } from 'class-transformer';

// Text fields are trimmed and stored in Unicode NFC; an empty string means "no value" (null).
export const CleanText = () =>
  Transform(({ value }) => (typeof value === 'string' ? (value.trim().normalize('NFC') || null) : value));

// Names and note bodies stay "" when blank so the length rule reports them, instead of turning them into null.
export const CleanName = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim().normalize('NFC') : value));

// "fr-ca" is stored as "fr-CA"; anything that is not a tag is left for the validator to refuse.
export const CanonicalLanguage = () =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    try {
      return Intl.getCanonicalLocales(value.trim())[0] ?? value;
    } catch {
      return value;
    }
  });

/** Length in characters (code points), not UTF-16 units or bytes. */
export const charLength = (s: string) => [...s].length;
