import type { DirectoryIndex } from "../directory/lookup.js";
import type { PresenceDay } from "./field-work-figures.js";

/**
 * Monthly field-work compliance (the seed: 党政领导每月到村走访不少于1天; 部门负责人…每月到村走访不少
 * 一天，走进村民组开展工作):
 * - a leader: at least one day a month in EACH contact village;
 * - a department head: at least one day a month in a group they held that month (any of
 *   them when they hold several).
 * A month still under way is "pending" until met; a month before the person's first
 * required month is not judged.
 */
/** "none": nothing was required of the person that month (e.g. no group held). */
export type ComplianceState = "met" | "gap" | "pending" | "none";

export interface ComplianceCell {
  month: string;
  state: ComplianceState;
  /** Per place required: the village (leaders) or the groups held (heads), and days present. */
  places: Array<{ villageId: string; groupIds: string[]; days: number }>;
}

export interface ComplianceRow {
  personId: string;
  name: string;
  role: "leader" | "dept_head";
  departmentId: string | null;
  cells: ComplianceCell[];
  /** Months met / months judged (pending months left out); null when none is judged. */
  rate: number | null;
  gaps: number;
}

/**
 * What a cell asks of its row, for the legend and a cell's words: a leader, a day in EVERY
 * place listed (each contact village); a head, a day in ANY place listed (a group held). A
 * cell's numbers are the days present in each place, in the order listed ("✗ 1/0": one day
 * in the first contact village, none in the second).
 */
export const CELL_REQUIREMENT = { leader: "every_place", dept_head: "any_place" } as const;
export type CellRequirement = (typeof CELL_REQUIREMENT)[ComplianceRow["role"]];

/** Who holds which groups in a month: `villageId` → `groupId`s, per head. */
export type HoldingsOf = (
  headId: string,
  month: string,
) => Array<{ villageId: string; groupId: string }>;

/** The current holders in the directory, for every month (when no rotation plan is known). */
export function currentHoldings(index: DirectoryIndex): HoldingsOf {
  const byHead = new Map<string, Array<{ villageId: string; groupId: string }>>();
  for (const v of index.directory.villages) {
    if (v.retiredAt) continue;
    for (const g of v.groups) {
      if (!g.holderId || g.retiredAt) continue;
      const list = byHead.get(g.holderId) ?? [];
      list.push({ villageId: v.id, groupId: g.id });
      byHead.set(g.holderId, list);
    }
  }
  return (headId) => byHead.get(headId) ?? [];
}

/** Every month from `from` to `to` (YYYY-MM), at most 60. */
export function monthsFrom(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  for (let i = 0; i < 60; i++) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    if (month > to) break;
    out.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/**
 * The month × person matrix. `presence`: the people's presence days in the range;
 * `currentMonth`: the month under way (judged "pending" until met); `people`: restrict
 * the rows (e.g. a leader's own row).
 */
export function complianceMatrix(input: {
  index: DirectoryIndex;
  months: string[];
  presence: PresenceDay[];
  currentMonth: string;
  holdings?: HoldingsOf;
  people?: (personId: string) => boolean;
}): ComplianceRow[] {
  const { index, months, currentMonth } = input;
  const holdings = input.holdings ?? currentHoldings(index);
  const wanted = input.people ?? (() => true);
  const days = new Map<string, Set<string>>();
  const dayKey = (p: string, v: string, g: string | null, m: string) => `${p}|${v}|${g ?? ""}|${m}`;
  for (const d of input.presence) {
    const month = d.date.slice(0, 7);
    for (const key of [dayKey(d.personId, d.villageId, null, month)].concat(
      d.groupId ? [dayKey(d.personId, d.villageId, d.groupId, month)] : [],
    )) {
      const set = days.get(key) ?? new Set<string>();
      set.add(d.date);
      days.set(key, set);
    }
  }
  const count = (p: string, v: string, g: string | null, m: string) =>
    days.get(dayKey(p, v, g, m))?.size ?? 0;
  const judge = (month: string, met: boolean): ComplianceState =>
    met ? "met" : month >= currentMonth ? "pending" : "gap";

  const rows: ComplianceRow[] = [];
  for (const leader of index.directory.leaders) {
    if (leader.retiredAt || !wanted(leader.id)) continue;
    const villages = index.directory.villages.filter(
      (v) => v.contactLeaderId === leader.id && !v.retiredAt,
    );
    if (!villages.length) continue;
    const cells = months.map((month) => {
      const places = villages.map((v) => ({
        villageId: v.id,
        groupIds: [],
        days: count(leader.id, v.id, null, month),
      }));
      return {
        month,
        state: judge(
          month,
          places.every((p) => p.days > 0),
        ),
        places,
      };
    });
    rows.push(row(leader.id, leader.name, "leader", null, cells));
  }
  for (const d of index.directory.departments) {
    if (d.retiredAt || !wanted(d.head.id)) continue;
    const cells = months.map((month) => {
      const held = holdings(d.head.id, month);
      const byVillage = new Map<string, string[]>();
      for (const h of held)
        byVillage.set(h.villageId, [...(byVillage.get(h.villageId) ?? []), h.groupId]);
      const places = [...byVillage].map(([villageId, groupIds]) => ({
        villageId,
        groupIds,
        days: new Set(
          groupIds.flatMap((g) => [...(days.get(dayKey(d.head.id, villageId, g, month)) ?? [])]),
        ).size,
      }));
      const state: ComplianceState = places.length
        ? judge(
            month,
            places.some((p) => p.days > 0),
          )
        : "none";
      return { month, state, places };
    });
    // A head who holds no group has nothing to comply with.
    if (cells.every((c) => c.places.length === 0)) continue;
    rows.push(row(d.head.id, d.head.name, "dept_head", d.id, cells));
  }
  return rows;
}

function row(
  personId: string,
  name: string,
  role: ComplianceRow["role"],
  departmentId: string | null,
  cells: ComplianceCell[],
): ComplianceRow {
  const judged = cells.filter((c) => c.state === "met" || c.state === "gap");
  const met = judged.filter((c) => c.state === "met").length;
  return {
    personId,
    name,
    role,
    departmentId,
    cells,
    rate: judged.length ? met / judged.length : null,
    gaps: judged.length - met,
  };
}
