// 忘记查询码 (/recover): the two steps' forms as posted, normalised, and their problems. Pure.
// Step 1 takes the ledger number and the phone given at submission; step 2 the SMS's code,
// the other two carried in hidden fields.
import { isPlausiblePhone } from "@lianxin/site-kit/concern-form";
import type { Problems } from "./concern-form";
import { readLedgerNo } from "./track-form";

export type RecoverField = "ledgerNo" | "phone" | "code";
export const RECOVER_FIELDS: readonly RecoverField[] = ["ledgerNo", "phone", "code"];

/** "request": send me a code (step 1, or again from step 2); "verify": here is the code. */
export type RecoverIntent = "request" | "verify";

export interface RecoverValues {
  ledgerNo: string;
  phone: string;
  code: string;
}

export type RecoverInput =
  | { ok: true; ledgerNo: string; phone: string; code: string }
  | { ok: false; problems: Problems<RecoverField> };

type FormLike = { get(name: string): FormDataEntryValue | null };

const str = (form: FormLike, name: string, max: number) => {
  const v = form.get(name);
  return typeof v === "string" ? v.slice(0, max) : "";
};

/** What was posted, as typed (a re-rendered form shows it unchanged). */
export function readRecoverForm(form: FormLike): { intent: RecoverIntent; values: RecoverValues } {
  return {
    intent: form.get("intent") === "verify" ? "verify" : "request",
    values: {
      ledgerNo: str(form, "ledgerNo", 60),
      phone: str(form, "phone", 40),
      code: str(form, "code", 20),
    },
  };
}

/** The SMS's code as people type it: full-width digits and spaces allowed (core's rule). */
export function normaliseOneTimeCode(input: string): string | null {
  const digits = input.normalize("NFKC").replace(/\s/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** Checks what the intent needs: step 1 the number and phone, step 2 the code as well. */
export function checkRecoverInput(intent: RecoverIntent, v: RecoverValues): RecoverInput {
  const problems: Problems<RecoverField> = {};
  const ledger = readLedgerNo(v.ledgerNo);
  if ("problem" in ledger) problems.ledgerNo = ledger.problem;
  // The API takes any plausible phone (a landline then gets the same answer and no SMS).
  if (!v.phone.trim()) problems.phone = { key: "val.phoneRequired" };
  else if (!isPlausiblePhone(v.phone)) problems.phone = { key: "val.mobileInvalid" };
  const code = intent === "verify" ? normaliseOneTimeCode(v.code) : "";
  if (intent === "verify" && !v.code.trim()) problems.code = { key: "val.codeRequired" };
  else if (code === null) problems.code = { key: "val.codeInvalid" };
  if ("ledgerNo" in ledger && !problems.phone && code !== null) {
    return { ok: true, ledgerNo: ledger.ledgerNo, phone: v.phone.trim(), code };
  }
  return { ok: false, problems };
}
