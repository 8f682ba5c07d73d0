// A category's time limits (签收 / 首次回应 / 答复) as the admin edits them: an amount and a
// unit for each, read from one form per category into `PATCH /api/staff/categories/{code}`
// `{ limits }`. Pure.
import {
  type ApiErrorBody,
  type CategoryLimits,
  LIMIT_UNITS,
  type LimitUnit,
  type TimeLimit,
} from "@lianxin/contract";
import type { Problem } from "./actions";

/** A category's three limits, in the order of a concern's life. */
export const LIMIT_FIELDS = [
  "signFor",
  "respond",
  "answer",
] as const satisfies readonly (keyof CategoryLimits)[];
export type LimitField = (typeof LIMIT_FIELDS)[number];

/** Bounds the site checks (the API asks only for a positive whole number). */
export const LIMIT_MAX: { readonly [U in LimitUnit]: number } = {
  hours: 720,
  working_days: 250,
  days: 365,
};

/** What the form holds for one limit, as typed. */
export interface LimitValue {
  amount: string;
  unit: string;
}
export type LimitsValues = Record<LimitField, LimitValue>;

/** Form field names: `signForAmount`, `signForUnit`, … */
export const amountName = (f: LimitField) => `${f}Amount`;
export const unitName = (f: LimitField) => `${f}Unit`;

export function isLimitUnit(value: unknown): value is LimitUnit {
  return typeof value === "string" && (LIMIT_UNITS as readonly string[]).includes(value);
}

type FormLike = { get(name: string): FormDataEntryValue | null };

export function readLimitsForm(form: FormLike): LimitsValues {
  const get = (n: string) => {
    const v = form.get(n);
    return typeof v === "string" ? v : "";
  };
  const one = (f: LimitField): LimitValue => ({
    amount: get(amountName(f)).normalize("NFKC").trim(),
    unit: get(unitName(f)).trim(),
  });
  return { signFor: one("signFor"), respond: one("respond"), answer: one("answer") };
}

/** The stored limits as form values (blank where the API sent something unreadable). */
export function limitsValues(limits: Partial<CategoryLimits> | null | undefined): LimitsValues {
  const one = (l: TimeLimit | undefined): LimitValue => ({
    amount: typeof l?.amount === "number" ? String(l.amount) : "",
    unit: isLimitUnit(l?.unit) ? l.unit : "",
  });
  return {
    signFor: one(limits?.signFor),
    respond: one(limits?.respond),
    answer: one(limits?.answer),
  };
}

export type ValidatedLimits =
  | { ok: true; limits: CategoryLimits }
  | { ok: false; problems: Partial<Record<LimitField, Problem>> };

export function validateLimits(v: LimitsValues): ValidatedLimits {
  const problems: Partial<Record<LimitField, Problem>> = {};
  const out: Partial<Record<LimitField, TimeLimit>> = {};
  for (const f of LIMIT_FIELDS) {
    const { amount, unit } = v[f];
    if (!isLimitUnit(unit)) {
      problems[f] = { key: "val.choose" };
      continue;
    }
    const max = LIMIT_MAX[unit];
    if (!amount) {
      problems[f] = { key: "val.required" };
    } else if (!/^\d{1,6}$/.test(amount) || Number(amount) < 1 || Number(amount) > max) {
      problems[f] = { key: "val.integerRange", vars: { min: 1, max } };
    } else {
      out[f] = { amount: Number(amount), unit };
    }
  }
  if (Object.keys(problems).length || !out.signFor || !out.respond || !out.answer) {
    return { ok: false, problems };
  }
  return { ok: true, limits: { signFor: out.signFor, respond: out.respond, answer: out.answer } };
}

/**
 * The API's field errors (`limits.signFor.amount`, `limits.answer`, …) tied to the three
 * limits; anything else (`limits`, `body`) comes back in `loose`.
 */
export function limitsApiErrors(error: ApiErrorBody | null): {
  fieldErrors: Partial<Record<LimitField, string>>;
  loose: string[];
} {
  const fieldErrors: Partial<Record<LimitField, string>> = {};
  const loose: string[] = [];
  for (const [key, msg] of Object.entries(error?.fields ?? {})) {
    const parts = key.split(".");
    const field = LIMIT_FIELDS.find((f) => parts.includes(f));
    if (field && fieldErrors[field] === undefined) fieldErrors[field] = msg;
    else loose.push(msg);
  }
  return { fieldErrors, loose };
}

/** Plural choice for "{n} hour(s)": the message key of a limit shown in words. */
export function limitKey(limit: TimeLimit): `limit.${LimitUnit}.one` | `limit.${LimitUnit}.other` {
  return `limit.${limit.unit}.${limit.amount === 1 ? "one" : "other"}`;
}
