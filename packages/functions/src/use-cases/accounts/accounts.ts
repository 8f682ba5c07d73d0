import { randomBytes } from "node:crypto";
import { hashPassword, type StaffUser } from "@lianxin/core";
import type { Store } from "@lianxin/store";

/**
 * Creates an account unless one with its username exists (seeding is re-runnable).
 * Returns whether it was created.
 */
export async function ensureStaffAccount(
  store: Store,
  user: StaffUser,
  password: string,
  options: { mustChangePassword: boolean; now: Date },
): Promise<boolean> {
  if (await store.findStaffByUsername(user.username)) return false;
  const at = options.now.toISOString();
  return store.createStaffAccount({
    ...user,
    passwordHash: hashPassword(password, randomBytes(16)),
    mustChangePassword: options.mustChangePassword,
    active: true,
    createdAt: at,
    updatedAt: at,
  });
}
