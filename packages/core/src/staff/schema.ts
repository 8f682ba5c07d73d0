import * as z from "zod/mini";
import { ROLES } from "../vocabulary.js";

/**
 * Staff roles:
 * - admin: the town office (党政办): triage, directory, notice approval, everything;
 * - leader: a party-government leader, supervising the concerns of their contact villages;
 * - dept_head / cadre: act on their department's concerns; the head also assigns within
 *   the department and follows the villager groups they hold;
 * - inspector: the discipline commission (纪委): reads everything, supervises, edits nothing,
 *   and handles complaints about cadres' conduct.
 */
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** A signed-in staff member as the API describes them. */
export const StaffUser = z.object({
  /** For leaders and department heads, the same id as in the directory. */
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: Role,
  departmentId: z.nullable(z.string()),
  /** A leader's contact villages (联系点). */
  villageIds: z.array(z.string()),
});
export type StaffUser = z.infer<typeof StaffUser>;

/** The stored account: the user plus credentials and lock state. */
export const StaffAccount = z.extend(StaffUser, {
  passwordHash: z.string(),
  mustChangePassword: z.boolean(),
  /** Retired accounts cannot sign in; they are never deleted. */
  active: z.boolean(),
  /** Work phone (optional, admin-only: never in `StaffUser` or any view of a concern). */
  phone: z.optional(z.nullable(z.string())),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StaffAccount = z.infer<typeof StaffAccount>;

export const Username = z
  .string()
  .check(z.trim(), z.minLength(2), z.maxLength(40), z.regex(/^[a-z0-9][a-z0-9._-]*$/i));

export const LoginRequest = z.strictObject({
  username: Username,
  password: z.string().check(z.minLength(1), z.maxLength(200)),
});

export const NewPassword = z.string().check(z.minLength(10), z.maxLength(200));
export const PasswordChange = z.strictObject({
  currentPassword: z.string().check(z.minLength(1), z.maxLength(200)),
  newPassword: NewPassword,
});
export const PasswordReset = z.strictObject({ newPassword: NewPassword });

export function toStaffUser(account: StaffAccount): StaffUser {
  return {
    id: account.id,
    username: account.username,
    name: account.name,
    role: account.role,
    departmentId: account.departmentId,
    villageIds: account.villageIds,
  };
}
