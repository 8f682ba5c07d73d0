import * as z from "zod/mini";
import { normalizePhone } from "./phone.js";

const WORDS = {
  "zh-CN": "请填写手机号或带区号的固定电话（可加分机号，如 0510-83312345 转 8）",
  en: "Enter a mobile number or a landline with its area code (an extension may follow, e.g. 0510-83312345 ext 8)",
};

/**
 * A phone field: absent when empty, else stored as `normalizePhone` gives it. What cannot be
 * a Chinese phone number fails with its words in both languages.
 */
export const PhoneField = z.pipe(
  z.transform((v) => {
    if (typeof v !== "string") return v;
    if (!v.trim()) return undefined;
    return normalizePhone(v) ?? v;
  }),
  z.optional(
    z.string().check(z.refine((v) => normalizePhone(v) === v, { params: { words: WORDS } })),
  ),
);
