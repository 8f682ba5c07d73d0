import type { LedgerRow } from "@lianxin/core";
import { type Locale, ledgerHeaders, ledgerValues } from "@lianxin/core";

/** Excel reads a UTF-8 CSV as UTF-8 (and so shows Chinese) only with this mark first. */
export const UTF8_BOM = "\uFEFF";

/**
 * A cell starting with one of these is a formula to a spreadsheet (CSV injection, OWASP):
 * such text gets a leading apostrophe so that it stays text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field (RFC 4180): dates as YYYY-MM-DD, quoted when it holds `"`, `,` or a line break. */
export function csvField(value: string | number | Date | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 has it. */
export function csvRecord(values: Array<string | number | Date | null>): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

export function csvHeader(locale: Locale): string {
  return UTF8_BOM + csvRecord(ledgerHeaders(locale));
}

export function csvRow(row: LedgerRow): string {
  return csvRecord(ledgerValues(row));
}
