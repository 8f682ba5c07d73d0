import * as z from "zod/mini";
import { GeoLocation } from "../concern/location-media.js";
import { DomainError, type FieldProblem } from "../errors.js";
import type { CategoryLimits } from "../time/limits.js";
import {
  Category,
  Department,
  type Directory,
  DirectoryId,
  Leader,
  Village,
  VillagerGroup,
} from "./schema.js";

/**
 * The directory as admin edits it: create-or-replace one entry at a time, retire (never
 * delete: concerns refer to entries), and the reference checks every change must pass.
 * Pure: the caller loads the directory, applies a change here, and stores the entry with
 * its audit item.
 */

export const DIRECTORY_KINDS = [
  "villages",
  "groups",
  "departments",
  "leaders",
  "categories",
] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

/** `PUT /api/staff/directory/villages/{id}`: groups listed are created or replaced; others stay. */
export const VillageEdit = z.strictObject({
  ...z.pick(Village, { name: true, kind: true, contactLeaderId: true }).shape,
  /** The village's centre; null removes it, omitted keeps the current one. */
  centre: z.optional(z.nullable(GeoLocation)),
  groups: z.optional(
    z
      .array(
        z.extend(z.pick(VillagerGroup, { id: true, name: true }), {
          /** Omitted: the group keeps its current holder (rotation sets it). */
          holderId: z.optional(z.nullable(DirectoryId)),
        }),
      )
      .check(z.maxLength(200)),
  ),
});
export type VillageEdit = z.infer<typeof VillageEdit>;

export const DepartmentEdit = z.strictObject(
  z.pick(Department, {
    name: true,
    nameEn: true,
    kind: true,
    head: true,
    pairedVillageId: true,
  }).shape,
);
export type DepartmentEdit = z.infer<typeof DepartmentEdit>;

export const LeaderEdit = z.strictObject({
  ...z.pick(Leader, { name: true, title: true }).shape,
  surveyPoints: z._default(Leader.shape.surveyPoints.def.innerType.check(z.maxLength(50)), []),
});
export type LeaderEdit = z.infer<typeof LeaderEdit>;

export const CategoryEdit = z.strictObject(z.omit(Category, { code: true, retiredAt: true }).shape);
export type CategoryEdit = z.infer<typeof CategoryEdit>;
/** The body `PUT /api/staff/directory/{kind}/{id}` takes, by kind. */
export type DirectoryEntryBody =
  | z.input<typeof VillageEdit>
  | z.input<typeof DepartmentEdit>
  | z.input<typeof LeaderEdit>
  | z.input<typeof CategoryEdit>;

/**
 * The most changes one stored entry takes at once. An entry is written together with the
 * audit items of its changes in one transaction, never apart from them, and a transaction
 * holds at most 100 items (DynamoDB's limit): the entry and up to 99 audits. Groups are
 * stored in their village's item, so a village and its groups change at most 99 times in
 * one edit or one import.
 */
export const MAX_CHANGES_PER_ENTRY = 99;

/** Why a village's changes do not fit one write (see `MAX_CHANGES_PER_ENTRY`). */
export function tooManyChanges(villageName: string, count: number): Text {
  return {
    "zh-CN": `「${villageName}」一次最多变更 ${MAX_CHANGES_PER_ENTRY} 项（村社区本身及其村民小组），本次共 ${count} 项：请分批提交`,
    en: `“${villageName}” takes at most ${MAX_CHANGES_PER_ENTRY} changes at once (the village and its groups), this has ${count}: submit them in parts`,
  };
}

/** One entry before and after a change, for the audit trail. */
export interface DirectoryChange {
  kind: "village" | "group" | "department" | "leader" | "category";
  id: string;
  before: unknown;
  after: unknown;
}

type Text = { "zh-CN": string; en: string };

/** A broken reference or duplicate in a directory. `field` names the entry's field. */
export interface DirectoryProblem {
  kind: DirectoryChange["kind"];
  id: string;
  field: string;
  message: Text;
}

const KIND_NAMES: Record<DirectoryChange["kind"], Text> = {
  village: { "zh-CN": "村社区", en: "village" },
  group: { "zh-CN": "村民小组", en: "villager group" },
  department: { "zh-CN": "部门", en: "department" },
  leader: { "zh-CN": "领导", en: "leader" },
  category: { "zh-CN": "问题类别", en: "category" },
};

export function unknownRef(kind: DirectoryChange["kind"], ref: string): Text {
  return {
    "zh-CN": `没有编号为「${ref}」的${KIND_NAMES[kind]["zh-CN"]}`,
    en: `No ${KIND_NAMES[kind].en} with id “${ref}”`,
  };
}
function retiredRef(kind: DirectoryChange["kind"], ref: string): Text {
  return {
    "zh-CN": `${KIND_NAMES[kind]["zh-CN"]}「${ref}」已停用`,
    en: `The ${KIND_NAMES[kind].en} “${ref}” is retired`,
  };
}
export function duplicateId(ref: string): Text {
  return { "zh-CN": `编号「${ref}」重复`, en: `Duplicate id “${ref}”` };
}

/**
 * Every broken reference and duplicate: ids unique per kind (groups town-wide, department
 * heads too: they hold groups by id); contact leaders, paired villages, group holders
 * (department heads), categories' departments and overrides exist; live entries do not
 * point at retired ones; a town office and a discipline commission exist.
 */
export function directoryProblems(directory: Directory): DirectoryProblem[] {
  const problems: DirectoryProblem[] = [];
  const add = (kind: DirectoryChange["kind"], id: string, field: string, message: Text) =>
    problems.push({ kind, id, field, message });
  const dupes = <T>(
    kind: DirectoryChange["kind"],
    items: T[],
    key: (t: T) => string,
    field = "id",
  ) => {
    const seen = new Set<string>();
    for (const item of items) {
      const k = key(item);
      if (seen.has(k)) add(kind, k, field, duplicateId(k));
      seen.add(k);
    }
  };
  const groups = directory.villages.flatMap((v) => v.groups);
  dupes("village", directory.villages, (v) => v.id);
  dupes("group", groups, (g) => g.id);
  dupes("leader", directory.leaders, (l) => l.id);
  dupes("department", directory.departments, (d) => d.id);
  dupes("category", directory.categories, (c) => c.code, "code");
  const villages = new Map(directory.villages.map((v) => [v.id, v]));
  const leaders = new Map(directory.leaders.map((l) => [l.id, l]));
  const departments = new Map(directory.departments.map((d) => [d.id, d]));
  const heads = new Map<string, string>();
  for (const d of directory.departments) {
    const holder = heads.get(d.head.id);
    if (holder && holder !== d.id) add("department", d.id, "head.id", duplicateId(d.head.id));
    heads.set(d.head.id, d.id);
  }
  for (const v of directory.villages) {
    const leader = leaders.get(v.contactLeaderId);
    if (!leader) add("village", v.id, "contactLeaderId", unknownRef("leader", v.contactLeaderId));
    else if (!v.retiredAt && leader.retiredAt)
      add("village", v.id, "contactLeaderId", retiredRef("leader", leader.id));
    for (const g of v.groups) {
      if (g.holderId && !heads.has(g.holderId))
        add("group", g.id, "holderId", {
          "zh-CN": `没有编号为「${g.holderId}」的部门负责人`,
          en: `No department head with id “${g.holderId}”`,
        });
    }
  }
  for (const d of directory.departments) {
    if (!villages.has(d.pairedVillageId))
      add("department", d.id, "pairedVillageId", unknownRef("village", d.pairedVillageId));
  }
  for (const c of directory.categories) {
    const live = !c.retiredAt;
    if (c.departmentId) {
      const d = departments.get(c.departmentId);
      if (!d) add("category", c.code, "departmentId", unknownRef("department", c.departmentId));
      else if (live && d.retiredAt)
        add("category", c.code, "departmentId", retiredRef("department", d.id));
    }
    for (const [villageId, departmentId] of Object.entries(c.villageOverrides)) {
      if (!villages.has(villageId))
        add("category", c.code, "villageOverrides", unknownRef("village", villageId));
      const d = departments.get(departmentId);
      if (!d) add("category", c.code, "villageOverrides", unknownRef("department", departmentId));
      else if (live && d.retiredAt)
        add("category", c.code, "villageOverrides", retiredRef("department", d.id));
    }
  }
  for (const [kind, text] of [
    [
      "office",
      { "zh-CN": "需要一个党政办（类型 office）", en: "A town office (kind office) is needed" },
    ],
    [
      "discipline",
      { "zh-CN": "需要一个纪委（类型 discipline）", en: "A discipline commission is needed" },
    ],
  ] as const) {
    if (!directory.departments.some((d) => d.kind === kind && !d.retiredAt))
      add("department", "*", "kind", text);
  }
  return problems;
}

const problemKey = (p: DirectoryProblem) => `${p.kind}|${p.id}|${p.field}|${p.message.en}`;

/** Problems a change brings in: those of `after` that `before` did not have. */
export function newProblems(before: Directory, after: Directory): DirectoryProblem[] {
  const old = new Set(directoryProblems(before).map(problemKey));
  return directoryProblems(after).filter((p) => !old.has(problemKey(p)));
}

function refuse(fields: Record<string, Text>): never {
  const out: Record<string, FieldProblem> = {};
  for (const [k, message] of Object.entries(fields)) out[k] = { kind: "invalid", message };
  throw new DomainError("validation_failed", { fields: out });
}

/** Throws `validation_failed` (fields named as in the request body) if the change breaks references. */
export function assertNoNewProblems(before: Directory, after: Directory): void {
  const problems = newProblems(before, after);
  if (!problems.length) return;
  const fields: Record<string, Text> = {};
  for (const p of problems) {
    const name = p.kind === "group" ? `groups.${p.id}.${p.field}` : p.field;
    fields[name] ??= p.message;
  }
  refuse(fields);
}

function clone(directory: Directory): Directory {
  return structuredClone(directory);
}

/** Replaces (same id) or appends. */
function upsert<T>(items: T[], key: (t: T) => string, id: string, next: T): T | null {
  const i = items.findIndex((t) => key(t) === id);
  if (i < 0) {
    items.push(next);
    return null;
  }
  const before = items[i] as T;
  items[i] = next;
  return before;
}

export interface EditResult {
  directory: Directory;
  changes: DirectoryChange[];
  created: boolean;
}

/** `{ centre }` when there is one, else nothing (the field is absent, not null). */
export function centreOf(centre: GeoLocation | null | undefined): { centre?: GeoLocation } {
  return centre ? { centre } : {};
}

/** Creates or replaces a village; listed groups are created or renamed (and re-held if given). */
export function putVillage(directory: Directory, id: string, edit: VillageEdit): EditResult {
  const next = clone(directory);
  const current = next.villages.find((v) => v.id === id);
  const groups = structuredClone(current?.groups ?? []);
  const changes: DirectoryChange[] = [];
  for (const g of edit.groups ?? []) {
    const elsewhere = next.villages.find((v) => v.id !== id && v.groups.some((x) => x.id === g.id));
    if (elsewhere)
      refuse({
        [`groups.${g.id}`]: {
          "zh-CN": `小组编号「${g.id}」已属于${elsewhere.name}`,
          en: `Group id “${g.id}” belongs to ${elsewhere.name}`,
        },
      });
    const old = groups.find((x) => x.id === g.id);
    const group = VillagerGroup.parse({
      id: g.id,
      name: g.name,
      holderId: g.holderId === undefined ? (old?.holderId ?? null) : g.holderId,
      retiredAt: old?.retiredAt ?? null,
    });
    if (old && JSON.stringify(old) === JSON.stringify(group)) continue;
    upsert(groups, (x) => x.id, g.id, group);
    changes.push({ kind: "group", id: g.id, before: old ?? null, after: group });
  }
  const village = Village.parse({
    id,
    name: edit.name,
    kind: edit.kind,
    contactLeaderId: edit.contactLeaderId,
    ...centreOf(edit.centre === undefined ? current?.centre : edit.centre),
    groups,
    demo: current?.demo ?? false,
    retiredAt: current?.retiredAt ?? null,
  });
  upsert(next.villages, (v) => v.id, id, village);
  const strip = (v: Village | undefined) => (v ? withoutGroups(v) : null);
  if (!current || JSON.stringify(strip(current)) !== JSON.stringify(strip(village)))
    changes.unshift({ kind: "village", id, before: strip(current), after: strip(village) });
  if (changes.length > MAX_CHANGES_PER_ENTRY)
    refuse({ groups: tooManyChanges(village.name, changes.length) });
  assertNoNewProblems(directory, next);
  return { directory: next, changes, created: !current };
}

export function putDepartment(directory: Directory, id: string, edit: DepartmentEdit): EditResult {
  const next = clone(directory);
  const current = next.departments.find((d) => d.id === id);
  const department = Department.parse({
    ...edit,
    id,
    demo: current?.demo ?? false,
    retiredAt: current?.retiredAt ?? null,
  });
  // A head who holds groups keeps them under a new id only if the groups follow: refused below.
  upsert(next.departments, (d) => d.id, id, department);
  assertNoNewProblems(directory, next);
  return {
    directory: next,
    changes: [{ kind: "department", id, before: current ?? null, after: department }],
    created: !current,
  };
}

export function putLeader(directory: Directory, id: string, edit: LeaderEdit): EditResult {
  const next = clone(directory);
  const current = next.leaders.find((l) => l.id === id);
  const leader = Leader.parse({
    ...edit,
    id,
    demo: current?.demo ?? false,
    retiredAt: current?.retiredAt ?? null,
  });
  upsert(next.leaders, (l) => l.id, id, leader);
  assertNoNewProblems(directory, next);
  return {
    directory: next,
    changes: [{ kind: "leader", id, before: current ?? null, after: leader }],
    created: !current,
  };
}

export function putCategoryEntry(
  directory: Directory,
  code: string,
  edit: CategoryEdit,
): EditResult {
  const next = clone(directory);
  const current = next.categories.find((c) => c.code === code);
  const category = Category.parse({ ...edit, code, retiredAt: current?.retiredAt ?? null });
  upsert(next.categories, (c) => c.code, code, category);
  assertNoNewProblems(directory, next);
  return {
    directory: next,
    changes: [{ kind: "category", id: code, before: current ?? null, after: category }],
    created: !current,
  };
}

const SINGULAR: Record<DirectoryKind, DirectoryChange["kind"]> = {
  villages: "village",
  groups: "group",
  departments: "department",
  leaders: "leader",
  categories: "category",
};

/**
 * A category's time limits alone (`PATCH /api/staff/categories/{code}`): the rest of the entry
 * is kept, and the change is the entry's, audited as `category#<code>` like any other edit.
 * Null for an unknown code.
 */
export function setCategoryLimits(
  directory: Directory,
  code: string,
  limits: CategoryLimits,
): EditResult | null {
  const current = directory.categories.find((c) => c.code === code);
  if (!current) return null;
  const next = clone(directory);
  const category = { ...structuredClone(current), limits };
  upsert(next.categories, (c) => c.code, code, category);
  return {
    directory: next,
    changes: [{ kind: "category", id: code, before: current, after: category }],
    created: false,
  };
}

/**
 * Retires (or, with `retired` false, reinstates) an entry. Retired entries stay (concerns
 * refer to them) but take no new submissions. Refused while live entries still depend on
 * it (a village's contact leader, a category's department). Null: no such entry.
 */
export function setRetired(
  directory: Directory,
  kind: DirectoryKind,
  id: string,
  retired: boolean,
  nowIso: string,
): EditResult | null {
  const next = clone(directory);
  let entry: { retiredAt: string | null } | undefined;
  let owner: Village | undefined;
  switch (kind) {
    case "villages":
      entry = next.villages.find((v) => v.id === id);
      break;
    case "groups":
      owner = next.villages.find((v) => v.groups.some((g) => g.id === id));
      entry = owner?.groups.find((g) => g.id === id);
      break;
    case "departments":
      entry = next.departments.find((d) => d.id === id);
      break;
    case "leaders":
      entry = next.leaders.find((l) => l.id === id);
      break;
    case "categories":
      entry = next.categories.find((c) => c.code === id);
      break;
  }
  if (!entry) return null;
  const before = structuredClone(entry);
  entry.retiredAt = retired ? (entry.retiredAt ?? nowIso) : null;
  assertNoNewProblems(directory, next);
  const strip = (e: object) => ("groups" in e ? withoutGroups(e as Village) : e);
  return {
    directory: next,
    changes:
      before.retiredAt === entry.retiredAt
        ? []
        : [{ kind: SINGULAR[kind], id, before: strip(before), after: strip(entry) }],
    created: false,
  };
}

/** The village an entry of a change is stored in (groups live in their village's item). */
export function villageOfGroup(directory: Directory, groupId: string): Village | undefined {
  return directory.villages.find((v) => v.groups.some((g) => g.id === groupId));
}

/** A village without its groups (groups are audited on their own). */
export function withoutGroups(village: Village): Omit<Village, "groups"> {
  const { groups: _groups, ...rest } = village;
  return rest;
}
