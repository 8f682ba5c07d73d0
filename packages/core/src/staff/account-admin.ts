import * as z from "zod/mini";
import { PhoneField } from "../contact/phone-schema.js";
import { type Directory, DirectoryId } from "../directory/schema.js";
import { DomainError, type FieldProblem } from "../errors.js";
import { freeText } from "../text/hygiene.js";
import { Role, type StaffAccount, Username } from "./schema.js";

/** A staff member's phone, by the submission form's rule; empty clears it. */
const Phone = z.pipe(
  PhoneField,
  z.transform((v) => v ?? null),
);

/** `PATCH /api/staff/accounts/{id}`: what admin may change (never username or password). */
export const StaffAccountPatch = z.partial(
  z.strictObject({
    name: freeText(50),
    role: Role,
    departmentId: z.nullable(DirectoryId),
    villageIds: z.array(DirectoryId).check(z.maxLength(30)),
    phone: Phone,
    active: z.boolean(),
  }),
);
export type StaffAccountPatch = z.infer<typeof StaffAccountPatch>;
/** The body `PATCH /api/staff/accounts/{id}` takes (before the schema fills defaults). */
export type StaffAccountPatchBody = z.input<typeof StaffAccountPatch>;

/** `POST /api/staff/accounts`. The id defaults to `staff-<username>`; leaders and heads use their directory id. */
export const StaffAccountCreate = z.strictObject({
  id: z.optional(DirectoryId),
  username: Username,
  name: freeText(50),
  role: Role,
  departmentId: z._default(z.nullable(DirectoryId), null),
  villageIds: z._default(z.array(DirectoryId).check(z.maxLength(30)), []),
  phone: z._default(Phone, null),
});
export type StaffAccountCreate = z.infer<typeof StaffAccountCreate>;
/** The body `POST /api/staff/accounts` takes. */
export type StaffAccountCreateBody = z.input<typeof StaffAccountCreate>;

type AccountFields = Pick<StaffAccount, "role" | "departmentId" | "villageIds">;

/** The account's department and villages exist; heads and cadres belong to a department. */
export function assertAccountReferences(directory: Directory, account: AccountFields): void {
  const fields: Record<string, FieldProblem> = {};
  if (account.departmentId && !directory.departments.some((d) => d.id === account.departmentId))
    fields.departmentId = {
      kind: "invalid",
      message: {
        "zh-CN": `没有编号为「${account.departmentId}」的部门`,
        en: `No department with id “${account.departmentId}”`,
      },
    };
  if (!account.departmentId && (account.role === "dept_head" || account.role === "cadre"))
    fields.departmentId = {
      kind: "invalid",
      message: {
        "zh-CN": "部门负责人和干部必须属于一个部门",
        en: "Department heads and cadres belong to a department",
      },
    };
  const unknown = account.villageIds.find((v) => !directory.villages.some((x) => x.id === v));
  if (unknown) fields.villageIds = { kind: "unknown_village" };
  if (Object.keys(fields).length) throw new DomainError("validation_failed", { fields });
}

/** An account as admin sees it: no credentials. */
export function toAccountView(account: StaffAccount & { lockedUntil?: string }) {
  return {
    id: account.id,
    username: account.username,
    name: account.name,
    role: account.role,
    departmentId: account.departmentId,
    villageIds: account.villageIds,
    phone: account.phone ?? null,
    active: account.active,
    mustChangePassword: account.mustChangePassword,
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
  };
}
export type AccountView = ReturnType<typeof toAccountView>;
