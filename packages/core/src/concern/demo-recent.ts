import type { Category, Directory, Village } from "../directory/schema.js";
import { shanghaiMonth } from "../time/shanghai.js";
import type { Rating } from "../vocabulary.js";
import type { Outcome } from "./concern.js";
import {
  DEMO_TEXTS,
  type DemoConcernText,
  DISSATISFIED_COMMENTS,
  RETURN_REASONS,
} from "./demo-recent-texts.js";
import type { ConcernSubmission } from "./submission.js";

/**
 * A recent demo concern (issue 17): what a resident wrote and when, and how the town will
 * handle it. The API's own use cases play it (functions/src/demo-recent.ts) at these times;
 * steps that would fall after "now" are not played, so the latest concerns are still open.
 */
export interface RecentDemoConcern {
  /** The submission's Idempotency-Key. */
  key: string;
  /** Registration instant (ISO, UTC). */
  at: string;
  /** Online by the resident, or taken by phone by the town office. */
  channel: "online" | "phone";
  input: ConcernSubmission;
  /** Where the office sends it from triage, in turn: first (no rule routed it) and after each return. */
  dispatches: string[];
  /** The departments' reasons for sending it back (退回) before one signs for it. */
  returns: string[];
  /**
   * How far into each limit the department acts: under 0.7 on time (before any reminder),
   * over 1 late. The answer's pace applies again after a reopening.
   */
  pace: { signFor: number; respond: number; answer: number };
  outcome: Outcome;
  reply: string;
  /** The resident's ratings, one per answer: a first dissatisfied one reopens it. */
  ratings: Array<{ rating: Rating; comment?: string; afterHours: number }>;
  /** After a second dissatisfied rating, the contact leader verifies and strikes it off. */
  verifyNote?: string;
  /** The contact leader presses the department (督办) this many hours after registration. */
  superviseAfterHours?: number;
}

/** Departments that behave differently, so that rates and rankings separate them. */
const PROFILES: Record<string, { late: number; dissatisfied: number }> = {
  "planning-construction": { late: 0.65, dissatisfied: 0.15 },
  "land-resources": { late: 0.45, dissatisfied: 0.12 },
  "urban-management": { late: 0.08, dissatisfied: 0.35 },
  justice: { late: 0.05, dissatisfied: 0.3 },
};
const USUAL = { late: 0.03, dissatisfied: 0.05 };

/** Concerns a month over the eleven months before this one (oldest first): seasons differ. */
const MONTH_VOLUMES = [17, 14, 20, 24, 22, 27, 31, 26, 21, 23, 20];
/** A month's share of each category (per mille of the month's concerns). */
const CATEGORY_WEIGHTS: Record<string, number> = {
  roads_lighting: 15,
  environment: 10,
  utilities: 10,
  housing: 9,
  dispute: 9,
  agriculture: 8,
  hardship: 7,
  health_education: 7,
  public_order: 6,
  employment: 6,
  land: 6,
  other: 4,
};
const BUSY_VILLAGES: Record<string, number> = { meijing: 4, yaxi: 4, xinhe: 3, park: 3, luoshe: 3 };
/** This month's rise: 环境与河道 in 梅泾村 (the hot-topics sentence's subject). */
export const DEMO_SURGE = { categoryCode: "environment", villageId: "meijing", count: 11 } as const;
/** Where "other" concerns go from triage. */
const OTHER_DEPARTMENT = "citizen-services";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The recent demo concerns: about twelve months up to `now`, month volumes that vary, a
 * rise of 环境与河道 in 梅泾村 this month, departments that are slow or leave residents
 * dissatisfied, and the cases inspectors look for (rated dissatisfied twice, returned three
 * times, a conduct complaint, one resident writing three times about the same lights).
 * Pure and deterministic for a given `random` and `now`.
 */
export function planRecentDemo(
  directory: Directory,
  options: { now: Date; random: () => number },
): RecentDemoConcern[] {
  const { now, random } = options;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const between = (min: number, max: number) => min + random() * (max - min);
  const pickFrom = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const weighted = (weights: Record<string, number>) => {
    const entries = Object.entries(weights);
    let r = random() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return (entries.at(-1) as [string, number])[0];
  };
  const villages = directory.villages.filter((v) => !v.retiredAt);
  const villageWeights = Object.fromEntries(villages.map((v) => [v.id, BUSY_VILLAGES[v.id] ?? 1]));
  const village = (id: string) => villages.find((v) => v.id === id) as Village;
  const category = (code: string) => directory.categories.find((c) => c.code === code) as Category;
  const latest = now.getTime() - 2 * HOUR;

  /** A working-hours instant (08:00–20:00 Shanghai) on a day in [from, to). */
  const instantIn = (from: number, to: number) => {
    const day = Math.floor((from + random() * Math.max(0, to - from)) / DAY) * DAY;
    return Math.min(latest, Math.max(from, day + between(0, 12) * HOUR));
  };

  const concerns: Array<Omit<RecentDemoConcern, "key">> = [];
  const phones = new Set<string>();
  const phone = () => {
    for (;;) {
      const p = `1${pickFrom(["39", "58", "87", "51"])}${String(int(0, 99_999_999)).padStart(8, "0")}`;
      if (!phones.has(p)) {
        phones.add(p);
        return p;
      }
    }
  };

  /** A concern as a resident would write it, handled as its department usually does. */
  const concern = (
    at: number,
    v: Village,
    c: Category,
    text: DemoConcernText,
    over: Partial<Omit<RecentDemoConcern, "key">> = {},
  ): Omit<RecentDemoConcern, "key"> => {
    const groups = v.groups.filter((g) => !g.retiredAt);
    const group = groups.length ? pickFrom(groups) : null;
    const departmentId = c.villageOverrides[v.id] ?? c.departmentId;
    const profile = (departmentId && PROFILES[departmentId]) || USUAL;
    const late = random() < profile.late;
    const pace = late
      ? { signFor: between(0.3, 1.8), respond: between(1.3, 3), answer: between(1.15, 2) }
      : { signFor: between(0.1, 0.6), respond: between(0.15, 0.6), answer: between(0.2, 0.65) };
    const online = random() < 0.72;
    const surname = pickFrom(["王", "李", "张", "陈", "周", "吴", "徐", "沈", "顾", "钱"]);
    const rate = (): Rating =>
      random() < profile.dissatisfied
        ? "dissatisfied"
        : random() < 0.24
          ? "basically_satisfied"
          : "satisfied";
    const first = rate();
    const ratings: RecentDemoConcern["ratings"] = [
      {
        rating: first,
        afterHours: between(2, 60),
        ...(first === "dissatisfied" ? { comment: pickFrom(DISSATISFIED_COMMENTS) } : {}),
      },
    ];
    if (first === "dissatisfied") {
      ratings.push({
        rating: random() < 0.7 ? "satisfied" : "basically_satisfied",
        afterHours: between(4, 72),
      });
    }
    return {
      at: new Date(at).toISOString(),
      channel: online ? "online" : "phone",
      input: {
        villageId: v.id,
        ...(group ? { groupId: group.id } : {}),
        categoryCode: c.code,
        title: text.title,
        description: text.description.replaceAll("{group}", group?.name ?? v.name),
        contactName: `${surname}${random() < 0.5 ? "先生" : "女士"}`,
        contactPhone: phone(),
        anonymous: false,
        // The demo sends no SMS: a year of receipts would flood the local sink at start.
        smsOptOut: true,
      },
      dispatches: departmentId ? [] : [OTHER_DEPARTMENT],
      returns: [],
      pace,
      outcome: text.outcome,
      reply: text.reply,
      ratings,
      // The contact leader presses some slow ones, and now and then another (督办); never a
      // conduct complaint, which only the discipline commission sees.
      ...(!c.conductComplaint && random() < (late ? 0.35 : 0.04)
        ? { superviseAfterHours: between(20, 40) }
        : {}),
      ...over,
    };
  };

  // Month by month: the usual mix, then this month's rise.
  const thisMonth = shanghaiMonth(now);
  const monthStart = (back: number) => {
    const [y, m] = thisMonth.split("-").map(Number) as [number, number];
    return Date.UTC(y, m - 1 - back, 1) - 8 * HOUR;
  };
  MONTH_VOLUMES.forEach((volume, i) => {
    const back = MONTH_VOLUMES.length - i;
    for (let n = 0; n < volume; n++) {
      const c = category(weighted(CATEGORY_WEIGHTS));
      const at = instantIn(monthStart(back), monthStart(back - 1));
      concerns.push(
        concern(at, village(weighted(villageWeights)), c, pickFrom(DEMO_TEXTS[c.code] ?? [])),
      );
    }
  });
  const start = monthStart(0);
  const elapsed = (now.getTime() - start) / (monthStart(-1) - start);
  for (let n = 0; n < Math.round(22 * elapsed); n++) {
    const c = category(weighted({ ...CATEGORY_WEIGHTS, environment: 0 }));
    concerns.push(
      concern(
        instantIn(start, latest),
        village(weighted(villageWeights)),
        c,
        pickFrom(DEMO_TEXTS[c.code] ?? []),
      ),
    );
  }
  const surge = category(DEMO_SURGE.categoryCode);
  for (let n = 0; n < DEMO_SURGE.count; n++) {
    const text = DEMO_TEXTS.environment?.[n % 6] as DemoConcernText;
    concerns.push(concern(instantIn(start, latest), village(DEMO_SURGE.villageId), surge, text));
  }
  concerns.push(...specialCases(now, { concern, village, category }));

  return concerns
    .filter((c) => Date.parse(c.at) <= latest)
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((c, i) => ({ key: `demo-recent-${String(i + 1).padStart(4, "0")}`, ...c }));
}

/**
 * The cases an inspector's lists and a leader's overdue figure need, at fixed distances from
 * now: items overdue now at the slow department, a concern rated dissatisfied twice, one
 * returned three times, a conduct complaint, and one resident's three calls about the lights.
 */
function specialCases(
  now: Date,
  make: {
    concern: (
      at: number,
      v: Village,
      c: Category,
      text: DemoConcernText,
      over?: Partial<Omit<RecentDemoConcern, "key">>,
    ) => Omit<RecentDemoConcern, "key">;
    village: (id: string) => Village;
    category: (code: string) => Category;
  },
): Array<Omit<RecentDemoConcern, "key">> {
  const { concern, village, category } = make;
  const ago = (days: number, hour = 2) =>
    Math.floor((now.getTime() - days * DAY) / DAY) * DAY + hour * HOUR;
  const text = (code: string, n: number) => DEMO_TEXTS[code]?.[n] as DemoConcernText;
  const late = { signFor: 1.6, respond: 2.5, answer: 4 };
  const lights = {
    title: "村道路灯坏了好几盏",
    description: "从村口到组里的一段路灯坏了好几盏，晚上黑漆漆的，骑车出行很不安全。",
    outcome: "resolved" as const,
    reply: "已更换损坏灯具并检修线路，该路段路灯已恢复正常照明。",
  };
  const repeat = concern(ago(80), village("doumen"), category("roads_lighting"), lights);
  const again = (days: number, title: string, description: string) =>
    concern(
      ago(days),
      village("doumen"),
      category("roads_lighting"),
      { ...lights, title, description },
      {
        input: { ...repeat.input, title, description },
      },
    );
  return [
    // Overdue now at 规划建设办 (slow): open, past their limits.
    concern(ago(13), village("zhangzhen"), category("utilities"), text("utilities", 3), {
      pace: late,
    }),
    concern(ago(24), village("doumen"), category("housing"), text("housing", 0), { pace: late }),
    concern(ago(9), village("shuangmiao"), category("utilities"), text("utilities", 0), {
      pace: late,
    }),
    // Rated dissatisfied twice (reopened in between); the contact leader verifies.
    concern(ago(55), village("qinxiang"), category("roads_lighting"), text("roads_lighting", 1), {
      pace: { signFor: 0.3, respond: 0.4, answer: 0.5 },
      ratings: [
        { rating: "dissatisfied", comment: "只是填了几处，下雨还是积水。", afterHours: 20 },
        { rating: "dissatisfied", comment: "问题没有解决，还是老样子。", afterHours: 30 },
      ],
      verifyNote: "经实地复核，坑洼路面已按标准修补，排水改造纳入明年村道提升计划。",
    }),
    // Returned three times before a department signs for it.
    concern(
      ago(70),
      village("taoyuan"),
      category("agriculture"),
      {
        title: "排水沟被填田里积水",
        description: "承包田边上的排水沟被人填平了，一下雨田里就积水，秧苗都泡坏了。",
        outcome: "resolved",
        reply: "已协调村委会和水利站疏通排水沟，恢复了排水，秧苗已补种。",
      },
      {
        returns: RETURN_REASONS,
        dispatches: ["water-station", "land-resources", "agri-service"],
        pace: { signFor: 0.4, respond: 0.5, answer: 0.6 },
      },
    ),
    // A conduct complaint, in hand at the discipline commission.
    concern(
      ago(4),
      village("zhangzhen"),
      category("cadre_conduct"),
      {
        title: "便民服务点办事态度生硬",
        description: "去村便民服务点办材料，工作人员态度生硬，前后让我来回跑了三趟也没办成。",
        outcome: "resolved",
        reply: "已核实情况并对相关工作人员批评教育，材料已办结。",
      },
      { pace: { signFor: 0.3, respond: 0.4, answer: 1.5 } },
    ),
    // One resident, the same lights, three times within 90 days.
    repeat,
    again(46, "路灯修好没多久又不亮了", "上次修好的路灯没过多久又不亮了，晚上接孩子放学路上很黑。"),
    again(12, "村道路灯第三次坏了", "这段路灯已经是第三次坏了，希望彻底检修线路，不要修了又坏。"),
  ];
}
