// A CSV cell starting with =, +, - or @ is run as a formula by spreadsheets (CSV injection: a
// contact named `=HYPERLINK(...)` would act when the export is opened). The export prefixes such a
// cell with an apostrophe, which spreadsheets show as text; the import takes it off again, so an
// export imports back into the same contacts. Numbers and phone numbers (+1 514…, -12.50) are
// left as they are: they run nothing and other tools read them as written.

const FORMULA = /^[=@]|^[+-](?![\d\s().\/-]*$)/;
// A cell that already starts with apostrophes before a formula gets one more, so that taking one
// off on import gives it back exactly.
const needsGuard = (cell: string) => FORMULA.test(cell.replace(/^'+/, ''));

/** The cell as an export writes it. */
export function guardFormula(cell: string): string {
  return needsGuard(cell) ? `'${cell}` : cell;
}

/** The cell as the export had it before guardFormula. */
export function unguardFormula(cell: string): string {
  return cell.startsWith("'") && needsGuard(cell) ? cell.slice(1) : cell;
}
