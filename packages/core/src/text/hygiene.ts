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

const WORDS = {
  "zh-CN": "含有不可见的控制字符或文字方向控制符，请删除后再提交",
  en: "Contains invisible control or text-direction characters: remove them and try again",
} as const;

/** A check for a free-text field: refused with a clear message in both languages. */
export const cleanText = () =>
  z.refine<string>((value) => textProblem(value) === null, {
    message: WORDS.en,
    params: { words: WORDS },
  });
