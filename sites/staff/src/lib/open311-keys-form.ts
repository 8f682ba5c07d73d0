// The Open311 api_key page's two forms: issue a key (the client's name) and revoke one (the
// key's id and a reason). Reading and validation, with the API's limits (core's
// Open311KeyIssue / Open311KeyRevoke). Pure.
import type { Problem } from "./actions";

export const LABEL_MAX = 60;
export const REASON_MIN = 2;
export const REASON_MAX = 500;
/** Key ids are the API's own (UUIDs); the site refuses anything else early. */
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

export type KeyForm =
  | { op: "issue"; label: string }
  | { op: "revoke"; id: string; label: string; reason: string };

type FormLike = { get(name: string): FormDataEntryValue | null };

const text = (form: FormLike, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v.normalize("NFC").trim() : "";
};

/** The posted form, or null when it is neither an issue nor a revocation. */
export function readKeyForm(form: FormLike): KeyForm | null {
  const op = text(form, "op");
  if (op === "issue") return { op, label: text(form, "label") };
  if (op === "revoke") {
    return {
      op,
      id: text(form, "id"),
      // Only to name the key in messages: shown back escaped, never sent to the API.
      label: text(form, "label").slice(0, LABEL_MAX),
      reason: text(form, "reason"),
    };
  }
  return null;
}

export function isKeyId(value: string): boolean {
  return KEY_ID.test(value);
}

const length = (s: string) => [...s].length;

export function validateIssue(v: { label: string }): Partial<Record<"label", Problem>> {
  const n = length(v.label);
  if (!n) return { label: { key: "val.required" } };
  if (n > LABEL_MAX) return { label: { key: "val.tooLong", vars: { max: LABEL_MAX, n } } };
  return {};
}

export function validateRevoke(v: {
  id: string;
  reason: string;
}): Partial<Record<"id" | "reason", Problem>> {
  const p: Partial<Record<"id" | "reason", Problem>> = {};
  if (!isKeyId(v.id)) p.id = { key: "o311.notFound" };
  const n = length(v.reason);
  if (!n) p.reason = { key: "val.required" };
  else if (n < REASON_MIN) p.reason = { key: "val.tooShort", vars: { min: REASON_MIN, n } };
  else if (n > REASON_MAX) p.reason = { key: "val.tooLong", vars: { max: REASON_MAX, n } };
  return p;
}

/** How a key is shown in the list: its marker and prefix, the rest elided. */
export function keyHint(prefix: string): string {
  return `lx311_${prefix}…`;
}
