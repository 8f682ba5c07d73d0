import * as z from "zod/mini";
import { type Directory, DirectoryId } from "../directory/schema.js";
import { DomainError, type FieldProblem } from "../errors.js";
import { Role, type StaffAccount, Username } from "./schema.js";

/** Mainland mobiles and landlines, spaces and dashes allowed (the submission form's rule). */
const PHONE = /^(?:\+?86)?(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const Phone = z.pipe(
  z.transform((v) => (typeof v === "string" ? v.replace(/[\s-]/g, "") || null : v)),
  z.nullable(z.string().check(z.regex(PHONE))),
);

/** `PATCH /api/staff/accounts/{id}`: what admin may change (never username or password). */
export const StaffAccountPatch = z.partial(
  z.strictObject({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(50)),
    role: Role,
    departmentId: z.nullable(DirectoryId),
    villageIds: z.array(DirectoryId).check(z.maxLength(30)),
    phone: Phone,
    active: z.boolean(),
  }),
);
export type StaffAccountPatch = z.infer<typeof StaffAccountPatch>;

/** `POST /api/staff/accounts`. The id defaults to `staff-<username>`; leaders and heads use their directory id. */
export const StaffAccountCreate = z.strictObject({
  id: z.optional(DirectoryId),
  username: Username,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(50)),
  role: Role,
  departmentId: z._default(z.nullable(DirectoryId), null),
  villageIds: z._default(z.array(DirectoryId).check(z.maxLength(30)), []),
  phone: z._default(Phone, null),
});
export type StaffAccountCreate = z.infer<typeof StaffAccountCreate>;

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
