import type { Writable } from "node:stream";
import { LEDGER_COLUMNS, type LedgerRow, type Locale, ledgerValues } from "@lianxin/core";

export const XLSX_CONTENT_TYPE =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const LEDGER_SHEET_NAME = "台账";
const DATE_FORMAT = "yyyy-mm-dd";

export interface LedgerXlsxWriter {
  /** Writes one row and commits it: it leaves memory for the output stream. */
  add(row: LedgerRow): void;
  /** Writes the end of the sheet and the workbook's other parts, and ends the stream. */
  finish(): Promise<void>;
}

/**
 * The ledger as an Excel workbook, written as a stream with exceljs's streaming writer:
 * each row is committed as it is added, so memory holds a row, not the sheet. exceljs
 * (about 1 MB) is imported here, on the first export, never by the API's other routes.
 * Inline strings (no shared-string table, which would grow with the sheet); styles on, for
 * the bold header and the date format.
 * Caveat (measured): exceljs's internal stream does not wait for the zip's compression, so
 * when rows come faster than they deflate, Buffers queue there (about 36 MB at 20,000 rows,
 * 160 MB at 100,000 in a tight loop; far less when paced by DynamoDB pages). The JS heap
 * stays flat.
 */
export async function openLedgerXlsx(out: Writable, locale: Locale): Promise<LedgerXlsxWriter> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = "Lianxin";
  const sheet = workbook.addWorksheet(LEDGER_SHEET_NAME, {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = LEDGER_COLUMNS.map((c) => ({
    header: c.header[locale],
    key: c.key,
    width: c.width,
    ...(c.kind === "date" ? { style: { numFmt: DATE_FORMAT } } : {}),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  const dateColumns = LEDGER_COLUMNS.flatMap((c, i) => (c.kind === "date" ? [i + 1] : []));
  return {
    add(row) {
      const added = sheet.addRow(ledgerValues(row));
      for (const col of dateColumns) added.getCell(col).numFmt = DATE_FORMAT;
      added.commit();
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
