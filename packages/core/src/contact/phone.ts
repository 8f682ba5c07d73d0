/**
 * Chinese phone numbers as residents and offices write them, checked once for the API and the
 * sites alike (the sites import this module for their live checks, so a number the form
 * accepts is one the API accepts): a mobile (1[3-9] and 9 more digits), a landline with its
 * area code (0 and 9 to 11 digits), either with +86 or 86 in front (the landline's 0 then
 * dropped or kept), or a local landline of 7 or 8 digits; spaces, hyphens, dots and brackets
 * anywhere, full-width digits, and an extension after 转, ext, x or #. No zod here: the
 * sites' islands import it.
 */

const SEPARATORS = /[\s\-().]/g;
const EXTENSION = /(?:转|ext\.?|x|#)/i;

/** An area code without its 0: 10 (Beijing), 2x (the large cities), or three digits. */
const AREA = "(?:10|2\\d|[3-9]\\d{2})";
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = new RegExp(`^0${AREA}\\d{7,8}$`); // 0510 83312345
const LANDLINE_FROM_ABROAD = new RegExp(`^${AREA}\\d{7,8}$`); // +86 510 83312345
const LOCAL = /^\d{7,8}$/; // 83312345

/**
 * The number as stored: its digits without separators, a leading + kept, and an extension
 * as `转123`; null when it is not a plausible Chinese phone number.
 */
export function normalizePhone(input: string): string | null {
  const raw = input.normalize("NFKC").trim();
  const [main = "", ...extensions] = raw.split(EXTENSION);
  if (extensions.length > 1) return null;
  const extension = extensions[0]?.trim();
  if (extensions.length === 1 && !/^\d{1,6}$/.test(extension ?? "")) return null;
  if (/[^\d+\s\-().]/.test(main)) return null;
  const digits = main.replace(SEPARATORS, "");
  if (!/^\+?\d+$/.test(digits)) return null;
  const national = digits.replace(/^\+?86(?=\d{9,})/, "");
  const withCountry = national !== digits;
  const plausible =
    MOBILE.test(national) ||
    LANDLINE.test(national) ||
    (withCountry ? LANDLINE_FROM_ABROAD.test(national) : LOCAL.test(national));
  if (!plausible) return null;
  return extension ? `${digits}转${extension}` : digits;
}

export const isPlausiblePhone = (input: string): boolean => normalizePhone(input) !== null;

/**
 * A stored number (normalizePhone) as a public text may write it, for masking it as a known
 * term: its national digits without the extension, and a landline's local number on its own
 * (0512 66881234 is often written 66881234). Empty for nothing stored.
 */
export function phoneTermsOf(stored: string | null | undefined): string[] {
  const main = (stored ?? "").split("转")[0]?.replace(/\D/g, "") ?? "";
  const national = main.replace(/^86(?=\d{9,})/, "");
  if (national.length < 7) return [];
  const terms = [national];
  if (MOBILE.test(national)) return terms;
  const local = new RegExp(`^0?${AREA}(\\d{7,8})$`).exec(national)?.[1];
  if (local) terms.push(local);
  // Stored from abroad (+86 510 …): written at home with the area code's 0.
  if (local && !national.startsWith("0")) terms.push(`0${national}`);
  return terms;
}
