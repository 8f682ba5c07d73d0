// Normalising what residents type for the ledger number and access code. Residents type on
// phones, often with a Chinese input method: full-width letters and digits, stray spaces,
// dashes of every width, lower case. Everything here is pure and shared by server and island.

/** Full-width ASCII (ＡＢＣ１２３－) to ASCII, and the dash family to "-". */
function toAscii(input: string): string {
  return input.normalize("NFKC").replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D\u30FC]/g, "-");
}

const LEDGER = /^LS-?(\d{4})-?(\d{6})$/;

/**
 * "ls-2026-000123 " → "LS-2026-000123". Accepts lower case, surrounding and inner spaces,
 * full-width characters and missing hyphens. Returns null when it cannot be a ledger number.
 */
export function normaliseLedgerNo(input: string): string | null {
  const compact = toAscii(input).replace(/\s+/g, "").toUpperCase();
  const m = LEDGER.exec(compact);
  if (!m) return null;
  return `LS-${m[1]}-${m[2]}`;
}

export const ACCESS_CODE_LENGTH = 10;
const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]+$/;

/**
 * Crockford base32 as people type it: upper case, spaces and hyphens removed, O → 0 and
 * I / L → 1. Returns null when the result is not 10 Crockford characters (U is not one).
 */
export function normaliseAccessCode(input: string): string | null {
  const code = toAscii(input)
    .replace(/[\s-]+/g, "")
    .toUpperCase()
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (code.length !== ACCESS_CODE_LENGTH || !CROCKFORD.test(code)) return null;
  return code;
}
