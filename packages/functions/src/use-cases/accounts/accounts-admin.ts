import {
  assertAccountReferences,
  DirectoryId,
  DomainError,
  hashPassword,
  may,
  type StaffAccount,
  StaffAccountCreate,
  StaffAccountPatch,
  toAccountView,
} from "@lianxin/core";
import type { AuditEntry, StaffAccountEdit } from "@lianxin/store";
import type { Deps } from "../../deps.js";
import { forgetKnownPeople } from "../directory/known-people.js";
import { parseInput } from "../parse.js";
import { authorize } from "./authorize.js";
import type { StaffAuth } from "./session.js";

/** Letters and digits that cannot be misread (no 0/O, 1/l/I). */
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";

/** A 14-character temporary password, shown once; the holder must change it at first login. */
export function temporaryPassword(deps: Deps): string {
  const bytes = deps.randomBytes(14);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

/** What the audit trail keeps of an account: never the password hash. */
export function auditedAccount(a: StaffAccount | StaffAccountEdit | null) {
  if (!a) return null;
  return {
    name: a.name,
    role: a.role,
    departmentId: a.departmentId,
    villageIds: a.villageIds,
    phone: a.phone ? "（已填写）" : null,
    active: a.active,
  };
}

/** `GET /api/staff/accounts`: every account; phones only for admin. */
export async function listAccounts(deps: Deps, auth: StaffAuth) {
  authorize(auth, "account.read");
  const accounts = await deps.store.listStaffAccounts();
  return {
    items: accounts.map((a) => {
      const view = toAccountView(a);
      return may(auth.user, "staff_phone.read") ? view : { ...view, phone: null };
    }),
  };
}

/** `POST /api/staff/accounts` → the account and its temporary password (shown this once). */
export async function createAccount(deps: Deps, auth: StaffAuth, body: unknown) {
  authorize(auth, "account.manage");
  const input = parseInput(StaffAccountCreate, body);
  assertAccountReferences(await deps.store.loadDirectory(), input);
  const id = input.id ?? `staff-${input.username.toLowerCase().replace(/[^a-z0-9-]+/g, "-")}`;
  if (!DirectoryId.safeParse(id).success) throw new DomainError("validation_failed");
  const password = temporaryPassword(deps);
  const at = deps.now().toISOString();
  const account: StaffAccount = {
    id,
    username: input.username,
    name: input.name,
    role: input.role,
    departmentId: input.departmentId,
    villageIds: input.villageIds,
    phone: input.phone,
    passwordHash: hashPassword(password, deps.randomBytes(16)),
    mustChangePassword: true,
    active: true,
    createdAt: at,
    updatedAt: at,
  };
  const audit: AuditEntry = {
    id: deps.newId(),
    at,
    actor: { id: auth.user.id, name: auth.user.name },
    subject: `account#${id}`,
    before: null,
    after: { username: account.username, ...auditedAccount(account) },
  };
  if (!(await deps.store.createStaffAccount(account, audit))) {
    throw new DomainError("conflict", {
      details: { fields: { username: "用户名或编号已被使用 / username or id taken" } },
    });
  }
  forgetKnownPeople(deps);
  return { account: toAccountView(account), temporaryPassword: password };
}

/** `PATCH /api/staff/accounts/{id}`: name, role, department, villages, phone; `active: false` retires. */
export async function editAccount(deps: Deps, auth: StaffAuth, id: string, body: unknown) {
  authorize(auth, "account.manage");
  if (!DirectoryId.safeParse(id).success) throw new DomainError("not_found");
  const patch = parseInput(StaffAccountPatch, body);
  const current = await deps.store.getStaffAccount(id);
  if (!current) throw new DomainError("not_found");
  const edit: StaffAccountEdit = {
    id,
    name: patch.name ?? current.name,
    role: patch.role ?? current.role,
    departmentId: patch.departmentId === undefined ? current.departmentId : patch.departmentId,
    villageIds: patch.villageIds ?? current.villageIds,
    phone: patch.phone === undefined ? (current.phone ?? null) : patch.phone,
    active: patch.active ?? current.active,
  };
  // An admin neither retires themselves nor gives up managing accounts.
  if (id === auth.user.id && (!edit.active || !may(edit, "account.manage"))) {
    throw new DomainError("validation_failed", {
      fields: {
        active: {
          kind: "invalid",
          message: {
            "zh-CN": "不能停用自己的账号或取消自己的管理员角色",
            en: "You cannot retire your own account or drop your own admin role",
          },
        },
      },
    });
  }
  assertAccountReferences(await deps.store.loadDirectory(), edit);
  const at = deps.now().toISOString();
  await deps.store.updateStaffAccounts([
    {
      edit,
      username: current.username,
      audit: {
        id: deps.newId(),
        at,
        actor: { id: auth.user.id, name: auth.user.name },
        subject: `account#${id}`,
        before: auditedAccount(current),
        after: auditedAccount(edit),
      },
    },
  ]);
  if (edit.name !== current.name) forgetKnownPeople(deps);
  const after = await deps.store.getStaffAccount(id);
  if (!after) throw new DomainError("not_found");
  return toAccountView(after);
}
