import { Transform } from 'class-transformer';

// Text fields are trimmed and stored in Unicode NFC; an empty string means "no value" (null).
export const CleanText = () =>
  Transform(({ value }) => (typeof value === 'string' ? (value.trim().normalize('NFC') || null) : value));

// Names stay "" when blank so the length rule reports them, instead of turning them into null.
export const CleanName = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim().normalize('NFC') : value));

/** Length in characters (code points), not UTF-16 units or bytes. */
export const charLength = (s: string) => [...s].length;
