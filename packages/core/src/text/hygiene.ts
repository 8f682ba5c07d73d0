import * as z from "zod/mini";

/**
 * What no free text may hold (titles, descriptions, names, addresses, messages, replies,
 * notes): C0 and C1 control characters but tab and line breaks, the bidirectional overrides
 * and isolates that can make stored text read other than it is (U+202A–U+202E,
 * U+2066–U+2069), and lone surrogates (half a character, which no font can show).
 */
const CONTROL = /(?![\t\n\r])\p{Cc}/u;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextProblem = "control" | "bidi" | "surrogate";

export function textProblem(text: string): TextProblem | null {
  if (CONTROL.test(text)) return "control";
  if (BIDI.test(text)) return "bidi";
  if (LONE_SURROGATE.test(text)) return "surrogate";
  return null;
}

/** The words for a text with a problem, in both languages. */
export const TEXT_PROBLEM_WORDS = {
  "zh-CN": "含有不可见的控制字符或文字方向控制符，请删除后再提交",
  en: "Contains invisible control or text-direction characters: remove them and try again",
} as const;

/** A check for a free-text field: refused with a clear message in both languages. */
export const cleanText = () =>
  z.refine<string>((value) => textProblem(value) === null, {
    message: TEXT_PROBLEM_WORDS.en,
    params: { words: TEXT_PROBLEM_WORDS },
  });

/**
 * Invisible format characters (`\p{Cf}`: zero-width space U+200B, joiners, U+2060 word
 * joiner, U+FEFF, soft hyphen, direction marks) show nothing, nor does white space around a
 * text: a text made only of them counts as empty. `String.prototype.trim` removes U+FEFF but
 * not U+200B or U+2060.
 */
const FORMAT = /\p{Cf}/gu;
const INVISIBLE = /[\p{Cf}\s]/gu;

/**
 * The length a reader sees: without invisible format characters and the white space around
 * the text; white space between words counts, and lengths are counted as zod and the forms'
 * `minlength` count them (UTF-16 code units), so a form and the API agree.
 */
export function visibleLength(text: string): number {
  return text.replace(FORMAT, "").trim().length;
}

/** Whether `text` shows nothing: empty, or only white space and invisible format characters. */
export function isBlankText(text: string): boolean {
  return text.replace(INVISIBLE, "") === "";
}

/**
 * A minimum length counted in visible characters (visibleLength), refused as a `too_small`
 * issue so that the field's usual "required / at least N characters" words apply (20 × U+200B
 * is not 20).
 */
export const minVisible = (minimum: number) =>
  z.check<string>((ctx) => {
    if (visibleLength(ctx.value) >= minimum) return;
    ctx.issues.push({
      code: "too_small",
      origin: "string",
      minimum,
      inclusive: true,
      input: ctx.value,
    });
  });

/**
 * The free-text field: trimmed, at most `max` characters, at least `min` visible ones
 * (default 1: required), and clean (`cleanText`).
 */
export const freeText = (max: number, min = 1) =>
  z.string().check(z.trim(), minVisible(min), z.maxLength(max), cleanText());

/**
 * An optional free-text field: trimmed, and a text that shows nothing (empty, white space or
 * invisible characters only) is taken as absent; otherwise at most `max` characters, clean.
 */
export const optionalFreeText = (max: number) =>
  z.pipe(
    z.transform((v) => (typeof v === "string" ? (isBlankText(v) ? undefined : v.trim()) : v)),
    z.optional(z.string().check(z.maxLength(max), cleanText())),
  );

/**
 * A free-text field that may be empty (notes): trimmed, at most `max` characters, clean; a
 * text that shows nothing is kept as "".
 */
export const plainText = (max: number) =>
  z.string().check(
    z.trim(),
    z.overwrite((v) => (isBlankText(v) ? "" : v)),
    z.maxLength(max),
    cleanText(),
  );
