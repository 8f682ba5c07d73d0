// Admin's reset of a staff member's password: staff id, new password, repeat. Reading and
// validation. Pure.
import type { Problem } from "./actions";

export const RESET_FIELDS = ["staffId", "newPassword", "repeatPassword"] as const;
export type ResetField = (typeof RESET_FIELDS)[number];
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
/** Staff ids are short slugs (`staff-cadre-env`); the site refuses anything else early. */
const STAFF_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

export interface ResetValues {
  staffId: string;
  newPassword: string;
  repeatPassword: string;
}

type FormLike = { get(name: string): FormDataEntryValue | null };

export function readResetForm(form: FormLike): ResetValues {
  const get = (n: string) => {
    const v = form.get(n);
    return typeof v === "string" ? v : "";
  };
  return {
    staffId: get("staffId").normalize("NFKC").trim(),
    newPassword: get("newPassword"),
    repeatPassword: get("repeatPassword"),
  };
}

export function isStaffId(value: string): boolean {
  return STAFF_ID.test(value);
}

export function validateReset(v: ResetValues): Partial<Record<ResetField, Problem>> {
  const p: Partial<Record<ResetField, Problem>> = {};
  if (!v.staffId) p.staffId = { key: "val.required" };
  else if (!isStaffId(v.staffId)) p.staffId = { key: "reset.badId" };
  if (v.newPassword.length < PASSWORD_MIN) p.newPassword = { key: "password.tooShort" };
  else if (v.newPassword.length > PASSWORD_MAX)
    p.newPassword = { key: "val.tooLong", vars: { max: PASSWORD_MAX, n: v.newPassword.length } };
  if (v.newPassword !== v.repeatPassword) p.repeatPassword = { key: "password.mismatch" };
  return p;
}
