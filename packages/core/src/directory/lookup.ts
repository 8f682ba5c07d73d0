import type { Category, Department, Directory, Leader, Village, VillagerGroup } from "./schema.js";

/** A directory indexed by id, built once per directory load. */
export interface DirectoryIndex {
  directory: Directory;
  village(id: string): Village | undefined;
  group(villageId: string, groupId: string): VillagerGroup | undefined;
  leader(id: string): Leader | undefined;
  department(id: string): Department | undefined;
  category(code: string): Category | undefined;
  /** The town office (党政办) that triages unrouted concerns. */
  triageOffice(): Department;
  disciplineCommission(): Department;
}

function byKey<T>(items: T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

export function indexDirectory(directory: Directory): DirectoryIndex {
  const villages = byKey(directory.villages, (v) => v.id);
  const leaders = byKey(directory.leaders, (l) => l.id);
  const departments = byKey(directory.departments, (d) => d.id);
  const categories = byKey(directory.categories, (c) => c.code);
  const office = directory.departments.find((d) => d.kind === "office");
  const discipline = directory.departments.find((d) => d.kind === "discipline");
  if (!office || !discipline) {
    throw new Error("directory needs a town office and a discipline commission");
  }
  return {
    directory,
    village: (id) => villages.get(id),
    group: (villageId, groupId) => villages.get(villageId)?.groups.find((g) => g.id === groupId),
    leader: (id) => leaders.get(id),
    department: (id) => departments.get(id),
    category: (code) => categories.get(code),
    triageOffice: () => office,
    disciplineCommission: () => discipline,
  };
}

/** Department heads by id (they hold villager groups). */
export function findDepartmentHead(index: DirectoryIndex, personId: string) {
  for (const d of index.directory.departments) {
    if (d.head.id === personId) return { ...d.head, departmentId: d.id };
  }
  return undefined;
}

/** `{ id, name }` references in the caller's language, for views (falls back to the id). */
export function namedRefs(index: DirectoryIndex, locale: "zh-CN" | "en") {
  const en = locale === "en";
  return {
    category: (code: string) => {
      const c = index.category(code);
      return { code, name: (en ? c?.nameEn : c?.name) ?? code };
    },
    village: (id: string) => ({ id, name: index.village(id)?.name ?? id }),
    department: (id: string, fallback?: string) => {
      const d = index.department(id);
      return { id, name: (en ? d?.nameEn : d?.name) ?? fallback ?? id };
    },
  };
}
