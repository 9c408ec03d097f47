import { stringify, type Options } from 'csv-stringify/sync';

// Every CSV the app writes goes through stringifyCsv, so that a spreadsheet never runs a cell as a formula (OWASP,
// "CSV injection"): a text cell that begins with =, +, -, @, a tab or a carriage return gets a leading single quote,
// which spreadsheets show as text and do not evaluate.
//
// Numbers stay numbers. A cell is a number, and is written unchanged, when its value is a JavaScript number or when
// the whole text is one plain decimal number (`-12`, `+3.5`, `-0,75`, `1e-3`): such a cell cannot call anything, and a
// spreadsheet reads it as the same number it would have read anyway. Anything more (`-1+1`, `-2)*cmd|…`, `=1`) is
// text, and is neutralised. The SPSS export has its own quoting and does not use this.

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;

/** One cell made safe for a spreadsheet: text that a spreadsheet would run as a formula gets a leading quote. */
export function neutraliseCsvCell(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (!FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

/** Records as CSV text (csv-stringify), every cell neutralised by neutraliseCsvCell. */
export function stringifyCsv(records: readonly (readonly unknown[])[], options?: Options): string {
  return stringify(
    records.map((record) => record.map(neutraliseCsvCell)),
    options,
  );
}

/**
 * A cell read back from a CSV this app wrote: the quote neutraliseCsvCell added is taken off again, so an export
 * imports unchanged (csv-parse's `cast`).
 */
export function restoreCsvCell(value: string): string {
  return value.startsWith("'") && neutraliseCsvCell(value.slice(1)) === value ? value.slice(1) : value;
}
