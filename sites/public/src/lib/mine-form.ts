// 我的诉求 (/mine): the sign-in forms as posted, normalised, and their problems, and the list's
// rows as the page shows them. Pure. Step 1 takes a mobile number; step 2 the SMS's code, the
// mobile carried in a hidden field; signing out takes nothing.
import { isPlausiblePhone } from "@lianxin/site-kit/concern-form";
import type { Problems } from "./concern-form";
import { normaliseOneTimeCode } from "./recover-form";

export type MineField = "phone" | "code";
export const MINE_FIELDS: readonly MineField[] = ["phone", "code"];

/** "send": text me a code (step 1, or again from step 2); "verify": here is the code. */
export type MineIntent = "send" | "verify" | "signout";

export interface MineValues {
  phone: string;
  code: string;
}

export type MineInput =
  | { ok: true; phone: string; code: string }
  | { ok: false; problems: Problems<MineField> };

type FormLike = { get(name: string): FormDataEntryValue | null };

const str = (form: FormLike, name: string, max: number) => {
  const v = form.get(name);
  return typeof v === "string" ? v.slice(0, max) : "";
};

/** What was posted, as typed (a re-rendered form shows it unchanged). */
export function readMineForm(form: FormLike): { intent: MineIntent; values: MineValues } {
  const intent = form.get("intent");
  return {
    intent: intent === "verify" || intent === "signout" ? intent : "send",
    values: { phone: str(form, "phone", 40), code: str(form, "code", 20) },
  };
}

/**
 * Whether a phone as typed is a mainland mobile (11 digits from 13 to 19; +86, spaces and
 * hyphens allowed), the only kind a sign-in code can be texted to. The site's check, for a
 * clear word to someone typing a landline: the API decides, and answers alike either way.
 */
export function looksLikeMobile(input: string): boolean {
  const digits = input
    .normalize("NFKC")
    .replace(/[\s\-()（）]/g, "")
    .replace(/^(\+|00)?86(?=1\d{10}$)/, "");
  return /^1[3-9]\d{9}$/.test(digits);
}

/** Checks what the intent needs: a mobile to send a code, and the code as well to verify. */
export function checkMineInput(intent: "send" | "verify", v: MineValues): MineInput {
  const problems: Problems<MineField> = {};
  if (!v.phone.trim()) problems.phone = { key: "val.phoneRequired" };
  else if (!isPlausiblePhone(v.phone) || !looksLikeMobile(v.phone)) {
    problems.phone = { key: "mine.mobileInvalid" };
  }
  const code = intent === "verify" ? normaliseOneTimeCode(v.code) : "";
  if (intent === "verify" && !v.code.trim()) problems.code = { key: "val.codeRequired" };
  else if (code === null) problems.code = { key: "val.codeInvalid" };
  if (!problems.phone && code !== null) return { ok: true, phone: v.phone.trim(), code };
  return { ok: false, problems };
}
