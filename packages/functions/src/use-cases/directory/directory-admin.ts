import {
  CategoryCode,
  CategoryEdit,
  CategoryLimitsEdit,
  DepartmentEdit,
  DIRECTORY_KINDS,
  type Directory,
  type DirectoryChange,
  DirectoryId,
  type DirectoryKind,
  DomainError,
  type EditResult,
  LeaderEdit,
  putCategoryEntry,
  putDepartment,
  putLeader,
  putVillage,
  setCategoryLimits,
  setRetired,
  VillageEdit,
  villageOfGroup,
} from "@lianxin/core";
import type { AuditEntry, DirectoryWrite } from "@lianxin/store";
import type { Deps } from "../../deps.js";
import { authorize } from "../accounts/authorize.js";
import type { StaffAuth } from "../accounts/session.js";
import { parseInput } from "../parse.js";
import { forgetDirectory } from "./current-directory.js";

/**
 * Admin's directory: villages (with their groups), departments, leaders, categories.
 * Create or replace, retire or reinstate — never delete (concerns refer to entries).
 * Every change is written with its audit items in one transaction. Admin writes; admin
 * and inspectors read (`directory.edit`, `directory.read`).
 */

/** The whole directory, retired entries included, read fresh (not the routing cache). */
export async function adminDirectory(deps: Deps, auth: StaffAuth): Promise<Directory> {
  authorize(auth, "directory.read");
  return deps.store.loadDirectory();
}

type EditableKind = Exclude<DirectoryKind, "groups">;

function checkId(kind: DirectoryKind, id: string): void {
  const schema = kind === "categories" ? CategoryCode : DirectoryId;
  if (!schema.safeParse(id).success) throw new DomainError("not_found");
}

const auditFor =
  (deps: Deps, auth: StaffAuth, at: string) =>
  (change: DirectoryChange): AuditEntry => ({
    id: deps.newId(),
    at,
    actor: { id: auth.user.id, name: auth.user.name },
    subject: `${change.kind}#${change.id}`,
    before: change.before,
    after: change.after,
  });

/**
 * The items to write for a set of changes: groups are stored in their village's item, so
 * a group's change writes its village. `existing` tells creates from replacements.
 */
export function writesFor(
  existing: Directory,
  next: Directory,
  changes: DirectoryChange[],
  audit: (c: DirectoryChange) => AuditEntry,
): Array<{ write: DirectoryWrite; audits: AuditEntry[] }> {
  const out = new Map<string, { write: DirectoryWrite; audits: AuditEntry[] }>();
  for (const change of changes) {
    let key: string;
    let write: DirectoryWrite;
    if (change.kind === "village" || change.kind === "group") {
      const village =
        change.kind === "village"
          ? next.villages.find((v) => v.id === change.id)
          : villageOfGroup(next, change.id);
      if (!village) continue;
      key = `VILLAGE#${village.id}`;
      write = {
        kind: "VILLAGE",
        entry: village,
        create: !existing.villages.some((v) => v.id === village.id),
      };
    } else if (change.kind === "department") {
      const entry = next.departments.find((d) => d.id === change.id);
      if (!entry) continue;
      key = `DEPARTMENT#${entry.id}`;
      write = {
        kind: "DEPARTMENT",
        entry,
        create: !existing.departments.some((d) => d.id === entry.id),
      };
    } else if (change.kind === "leader") {
      const entry = next.leaders.find((l) => l.id === change.id);
      if (!entry) continue;
      key = `LEADER#${entry.id}`;
      write = { kind: "LEADER", entry, create: !existing.leaders.some((l) => l.id === entry.id) };
    } else {
      const entry = next.categories.find((c) => c.code === change.id);
      if (!entry) continue;
      key = `CATEGORY#${entry.code}`;
      write = {
        kind: "CATEGORY",
        entry,
        create: !existing.categories.some((c) => c.code === entry.code),
      };
    }
    const slot = out.get(key) ?? { write, audits: [] };
    slot.audits.push(audit(change));
    out.set(key, slot);
  }
  return [...out.values()];
}

async function commit(deps: Deps, auth: StaffAuth, before: Directory, result: EditResult) {
  if (!result.changes.length) return;
  const at = deps.now().toISOString();
  await deps.store.writeDirectoryEntries(
    writesFor(before, result.directory, result.changes, auditFor(deps, auth, at)),
  );
  forgetDirectory(deps);
}

/** `PUT /api/staff/directory/{kind}/{id}`: create or replace one entry. */
export async function putDirectoryEntry(
  deps: Deps,
  auth: StaffAuth,
  kind: string,
  id: string,
  body: unknown,
): Promise<{ created: boolean; entry: unknown }> {
  authorize(auth, "directory.edit");
  if (!(DIRECTORY_KINDS as readonly string[]).includes(kind) || kind === "groups")
    throw new DomainError("not_found");
  checkId(kind as EditableKind, id);
  const before = await deps.store.loadDirectory();
  let result: EditResult;
  switch (kind as EditableKind) {
    case "villages":
      result = putVillage(before, id, parseInput(VillageEdit, body));
      break;
    case "departments":
      result = putDepartment(before, id, parseInput(DepartmentEdit, body));
      break;
    case "leaders":
      result = putLeader(before, id, parseInput(LeaderEdit, body));
      break;
    case "categories":
      result = putCategoryEntry(before, id, parseInput(CategoryEdit, body));
      break;
  }
  await commit(deps, auth, before, result);
  const d = result.directory;
  const entry =
    kind === "villages"
      ? d.villages.find((v) => v.id === id)
      : kind === "departments"
        ? d.departments.find((x) => x.id === id)
        : kind === "leaders"
          ? d.leaders.find((x) => x.id === id)
          : d.categories.find((x) => x.code === id);
  return { created: result.created, entry };
}

/** `POST /api/staff/directory/{kind}/{id}/retire` (or `/reinstate`). */
export async function retireDirectoryEntry(
  deps: Deps,
  auth: StaffAuth,
  kind: string,
  id: string,
  retired: boolean,
) {
  authorize(auth, "directory.edit");
  if (!(DIRECTORY_KINDS as readonly string[]).includes(kind)) throw new DomainError("not_found");
  checkId(kind as DirectoryKind, id);
  const before = await deps.store.loadDirectory();
  const result = setRetired(before, kind as DirectoryKind, id, retired, deps.now().toISOString());
  if (!result) throw new DomainError("not_found");
  await commit(deps, auth, before, result);
  const change = result.changes[0];
  return { kind, id, retired, changed: Boolean(change) };
}

/**
 * `PATCH /api/staff/categories/{code}`: a category's time limits (later concerns use them),
 * written like every other directory edit (AP-D4, audited as `category#<code>`).
 */
export async function editCategoryLimits(deps: Deps, auth: StaffAuth, code: string, body: unknown) {
  authorize(auth, "category.edit");
  const { limits } = parseInput(CategoryLimitsEdit, body);
  checkId("categories", code);
  const before = await deps.store.loadDirectory();
  const result = setCategoryLimits(before, code, limits);
  if (!result) throw new DomainError("not_found");
  await commit(deps, auth, before, result);
  return { code, limits };
}

const SUBJECT =
  /^(?:calendar|(?:village|group|department|leader|account|open311_key|reply_template)#[a-z0-9][a-z0-9._:-]{0,63}|category#[a-z][a-z0-9_]{0,39})$/;

/** `GET /api/staff/audit?subject=village#meijing&cursor=`: who changed an entry, when, from what to what. */
export async function auditTrail(deps: Deps, auth: StaffAuth, query: Record<string, string>) {
  authorize(auth, "audit.read");
  const subject = query.subject?.trim() ?? "";
  if (!SUBJECT.test(subject)) {
    throw new DomainError("validation_failed", {
      fields: {
        subject: {
          kind: "invalid",
          message: {
            "zh-CN":
              "应为「类型#编号」，如 village#meijing、category#environment、account#staff-admin",
            en: "Expected kind#id, e.g. village#meijing, category#environment, account#staff-admin",
          },
        },
      },
    });
  }
  return deps.store.listAudit(subject, { limit: 50, cursor: query.cursor || undefined });
}
