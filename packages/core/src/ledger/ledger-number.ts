import * as z from "zod/mini";
import { shanghaiYear } from "../time/shanghai.js";

/**
 * 台账编号: `LS-2026-000123`, sequential per year in Asia/Shanghai, each number a concern or a
 * recorded void (ledger-void.ts), so the ledger has no silent gap. "LS" is the
 * town's prefix (洛社). Six digits hold 999,999 items a year: far beyond a town's volume.
 */
export const TOWN_PREFIX = "LS";
const PATTERN = /^([A-Z]{2})-(\d{4})-(\d{6})$/;

export const LedgerNo = z.string().check(z.regex(PATTERN));
export type LedgerNo = z.infer<typeof LedgerNo>;

export function formatLedgerNo(year: number, sequence: number, prefix = TOWN_PREFIX): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) {
    throw new RangeError(`ledger sequence out of range: ${sequence}`);
  }
  return `${prefix}-${year}-${String(sequence).padStart(6, "0")}`;
}

export function parseLedgerNo(
  value: string,
): { prefix: string; year: number; sequence: number } | null {
  const match = PATTERN.exec(value.trim().toUpperCase());
  if (!match) return null;
  return { prefix: match[1] as string, year: Number(match[2]), sequence: Number(match[3]) };
}

/** The ledger year a concern registered at `instant` belongs to. */
export function ledgerYear(instant: Date): number {
  return shanghaiYear(instant);
}
