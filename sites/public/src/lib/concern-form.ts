// The submission form's values, rules and the body sent to the API. Pure: the page's server
// code and the form island both use it, so the live validation says exactly what the server says.
import type { MessageKey, Vars } from "../i18n/messages";
import type { Directory, SubmissionBody } from "./api-types";

export const LIMITS = {
  title: 100,
  descriptionMin: 10,
  descriptionMax: 4000,
  address: 200,
  contactName: 50,
  messageMin: 1,
  messageMax: 2000,
} as const;

export const CONCERN_FIELDS = [
  "villageId",
  "groupId",
  "categoryCode",
  "title",
  "description",
  "address",
  "contactName",
  "contactPhone",
  "anonymous",
] as const;
export type ConcernField = (typeof CONCERN_FIELDS)[number];

export interface ConcernFormValues {
  villageId: string;
  groupId: string;
  categoryCode: string;
  title: string;
  description: string;
  address: string;
  contactName: string;
  contactPhone: string;
  anonymous: boolean;
}

export const EMPTY_CONCERN: ConcernFormValues = {
  villageId: "",
  groupId: "",
  categoryCode: "",
  title: "",
  description: "",
  address: "",
  contactName: "",
  contactPhone: "",
  anonymous: false,
};

/** A validation problem as a dictionary key, translated where it is shown. */
export interface Problem {
  key: MessageKey;
  vars?: Vars;
}
export type Problems<F extends string> = Partial<Record<F, Problem>>;

type FormLike = { get(name: string): FormDataEntryValue | null };

function str(form: FormLike, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

/** Read the posted form. Text is kept as typed (so a re-rendered form shows it unchanged). */
export function readConcernForm(form: FormLike): ConcernFormValues {
  const anon = str(form, "anonymous");
  return {
    villageId: str(form, "villageId").trim(),
    groupId: str(form, "groupId").trim(),
    categoryCode: str(form, "categoryCode").trim(),
    title: str(form, "title"),
    description: str(form, "description"),
    address: str(form, "address"),
    contactName: str(form, "contactName"),
    contactPhone: str(form, "contactPhone"),
    anonymous: anon === "on" || anon === "true" || anon === "1",
  };
}

/** Length as the API counts it (UTF-16 code units, like zod), after trimming. */
export function textLength(value: string): number {
  return value.trim().length;
}

/**
 * Chinese phone numbers, loosely: a mobile (1[3-9] + 9 digits, optionally +86), a landline
 * with area code (0 + 2–3 digits, then 7–8 digits, optional extension), or a local 7–8 digit
 * number. Spaces, hyphens, dots and brackets are ignored.
 */
export function isPlausiblePhone(input: string): boolean {
  const raw = input.normalize("NFKC").trim();
  const [main = "", ...ext] = raw.split(/(?:转|ext\.?|x|#)/i);
  if (ext.length > 1 || (ext.length === 1 && !/^\s*\d{1,6}\s*$/.test(ext[0] ?? ""))) return false;
  if (/[^\d+\s\-().]/.test(main)) return false;
  const digits = main.replace(/[\s\-().]/g, "");
  return (
    /^(?:\+?86)?1[3-9]\d{9}$/.test(digits) || // mobile
    /^(?:\+?86)?0\d{9,11}$/.test(digits) || // landline with area code: 0510 83312345
    /^\+?86[1-9]\d{8,10}$/.test(digits) || // +86 510 83312345
    /^\d{7,8}$/.test(digits) // local number
  );
}

/** One field's problem (or none). `directory` lets the server check ids; the island has it too. */
export function validateConcernField(
  field: ConcernField,
  v: ConcernFormValues,
  directory?: Directory | null,
): Problem | undefined {
  switch (field) {
    case "villageId": {
      if (!v.villageId) return { key: "val.villageRequired" };
      if (directory && !directory.villages.some((x) => x.id === v.villageId))
        return { key: "val.villageUnknown" };
      return undefined;
    }
    case "groupId": {
      if (!v.groupId || !directory || !v.villageId) return undefined;
      const village = directory.villages.find((x) => x.id === v.villageId);
      if (village && !village.groups.some((g) => g.id === v.groupId))
        return { key: "val.groupMismatch" };
      return undefined;
    }
    case "categoryCode": {
      if (!v.categoryCode) return { key: "val.categoryRequired" };
      if (directory && !directory.categories.some((c) => c.code === v.categoryCode))
        return { key: "val.categoryUnknown" };
      return undefined;
    }
    case "title": {
      const n = textLength(v.title);
      return n > LIMITS.title
        ? { key: "val.titleTooLong", vars: { max: LIMITS.title, n } }
        : undefined;
    }
    case "description": {
      const n = textLength(v.description);
      if (n === 0) return { key: "val.descriptionRequired" };
      if (n < LIMITS.descriptionMin)
        return { key: "val.descriptionTooShort", vars: { min: LIMITS.descriptionMin, n } };
      if (n > LIMITS.descriptionMax)
        return { key: "val.descriptionTooLong", vars: { max: LIMITS.descriptionMax, n } };
      return undefined;
    }
    case "address": {
      const n = textLength(v.address);
      return n > LIMITS.address
        ? { key: "val.addressTooLong", vars: { max: LIMITS.address, n } }
        : undefined;
    }
    case "contactName": {
      if (v.anonymous) return undefined;
      const n = textLength(v.contactName);
      return n > LIMITS.contactName
        ? { key: "val.contactNameTooLong", vars: { max: LIMITS.contactName, n } }
        : undefined;
    }
    case "contactPhone": {
      if (v.anonymous || !v.contactPhone.trim()) return undefined;
      return isPlausiblePhone(v.contactPhone) ? undefined : { key: "val.contactPhoneInvalid" };
    }
    case "anonymous":
      return undefined;
  }
}

export function validateConcern(
  v: ConcernFormValues,
  directory?: Directory | null,
): Problems<ConcernField> {
  const problems: Problems<ConcernField> = {};
  for (const field of CONCERN_FIELDS) {
    const p = validateConcernField(field, v, directory);
    if (p) problems[field] = p;
  }
  return problems;
}

export function hasProblems(p: Partial<Record<string, unknown>>): boolean {
  return Object.values(p).some((x) => x !== undefined);
}

/** The API body: trimmed text, empty optional fields left out, no contact details if anonymous. */
export function toSubmission(v: ConcernFormValues): SubmissionBody {
  const body: SubmissionBody = {
    villageId: v.villageId,
    categoryCode: v.categoryCode,
    description: v.description.trim(),
    anonymous: v.anonymous,
  };
  const opt = (value: string) => {
    const s = value.trim();
    return s === "" ? undefined : s;
  };
  const groupId = opt(v.groupId);
  if (groupId) body.groupId = groupId;
  const title = opt(v.title);
  if (title) body.title = title;
  const address = opt(v.address);
  if (address) body.address = address;
  if (!v.anonymous) {
    const contactName = opt(v.contactName);
    if (contactName) body.contactName = contactName;
    const contactPhone = opt(v.contactPhone);
    if (contactPhone) body.contactPhone = contactPhone;
  }
  return body;
}

/** The id of a field's control on the page, for labels, error links and focus. */
export function fieldId(field: string): string {
  return `f-${field}`;
}

/** Idempotency keys the API accepts: 8–128 of [A-Za-z0-9_-]. */
export function isIdempotencyKey(value: string): boolean {
  return /^[A-Za-z0-9_-]{8,128}$/.test(value);
}

/** Text of an "add information" message. */
export function validateMessageText(text: string): Problem | undefined {
  const n = textLength(text);
  if (n < LIMITS.messageMin) return { key: "val.textRequired" };
  if (n > LIMITS.messageMax) return { key: "val.textTooLong", vars: { max: LIMITS.messageMax, n } };
  return undefined;
}
