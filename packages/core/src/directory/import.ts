import type * as z from "zod/mini";
import { GeoLocation, parseDegrees } from "../concern/location-media.js";
import { isPlausiblePhone, normalizePhone } from "../contact/phone.js";
import type { Locale } from "../errors.js";
import { Role } from "../staff/schema.js";
import { isBlankText, TEXT_PROBLEM_WORDS, textProblem } from "../text/hygiene.js";
import { type CategoryLimits, TimeLimit } from "../time/limits.js";
import {
  type DirectoryChange,
  directoryProblems,
  MAX_CHANGES_PER_ENTRY,
  unknownRef,
  villageOfGroup,
  withoutGroups,
} from "./admin.js";
import {
  Category,
  CategoryCode,
  Department,
  type Directory,
  DirectoryId,
  Leader,
  Village,
  VillagerGroup,
} from "./schema.js";

/**
 * The directory as spreadsheet rows (the offices keep their rosters in Excel): one sheet
 * per kind, a header row in Chinese, one entry a row. Pure: the caller reads and writes
 * the workbook; this turns rows into a validated directory (every rejected row with its
 * row number and reason) and a directory back into rows.
 *
 * Merging: a row creates or replaces the entry with its id; entries absent from the file
 * stay as they are (nothing is deleted: retire with the 停用 column). A sheet left out of
 * the workbook changes nothing of its kind.
 */

type Text = { "zh-CN": string; en: string };

export interface SheetColumn {
  key: string;
  header: string;
  headerEn: string;
  width: number;
  required?: boolean;
}

const col = (key: string, header: string, headerEn: string, width = 14, required = false) => ({
  key,
  header,
  headerEn,
  width,
  required,
});

export const DIRECTORY_SHEETS = {
  villages: {
    name: "村社区",
    columns: [
      col("id", "编号", "Id", 22, true),
      col("name", "名称", "Name", 14, true),
      col("kind", "类型", "Kind", 8, true),
      col("contactLeaderId", "联系领导编号", "Contact leader id", 18, true),
      col("centre", "中心点（纬度,经度）", "Centre (lat,long)", 24),
      col("retired", "停用", "Retired", 8),
    ],
  },
  groups: {
    name: "村民小组",
    columns: [
      col("id", "编号", "Id", 26, true),
      col("villageId", "村社区编号", "Village id", 22, true),
      col("name", "名称", "Name", 14, true),
      col("holderId", "包干负责人编号", "Holder id", 26),
      col("retired", "停用", "Retired", 8),
    ],
  },
  departments: {
    name: "部门",
    columns: [
      col("id", "编号", "Id", 22, true),
      col("name", "名称", "Name", 18, true),
      col("nameEn", "英文名称", "English name", 30, true),
      col("kind", "类型", "Kind", 10, true),
      col("headId", "负责人编号", "Head id", 26, true),
      col("headName", "负责人姓名", "Head name", 12, true),
      col("pairedVillageId", "结对村社区编号", "Paired village id", 22, true),
      col("retired", "停用", "Retired", 8),
    ],
  },
  leaders: {
    name: "领导",
    columns: [
      col("id", "编号", "Id", 18, true),
      col("name", "姓名", "Name", 10, true),
      col("title", "职务", "Title", 14, true),
      col("surveyPoints", "走访调研点", "Survey points", 30),
      col("retired", "停用", "Retired", 8),
    ],
  },
  categories: {
    name: "问题类别",
    columns: [
      col("code", "代码", "Code", 18, true),
      col("name", "名称", "Name", 14, true),
      col("nameEn", "英文名称", "English name", 24, true),
      col("description", "说明", "Description", 30),
      col("descriptionEn", "英文说明", "English description", 40),
      col("departmentId", "默认部门编号", "Department id", 20),
      col("villageOverrides", "村社区例外", "Village overrides", 30),
      col("conductComplaint", "干部作风", "Conduct complaint", 10),
      col("urgent", "紧急类别", "Urgent", 10),
      col("signFor", "签收时限", "Sign-for limit", 12, true),
      col("respond", "首次回应时限", "Response limit", 12, true),
      col("answer", "答复时限", "Answer limit", 12, true),
      col("retired", "停用", "Retired", 8),
    ],
  },
  accounts: {
    name: "工作人员",
    columns: [
      col("id", "编号", "Id", 22, true),
      col("username", "用户名", "Username", 14, true),
      col("name", "姓名", "Name", 10, true),
      col("role", "角色", "Role", 12, true),
      col("departmentId", "部门编号", "Department id", 20),
      col("villageIds", "联系村社区编号", "Village ids", 26),
      col("phone", "手机", "Phone", 14),
      col("active", "在职", "Active", 8),
    ],
  },
} as const satisfies Record<string, { name: string; columns: SheetColumn[] }>;

export type SheetKey = keyof typeof DIRECTORY_SHEETS;
export const SHEET_KEYS = Object.keys(DIRECTORY_SHEETS) as SheetKey[];

/** One spreadsheet row: its 1-based Excel row number and its cells by column key. */
export interface SheetRow {
  row: number;
  values: Record<string, string>;
}
export interface ImportSheet {
  /** The header row's cells, in order, as found. */
  headers: string[];
  rows: SheetRow[];
}
export type ImportSheets = Partial<Record<SheetKey, ImportSheet>>;

/** A staff account as the roster lists it (no credentials). */
export interface RosterAccount {
  id: string;
  username: string;
  name: string;
  role: Role;
  departmentId: string | null;
  villageIds: string[];
  phone: string | null;
  active: boolean;
}

export interface ImportRejection {
  sheet: string;
  /** The Excel row number (1 = the header row); null when the entry is not in the file. */
  row: number | null;
  /** The column's key (`villageId`) and its header as in the sheet (`村社区编号`). */
  field: string;
  column: string;
  reason: Text;
}

export interface ChangeCount {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportPlan {
  /** Data rows read (headers not counted). */
  rows: number;
  changes: Record<SheetKey, ChangeCount>;
  rejected: ImportRejection[];
  /** The directory after the import (only meaningful when nothing is rejected). */
  directory: Directory;
  /** Directory entries that change, for the audit trail; groups are stored in their village. */
  changed: DirectoryChange[];
  accountChanges: Array<{ before: RosterAccount | null; after: RosterAccount }>;
}

// ---------------------------------------------------------------------------------------
// Cell formats

const VILLAGE_KINDS: Record<string, Village["kind"]> = {
  村: "village",
  社区: "community",
  园区: "park",
};
const DEPARTMENT_KINDS: Record<string, Department["kind"]> = {
  部门: "department",
  纪委: "discipline",
  党政办: "office",
};
const ROLES: Record<string, Role> = {
  管理员: "admin",
  领导: "leader",
  部门负责人: "dept_head",
  干部: "cadre",
  纪检: "inspector",
};
const UNITS: Record<string, TimeLimit["unit"]> = {
  小时: "hours",
  工作日: "working_days",
  天: "days",
};
/** Upper bounds the site also uses (a year of hours, working days, days). */
const LIMIT_MAX: Record<TimeLimit["unit"], number> = { hours: 720, working_days: 250, days: 365 };
const YES = new Set(["是", "y", "yes", "true", "1", "停用"]);
const NO = new Set(["", "否", "n", "no", "false", "0"]);
const LIST_SEP = /[、,，;；\n]+/;

const label = <T extends string>(map: Record<string, T>, value: T) =>
  Object.entries(map).find(([, v]) => v === value)?.[0] ?? value;
const fromLabel = <T extends string>(map: Record<string, T>, cell: string): T | undefined =>
  map[cell] ?? (Object.values(map).includes(cell as T) ? (cell as T) : undefined);
const list = (cell: string) =>
  cell
    .split(LIST_SEP)
    .map((s) => s.trim())
    .filter(Boolean);

export function formatLimit(limit: TimeLimit): string {
  return `${limit.amount}${label(UNITS, limit.unit)}`;
}
export function parseLimit(cell: string): TimeLimit | null {
  const m = /^(\d{1,4})\s*个?\s*(小时|工作日|天)$/.exec(cell.replace(/\s+/g, ""));
  if (!m) return null;
  const unit = UNITS[m[2] as string] as TimeLimit["unit"];
  const amount = Number(m[1]);
  if (amount < 1 || amount > LIMIT_MAX[unit]) return null;
  return TimeLimit.parse({ amount, unit });
}

// ---------------------------------------------------------------------------------------
// Export

/** The directory and roster as rows of cells by column key, one list per sheet. */
export function directoryRows(
  directory: Directory,
  accounts: RosterAccount[],
): Record<SheetKey, Record<string, string>[]> {
  const retired = (e: { retiredAt: string | null }) => (e.retiredAt ? "是" : "");
  return {
    villages: directory.villages.map((v) => ({
      id: v.id,
      name: v.name,
      kind: label(VILLAGE_KINDS, v.kind),
      contactLeaderId: v.contactLeaderId,
      centre: v.centre ? `${v.centre.lat},${v.centre.long}` : "",
      retired: retired(v),
    })),
    groups: directory.villages.flatMap((v) =>
      v.groups.map((g) => ({
        id: g.id,
        villageId: v.id,
        name: g.name,
        holderId: g.holderId ?? "",
        retired: retired(g),
      })),
    ),
    departments: directory.departments.map((d) => ({
      id: d.id,
      name: d.name,
      nameEn: d.nameEn,
      kind: label(DEPARTMENT_KINDS, d.kind),
      headId: d.head.id,
      headName: d.head.name,
      pairedVillageId: d.pairedVillageId,
      retired: retired(d),
    })),
    leaders: directory.leaders.map((l) => ({
      id: l.id,
      name: l.name,
      title: l.title,
      surveyPoints: l.surveyPoints.join("、"),
      retired: retired(l),
    })),
    categories: directory.categories.map((c) => ({
      code: c.code,
      name: c.name,
      nameEn: c.nameEn,
      description: c.description,
      descriptionEn: c.descriptionEn,
      departmentId: c.departmentId ?? "",
      villageOverrides: Object.entries(c.villageOverrides)
        .map(([v, d]) => `${v}=${d}`)
        .join("；"),
      conductComplaint: c.conductComplaint ? "是" : "否",
      urgent: c.urgent ? "是" : "否",
      signFor: formatLimit(c.limits.signFor),
      respond: formatLimit(c.limits.respond),
      answer: formatLimit(c.limits.answer),
      retired: retired(c),
    })),
    accounts: accounts.map((a) => ({
      id: a.id,
      username: a.username,
      name: a.name,
      role: label(ROLES, a.role),
      departmentId: a.departmentId ?? "",
      villageIds: a.villageIds.join("、"),
      phone: a.phone ?? "",
      active: a.active ? "是" : "否",
    })),
  };
}

// ---------------------------------------------------------------------------------------
// Import

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const MESSAGES = {
  badCentre: {
    "zh-CN": "中心点须写作“纬度,经度”（WGS84 度数，如 31.64,120.2），或留空",
    en: "Write the centre as “lat,long” (WGS84 degrees, e.g. 31.64,120.2), or leave it empty",
  },
  missingColumn: (h: string): Text => ({
    "zh-CN": `缺少「${h}」列`,
    en: `The column “${h}” is missing`,
  }),
  required: (h: string): Text => ({ "zh-CN": `「${h}」不能为空`, en: `“${h}” is required` }),
  badId: {
    "zh-CN": "编号只能用小写字母、数字和连字符",
    en: "Ids are lowercase letters, digits and hyphens",
  },
  badCode: {
    "zh-CN": "代码只能用小写字母、数字和下划线，以字母开头",
    en: "Codes are lowercase letters, digits and underscores, starting with a letter",
  },
  duplicateRow: (id: string, row: number): Text => ({
    "zh-CN": `编号「${id}」重复（第 ${row} 行已有）`,
    en: `Duplicate id “${id}” (already on row ${row})`,
  }),
  choice: (options: string[]): Text => ({
    "zh-CN": `应为：${options.join("、")}`,
    en: `Expected one of: ${options.join(", ")}`,
  }),
  badLimit: {
    "zh-CN": "时限格式应如「4小时」「1工作日」「7天」（小时≤720，工作日≤250，天≤365）",
    en: "A limit reads like 4小时, 1工作日 or 7天 (hours ≤ 720, working days ≤ 250, days ≤ 365)",
  },
  badOverrides: {
    "zh-CN": "例外格式应如「park=park-construction；xinhe=property」",
    en: "Overrides read like park=park-construction; xinhe=property",
  },
  badPhone: { "zh-CN": "手机号码格式不对", en: "Not a valid phone number" },
  duplicateUsername: (u: string): Text => ({
    "zh-CN": `用户名「${u}」已被使用`,
    en: `The username “${u}” is taken`,
  }),
  groupMoved: (v: string): Text => ({
    "zh-CN": `该小组属于「${v}」，不能改属其他村社区`,
    en: `This group belongs to “${v}” and cannot move`,
  }),
  needsDepartment: {
    "zh-CN": "部门负责人和干部必须填写部门编号",
    en: "Department heads and cadres need a department id",
  },
  tooLong: (max: number): Text => ({
    "zh-CN": `不能超过 ${max} 个字`,
    en: `At most ${max} characters`,
  }),
  invalid: { "zh-CN": "内容不符合要求", en: "Not valid" },
  tooManyChanges: (village: string, total: number): Text => ({
    "zh-CN": `「${village}」本次共 ${total} 项变更（村社区本身及其村民小组），一次导入每个村社区最多 ${MAX_CHANGES_PER_ENTRY} 项：本行超出，请删去超出的行，下次再导入`,
    en: `“${village}” has ${total} changes in this file (the village and its groups); one import takes at most ${MAX_CHANGES_PER_ENTRY} per village: this row is over, remove the rows over and import them next time`,
  }),
};

/** Rough per-field wording of a zod issue (the schema's limits are the rule). */
function issueText(issue: z.core.$ZodIssue, header: string): Text {
  if (issue.code === "too_big" && typeof issue.maximum === "number")
    return MESSAGES.tooLong(Number(issue.maximum));
  // A cell of only invisible characters counts as empty (text/hygiene.ts).
  if (issue.code === "too_small" && issue.origin === "string") return MESSAGES.required(header);
  // Core's own checks carry their words in both languages (control characters and the like).
  if (issue.code === "custom") {
    const words = (issue.params as { words?: Partial<Text> } | undefined)?.words;
    if (words?.["zh-CN"] && words.en) return { "zh-CN": words["zh-CN"], en: words.en };
  }
  return MESSAGES.invalid;
}

/** Each entry's row, for attributing reference problems to the file. */
type RowIndex = Map<string, number>;

interface Context {
  rejected: ImportRejection[];
  reject(sheet: SheetKey, row: number | null, field: string, reason: Text): void;
}

function columnHeader(sheet: SheetKey, field: string): string {
  const c = (DIRECTORY_SHEETS[sheet].columns as readonly SheetColumn[]).find(
    (x) => x.key === field,
  );
  return c?.header ?? field;
}

/**
 * A village's centre from its cell, `lat,long` in decimal degrees (a Chinese comma or a
 * space also separates them): undefined when empty, null when it is not a valid point.
 */
export function parseCentre(text: string): GeoLocation | null | undefined {
  if (!text.trim()) return undefined;
  const parts = text.trim().split(/\s*[,，]\s*|\s+/);
  if (parts.length !== 2) return null;
  const [lat, long] = parts.map((p) => parseDegrees(p));
  const parsed = GeoLocation.safeParse({ lat, long });
  return parsed.success ? parsed.data : null;
}

/** Does the sheet's header row have the column (in Chinese or English)? */
function hasColumn(sheets: ImportSheets, sheet: SheetKey, field: string): boolean {
  const c = (DIRECTORY_SHEETS[sheet].columns as readonly SheetColumn[]).find(
    (x) => x.key === field,
  );
  return (sheets[sheet]?.headers ?? []).some(
    (h) => h.trim() === c?.header || h.trim() === c?.headerEn,
  );
}

/**
 * Validates the rows of a workbook against the current directory and roster. Nothing is
 * partially applied: the caller writes `directory` and `accountChanges` only when
 * `rejected` is empty.
 */
export function planDirectoryImport(
  sheets: ImportSheets,
  existing: { directory: Directory; accounts: RosterAccount[] },
  nowIso: string,
): ImportPlan {
  const rejected: ImportRejection[] = [];
  const ctx: Context = {
    rejected,
    reject: (sheet, row, field, reason) =>
      rejected.push({
        sheet: DIRECTORY_SHEETS[sheet].name,
        row,
        field,
        column: columnHeader(sheet, field),
        reason,
      }),
  };
  const next: Directory = structuredClone(existing.directory);
  const changes = Object.fromEntries(
    SHEET_KEYS.map((k) => [k, { created: 0, updated: 0, unchanged: 0 }]),
  ) as Record<SheetKey, ChangeCount>;
  const changed: DirectoryChange[] = [];
  const rowsOf: Record<DirectoryChange["kind"], RowIndex> = {
    village: new Map(),
    group: new Map(),
    department: new Map(),
    leader: new Map(),
    category: new Map(),
  };
  let rows = 0;

  /** Rows of a sheet with required columns present, ids checked and de-duplicated. */
  function rowsFor(sheet: SheetKey, idKey: "id" | "code"): SheetRow[] {
    const data = sheets[sheet];
    if (!data) return [];
    rows += data.rows.length;
    const columns = DIRECTORY_SHEETS[sheet].columns as readonly SheetColumn[];
    const found = new Set(data.headers.map((h) => h.trim()));
    let missing = false;
    for (const c of columns) {
      if (c.required && !found.has(c.header) && !found.has(c.headerEn)) {
        ctx.reject(sheet, 1, c.key, MESSAGES.missingColumn(c.header));
        missing = true;
      }
    }
    if (missing) return [];
    const seen = new Map<string, number>();
    const good: SheetRow[] = [];
    for (const r of data.rows) {
      let ok = true;
      for (const c of columns) {
        if (c.required && isBlankText(r.values[c.key] ?? "")) {
          ctx.reject(sheet, r.row, c.key, MESSAGES.required(c.header));
          ok = false;
        }
      }
      const id = (r.values[idKey] ?? "").trim();
      if (id && !(idKey === "code" ? CategoryCode : DirectoryId).safeParse(id).success) {
        ctx.reject(sheet, r.row, idKey, idKey === "code" ? MESSAGES.badCode : MESSAGES.badId);
        ok = false;
      } else if (id && seen.has(id)) {
        ctx.reject(sheet, r.row, idKey, MESSAGES.duplicateRow(id, seen.get(id) as number));
        ok = false;
      }
      if (id && !seen.has(id)) seen.set(id, r.row);
      if (ok) good.push(r);
    }
    return good;
  }

  const cell = (r: SheetRow, key: string) => (r.values[key] ?? "").trim();
  const retiredAt = (
    sheet: SheetKey,
    r: SheetRow,
    current: { retiredAt: string | null } | undefined,
  ): string | null | undefined => {
    const v = cell(r, "retired").toLowerCase();
    if (YES.has(v)) return current?.retiredAt ?? nowIso;
    if (NO.has(v)) return null;
    ctx.reject(sheet, r.row, "retired", MESSAGES.choice(["是", "否"]));
    return undefined;
  };
  /** Validates with the core schema; issues become rejections on the row. */
  function validated<S extends z.ZodMiniType>(
    sheet: SheetKey,
    r: SheetRow,
    schema: S,
    value: unknown,
    fieldOf: (path: PropertyKey[]) => string = (p) => String(p[0] ?? "id"),
  ): z.output<S> | undefined {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const fields = new Set<string>();
    for (const issue of result.error.issues) {
      const field = fieldOf(issue.path);
      if (fields.has(field)) continue;
      fields.add(field);
      ctx.reject(sheet, r.row, field, issueText(issue, columnHeader(sheet, field)));
    }
    return undefined;
  }
  const count = (sheet: SheetKey, before: unknown, after: unknown) => {
    if (!before) changes[sheet].created++;
    else if (same(before, after)) changes[sheet].unchanged++;
    else changes[sheet].updated++;
  };
  const strip = (v: Village | undefined) => (v ? withoutGroups(v) : null);

  // 领导
  for (const r of rowsFor("leaders", "id")) {
    const id = cell(r, "id");
    const current = next.leaders.find((l) => l.id === id);
    const retired = retiredAt("leaders", r, current);
    if (retired === undefined) continue;
    const leader = validated("leaders", r, Leader, {
      id,
      name: cell(r, "name"),
      title: cell(r, "title"),
      surveyPoints: list(cell(r, "surveyPoints")),
      demo: current?.demo ?? false,
      retiredAt: retired,
    });
    if (!leader) continue;
    rowsOf.leader.set(id, r.row);
    count("leaders", current, leader);
    if (current && same(current, leader)) continue;
    if (current) next.leaders[next.leaders.indexOf(current)] = leader;
    else next.leaders.push(leader);
    changed.push({ kind: "leader", id, before: current ?? null, after: leader });
  }

  // 村社区 (a file without the centre column keeps the centres as they are)
  const hasCentreColumn = hasColumn(sheets, "villages", "centre");
  for (const r of rowsFor("villages", "id")) {
    const id = cell(r, "id");
    const current = next.villages.find((v) => v.id === id);
    const kind = fromLabel(VILLAGE_KINDS, cell(r, "kind"));
    if (!kind) {
      ctx.reject("villages", r.row, "kind", MESSAGES.choice(Object.keys(VILLAGE_KINDS)));
      continue;
    }
    const retired = retiredAt("villages", r, current);
    if (retired === undefined) continue;
    const centre = hasCentreColumn ? parseCentre(cell(r, "centre")) : current?.centre;
    if (centre === null) {
      ctx.reject("villages", r.row, "centre", MESSAGES.badCentre);
      continue;
    }
    const village = validated("villages", r, Village, {
      id,
      name: cell(r, "name"),
      kind,
      contactLeaderId: cell(r, "contactLeaderId"),
      ...(centre ? { centre } : {}),
      groups: current?.groups ?? [],
      demo: current?.demo ?? false,
      retiredAt: retired,
    });
    if (!village) continue;
    rowsOf.village.set(id, r.row);
    count("villages", strip(current), strip(village));
    if (current && same(current, village)) continue;
    if (current) next.villages[next.villages.indexOf(current)] = village;
    else next.villages.push(village);
    changed.push({ kind: "village", id, before: strip(current), after: strip(village) });
  }

  // 村民小组 (after the villages, so that a file can add a village and its groups)
  for (const r of rowsFor("groups", "id")) {
    const id = cell(r, "id");
    const villageId = cell(r, "villageId");
    const village = next.villages.find((v) => v.id === villageId);
    if (!village) {
      ctx.reject("groups", r.row, "villageId", unknownRef("village", villageId));
      continue;
    }
    const owner = next.villages.find((v) => v.groups.some((g) => g.id === id));
    if (owner && owner.id !== villageId) {
      ctx.reject("groups", r.row, "villageId", MESSAGES.groupMoved(owner.name));
      continue;
    }
    const current = village.groups.find((g) => g.id === id);
    const retired = retiredAt("groups", r, current);
    if (retired === undefined) continue;
    const group = validated("groups", r, VillagerGroup, {
      id,
      name: cell(r, "name"),
      holderId: cell(r, "holderId") || null,
      retiredAt: retired,
    });
    if (!group) continue;
    rowsOf.group.set(id, r.row);
    count("groups", current, group);
    if (current && same(current, group)) continue;
    if (current) village.groups[village.groups.indexOf(current)] = group;
    else village.groups.push(group);
    changed.push({ kind: "group", id, before: current ?? null, after: group });
  }

  // 部门
  for (const r of rowsFor("departments", "id")) {
    const id = cell(r, "id");
    const current = next.departments.find((d) => d.id === id);
    const kind = fromLabel(DEPARTMENT_KINDS, cell(r, "kind"));
    if (!kind) {
      ctx.reject("departments", r.row, "kind", MESSAGES.choice(Object.keys(DEPARTMENT_KINDS)));
      continue;
    }
    const retired = retiredAt("departments", r, current);
    if (retired === undefined) continue;
    const department = validated(
      "departments",
      r,
      Department,
      {
        id,
        name: cell(r, "name"),
        nameEn: cell(r, "nameEn"),
        kind,
        head: { id: cell(r, "headId"), name: cell(r, "headName") },
        pairedVillageId: cell(r, "pairedVillageId"),
        demo: current?.demo ?? false,
        retiredAt: retired,
      },
      (p) => (p[0] === "head" ? (p[1] === "name" ? "headName" : "headId") : String(p[0] ?? "id")),
    );
    if (!department) continue;
    rowsOf.department.set(id, r.row);
    count("departments", current, department);
    if (current && same(current, department)) continue;
    if (current) next.departments[next.departments.indexOf(current)] = department;
    else next.departments.push(department);
    changed.push({ kind: "department", id, before: current ?? null, after: department });
  }

  // 问题类别
  const hasUrgentColumn = hasColumn(sheets, "categories", "urgent");
  for (const r of rowsFor("categories", "code")) {
    const code = cell(r, "code");
    const current = next.categories.find((c) => c.code === code);
    let ok = true;
    const limits: Partial<CategoryLimits> = {};
    for (const stage of ["signFor", "respond", "answer"] as const) {
      const limit = parseLimit(cell(r, stage));
      if (!limit) {
        ctx.reject("categories", r.row, stage, MESSAGES.badLimit);
        ok = false;
      } else limits[stage] = limit;
    }
    const overrides: Record<string, string> = {};
    for (const pair of list(cell(r, "villageOverrides"))) {
      const m = /^([^=:：\s]+)\s*[=:：]\s*(\S+)$/.exec(pair);
      if (!m) {
        ctx.reject("categories", r.row, "villageOverrides", MESSAGES.badOverrides);
        ok = false;
        break;
      }
      overrides[m[1] as string] = m[2] as string;
    }
    const conduct = cell(r, "conductComplaint").toLowerCase();
    if (!YES.has(conduct) && !NO.has(conduct)) {
      ctx.reject("categories", r.row, "conductComplaint", MESSAGES.choice(["是", "否"]));
      ok = false;
    }
    // A workbook from before the 紧急类别 column keeps each category's flag as it is.
    const urgentCell = hasUrgentColumn ? cell(r, "urgent").toLowerCase() : null;
    if (urgentCell !== null && !YES.has(urgentCell) && !NO.has(urgentCell)) {
      ctx.reject("categories", r.row, "urgent", MESSAGES.choice(["是", "否"]));
      ok = false;
    }
    const retired = retiredAt("categories", r, current);
    if (!ok || retired === undefined) continue;
    const category = validated(
      "categories",
      r,
      Category,
      {
        code,
        name: cell(r, "name"),
        nameEn: cell(r, "nameEn"),
        description: cell(r, "description"),
        descriptionEn: cell(r, "descriptionEn"),
        departmentId: cell(r, "departmentId") || null,
        villageOverrides: overrides,
        conductComplaint: YES.has(conduct),
        urgent: urgentCell === null ? current?.urgent === true : YES.has(urgentCell),
        limits,
        retiredAt: retired,
      },
      (p) => (p[0] === "limits" ? String(p[1] ?? "signFor") : String(p[0] ?? "code")),
    );
    if (!category) continue;
    rowsOf.category.set(code, r.row);
    count("categories", current, category);
    if (current && same(current, category)) continue;
    if (current) next.categories[next.categories.indexOf(current)] = category;
    else next.categories.push(category);
    changed.push({ kind: "category", id: code, before: current ?? null, after: category });
  }

  // References across the merged directory: only problems the file brings in.
  const sheetOf: Record<DirectoryChange["kind"], SheetKey> = {
    village: "villages",
    group: "groups",
    department: "departments",
    leader: "leaders",
    category: "categories",
  };
  const FIELD: Record<string, string> = { "head.id": "headId" };
  const key = (p: { kind: string; id: string; field: string; message: Text }) =>
    `${p.kind}|${p.id}|${p.field}|${p.message.en}`;
  const before = new Set(directoryProblems(existing.directory).map(key));
  for (const p of directoryProblems(next)) {
    if (before.has(key(p))) continue;
    const row = rowsOf[p.kind].get(p.id) ?? (p.id === "*" ? 1 : null);
    ctx.reject(sheetOf[p.kind], row, FIELD[p.field] ?? p.field, {
      "zh-CN": row === null ? `「${p.id}」：${p.message["zh-CN"]}` : p.message["zh-CN"],
      en: row === null ? `“${p.id}”: ${p.message.en}` : p.message.en,
    });
  }

  // One village is written with the audits of all its changes (itself and its groups) in
  // one transaction of at most 100 items: the rows past its 99th change are refused, each
  // on its own row, so that the file can be imported in parts.
  const villageOf = (c: DirectoryChange) =>
    c.kind === "village" ? c.id : c.kind === "group" ? villageOfGroup(next, c.id)?.id : undefined;
  const perVillage = new Map<string, number>();
  for (const c of changed) {
    const v = villageOf(c);
    if (v) perVillage.set(v, (perVillage.get(v) ?? 0) + 1);
  }
  const counted = new Map<string, number>();
  for (const c of changed) {
    const v = villageOf(c);
    if (!v) continue;
    const n = (counted.get(v) ?? 0) + 1;
    counted.set(v, n);
    if (n <= MAX_CHANGES_PER_ENTRY) continue;
    const name = next.villages.find((x) => x.id === v)?.name ?? v;
    ctx.reject(
      c.kind === "village" ? "villages" : "groups",
      rowsOf[c.kind].get(c.id) ?? null,
      "id",
      MESSAGES.tooManyChanges(name, perVillage.get(v) ?? n),
    );
  }

  // 工作人员
  const accountChanges: ImportPlan["accountChanges"] = [];
  const accounts = new Map(existing.accounts.map((a) => [a.id, a]));
  const usernames = new Map(existing.accounts.map((a) => [a.username.toLowerCase(), a.id]));
  const villageIds = new Set(next.villages.map((v) => v.id));
  const departmentIds = new Set(next.departments.map((d) => d.id));
  for (const r of rowsFor("accounts", "id")) {
    const id = cell(r, "id");
    const current = accounts.get(id);
    let ok = true;
    const role = fromLabel(ROLES, cell(r, "role"));
    if (!role || !Role.safeParse(role).success) {
      ctx.reject("accounts", r.row, "role", MESSAGES.choice(Object.keys(ROLES)));
      ok = false;
    }
    const username = cell(r, "username");
    if (!/^[a-z0-9][a-z0-9._-]{1,39}$/i.test(username)) {
      ctx.reject("accounts", r.row, "username", {
        "zh-CN": "用户名为 2–40 个字母、数字或 . _ -",
        en: "Usernames are 2–40 letters, digits or . _ -",
      });
      ok = false;
    } else {
      const holder = usernames.get(username.toLowerCase());
      if (holder && holder !== id) {
        ctx.reject("accounts", r.row, "username", MESSAGES.duplicateUsername(username));
        ok = false;
      }
      if (current && current.username.toLowerCase() !== username.toLowerCase()) {
        ctx.reject("accounts", r.row, "username", {
          "zh-CN": `用户名不能修改（现为「${current.username}」）`,
          en: `Usernames cannot change (now “${current.username}”)`,
        });
        ok = false;
      }
      usernames.set(username.toLowerCase(), id);
    }
    const departmentId = cell(r, "departmentId") || null;
    if (departmentId && !departmentIds.has(departmentId)) {
      ctx.reject("accounts", r.row, "departmentId", unknownRef("department", departmentId));
      ok = false;
    }
    if (!departmentId && (role === "dept_head" || role === "cadre")) {
      ctx.reject("accounts", r.row, "departmentId", MESSAGES.needsDepartment);
      ok = false;
    }
    const villages = list(cell(r, "villageIds"));
    for (const v of villages) {
      if (!villageIds.has(v)) {
        ctx.reject("accounts", r.row, "villageIds", unknownRef("village", v));
        ok = false;
        break;
      }
    }
    const rawPhone = cell(r, "phone");
    if (rawPhone.trim() && !isPlausiblePhone(rawPhone)) {
      ctx.reject("accounts", r.row, "phone", MESSAGES.badPhone);
      ok = false;
    }
    const active = cell(r, "active").toLowerCase();
    const isActive = active === "" || YES.has(active) || active === "在职";
    if (!isActive && !NO.has(active)) {
      ctx.reject("accounts", r.row, "active", MESSAGES.choice(["是", "否"]));
      ok = false;
    }
    const name = cell(r, "name");
    if (name.length > 50) {
      ctx.reject("accounts", r.row, "name", MESSAGES.tooLong(50));
      ok = false;
    } else if (textProblem(name)) {
      ctx.reject("accounts", r.row, "name", TEXT_PROBLEM_WORDS);
      ok = false;
    }
    if (!ok || !role) continue;
    const account: RosterAccount = {
      id,
      username: current?.username ?? username,
      name,
      role,
      departmentId,
      villageIds: villages,
      phone: normalizePhone(rawPhone),
      active: isActive,
    };
    count("accounts", current, account);
    if (current && same(current, account)) continue;
    accountChanges.push({ before: current ?? null, after: account });
  }

  rejected.sort(
    (a, b) =>
      SHEET_KEYS.findIndex((k) => DIRECTORY_SHEETS[k].name === a.sheet) -
        SHEET_KEYS.findIndex((k) => DIRECTORY_SHEETS[k].name === b.sheet) ||
      (a.row ?? 0) - (b.row ?? 0),
  );
  return { rows, changes, rejected, directory: next, changed, accountChanges };
}

/** A rejection's reason in one language (the API answers in the caller's). */
export function localizeRejection(r: ImportRejection, locale: Locale) {
  return { ...r, reason: r.reason[locale] };
}
