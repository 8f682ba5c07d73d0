import type { Locale } from "../errors.js";
import { monthsBetween } from "../time/months.js";
import { type Counters, categoryFigures } from "./counters.js";
import { comparisonPeriods, type MonthPeriod } from "./period-comparison.js";

/**
 * 热点: which categories grow and where. Pure: the use case reads the village counters of
 * the period and of the previous period of the same length (each month by key) and the
 * directory's names; this ranks, compares and writes the headline sentence.
 */

/** A category needs this many concerns in the period before its rise can be the headline. */
export const HOT_TOPICS_MIN_COUNT = 5;
/** At most this many village × category cells are marked busiest, each with at least… */
export const BUSIEST_CELLS = 5;
export const BUSIEST_MIN_COUNT = 3;

export type Period = MonthPeriod;

/** The period of the same length just before (环比, across a year boundary too). */
export const previousPeriod = (p: Period): Period => comparisonPeriods(p).previous;

/**
 * Whether a month's counters hold categories: `none` before the category fields existed
 * (received but nothing by category), `partial` the month they were deployed in (counted
 * from then on), `full`, or `empty` (nothing received).
 */
export type CategoryCoverage = "full" | "partial" | "none" | "empty";
export function categoryCoverage(c: Counters): CategoryCoverage {
  const received = c.received ?? 0;
  const byCategory = Object.values(categoryFigures(c).received).reduce((a, b) => a + b, 0);
  if (received === 0) return byCategory > 0 ? "full" : "empty";
  if (byCategory === 0) return "none";
  return byCategory >= received ? "full" : "partial";
}

type Named = { code: string; name: string };
type NamedVillage = { id: string; name: string };
export interface HotTopicsInput {
  period: Period;
  villages: Array<{ id: string; rows: Array<{ month: string; counters: Counters }> }>;
  refs: { category(code: string): Named; village(id: string): NamedVillage };
  locale: Locale;
  /** Villages (the table, "集中在…") or one department (no place named). */
  unitKind?: "village" | "department";
  /** The current month (Asia/Shanghai): a one-month period ending there is "本月". */
  currentMonth: string;
  minCount?: number;
}

export interface CategoryRow extends Named {
  received: number;
  previous: number;
  closed: number;
  /** (received − previous) / previous; null when previous is 0 or not comparable. */
  change: number | null;
  /** Counted in the headline's ranking: enough concerns and a comparable previous period. */
  eligible: boolean;
}

const sumOf = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

function coverageOf(input: HotTopicsInput, months: string[]) {
  return months.map((month) => {
    const rows = input.villages.flatMap((v) => v.rows.filter((r) => r.month === month));
    const total: Counters = {};
    for (const r of rows)
      for (const [k, v] of Object.entries(r.counters)) total[k] = (total[k] ?? 0) + v;
    return { month, coverage: categoryCoverage(total) };
  });
}

/** Per village, fact → category → count over the months. */
function figuresOf(input: HotTopicsInput, months: Set<string>) {
  return input.villages.map((v) => {
    const received = new Map<string, number>();
    const closed = new Map<string, number>();
    for (const r of v.rows) {
      if (!months.has(r.month)) continue;
      const f = categoryFigures(r.counters);
      for (const [c, n] of Object.entries(f.received)) received.set(c, (received.get(c) ?? 0) + n);
      for (const [c, n] of Object.entries(f.closed)) closed.set(c, (closed.get(c) ?? 0) + n);
    }
    return { id: v.id, received, closed };
  });
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

export function hotTopics(input: HotTopicsInput) {
  const min = input.minCount ?? HOT_TOPICS_MIN_COUNT;
  const en = input.locale === "en";
  const previous = previousPeriod(input.period);
  const months = monthsBetween(input.period.from, input.period.to);
  const previousMonths = monthsBetween(previous.from, previous.to);
  const coverage = coverageOf(input, months);
  const previousCoverage = coverageOf(input, previousMonths);
  const lacking = (c: { coverage: CategoryCoverage }) =>
    c.coverage === "none" || c.coverage === "partial";
  // A partial current month (the deployment's) still compares: the page says it counts
  // from the deployment on. A previous period without categories does not.
  const comparable =
    !previousCoverage.some(lacking) && !coverage.some((c) => c.coverage === "none");
  const now = figuresOf(input, new Set(months));
  const before = figuresOf(input, new Set(previousMonths));

  const codes = new Set<string>();
  for (const v of [...now, ...before]) for (const c of v.received.keys()) codes.add(c);
  for (const v of now) for (const c of v.closed.keys()) codes.add(c);
  const categories: CategoryRow[] = [...codes].map((code) => {
    const received = sumOf(now.map((v) => v.received.get(code) ?? 0));
    const prev = sumOf(before.map((v) => v.received.get(code) ?? 0));
    const change = comparable && prev > 0 ? (received - prev) / prev : null;
    return {
      ...input.refs.category(code),
      received,
      previous: prev,
      closed: sumOf(now.map((v) => v.closed.get(code) ?? 0)),
      change,
      eligible: comparable && received >= min && received > prev,
    };
  });
  const byName = (a: Named, b: Named) =>
    a.name.localeCompare(b.name, "zh-CN") || (a.code < b.code ? -1 : 1);
  const byVolume = [...categories].sort((a, b) => b.received - a.received || byName(a, b));
  // Growth: a category new this period (previous 0) ranks first among eligible; then by
  // ratio, then by how many more, then by volume; names break what remains.
  const growthKey = (r: CategoryRow) => (r.change === null ? Number.POSITIVE_INFINITY : r.change);
  const byGrowth = categories
    .filter((r) => r.eligible)
    .sort(
      (a, b) =>
        growthKey(b) - growthKey(a) ||
        b.received - b.previous - (a.received - a.previous) ||
        b.received - a.received ||
        byName(a, b),
    );

  // The village × category table: villages with any concern of the period, busiest first.
  const columns = byVolume.filter((c) => c.received > 0);
  const rows = now
    .map((v) => {
      const total = sumOf(v.received.values());
      return {
        village: input.refs.village(v.id),
        total,
        cells: columns.map((c) => {
          const count = v.received.get(c.code) ?? 0;
          return { code: c.code, count, share: total ? count / total : 0, busiest: false };
        }),
      };
    })
    .filter((r) => r.total > 0)
    .sort((a, b) => b.total - a.total || a.village.name.localeCompare(b.village.name, "zh-CN"));
  const ranked = rows
    .flatMap((r) => r.cells.map((cell) => ({ row: r, cell })))
    .filter(({ cell }) => cell.count >= BUSIEST_MIN_COUNT)
    .sort((a, b) => b.cell.count - a.cell.count || b.cell.share - a.cell.share)
    .slice(0, BUSIEST_CELLS);
  for (const { cell } of ranked) cell.busiest = true;

  const whereMost = (code: string) => {
    const top = now
      .map((v) => ({ id: v.id, count: v.received.get(code) ?? 0 }))
      .filter((v) => v.count > 0)
      .sort(
        (a, b) =>
          b.count - a.count ||
          input.refs.village(a.id).name.localeCompare(input.refs.village(b.id).name, "zh-CN"),
      )[0];
    return top ? { ...input.refs.village(top.id), count: top.count } : null;
  };

  const isThisMonth = months.length === 1 && input.period.to === input.currentMonth;
  const label = isThisMonth
    ? en
      ? "This month"
      : "本月"
    : months.length === 1
      ? en
        ? `In ${input.period.from}`
        : `${input.period.from}`
      : en
        ? `From ${input.period.from} to ${input.period.to}`
        : `${input.period.from} 至 ${input.period.to}`;
  // "本月环境…" reads on; a month or range written as numbers needs a comma after it.
  const lead = en || isThisMonth ? label : `${label}，`;
  const riser = byGrowth[0] ?? null;
  const top = byVolume.find((r) => r.received > 0) ?? null;
  const hasData = coverage.some((c) => c.coverage === "full" || c.coverage === "partial");
  let headline: string;
  let kind: "rise" | "no_rise" | "not_comparable" | "no_category_data" | "empty";
  const place = (code: string) => {
    const v = input.unitKind === "department" ? null : whereMost(code);
    if (!v) return "";
    return en ? `, mostly in ${v.name} (${v.count})` : `，集中在${v.name}（${v.count} 件）`;
  };
  if (!hasData) {
    const anyReceived = coverage.some((c) => c.coverage === "none");
    kind = anyReceived ? "no_category_data" : "empty";
    headline = anyReceived
      ? en
        ? `${label}: no figures by category (counted from the deployment on).`
        : `${lead}没有分类统计（分类数据自上线起统计）。`
      : en
        ? `${label}: no concerns.`
        : `${lead}没有诉求。`;
  } else if (riser) {
    kind = "rise";
    const rise =
      riser.change === null
        ? en
          ? `${riser.received} new (none the previous period)`
          : `新增 ${riser.received} 件（上期 0 件）`
        : en
          ? `up ${pct(riser.change)} on the previous period (${riser.previous} → ${riser.received})`
          : `环比增加 ${pct(riser.change)}（${riser.previous} → ${riser.received} 件）`;
    headline = en
      ? `${label}, ${riser.name} concerns: ${rise}${place(riser.code)}.`
      : `${lead}${riser.name}类诉求${rise}${place(riser.code)}。`;
  } else if (!comparable) {
    kind = "not_comparable";
    headline = en
      ? `${label}: no comparison, the previous period has no figures by category; most concerns: ${top?.name} (${top?.received})${top ? place(top.code) : ""}.`
      : `上期没有分类统计，无法环比；${label}诉求最多的是${top?.name}类（${top?.received} 件）${top ? place(top.code) : ""}。`;
  } else {
    kind = "no_rise";
    headline = en
      ? `${label}: no category rose with at least ${min} concerns; most concerns: ${top?.name} (${top?.received})${top ? place(top.code) : ""}.`
      : `${lead}没有类别明显增加（不足 ${min} 件的不计）；诉求最多的是${top?.name}类（${top?.received} 件）${top ? place(top.code) : ""}。`;
  }
  const categoryDataFrom =
    [...previousCoverage, ...coverage].find(
      (c) => c.coverage === "full" || c.coverage === "partial",
    )?.month ?? null;
  // What the page says under the figures about months counted before the categories.
  const missing = [...previousCoverage, ...coverage].filter((c) => c.coverage === "none");
  const partial = coverage.filter((c) => c.coverage === "partial");
  const notes: string[] = [];
  if (missing.length) {
    const list = missing.map((c) => c.month).join(en ? ", " : "、");
    notes.push(
      en
        ? `No figures by category for ${list}: those months were counted before categories were.`
        : `${list} 没有分类统计：这些月份的数据早于分类统计。`,
    );
  }
  if (partial.length) {
    const list = partial.map((c) => c.month).join(en ? ", " : "、");
    notes.push(
      en
        ? `${list} counts categories from the deployment on: earlier concerns of the month are not in the categories.`
        : `${list} 的分类数据自上线起统计，此前登记的诉求不在分类中。`,
    );
  }
  return {
    period: input.period,
    notes,
    previous,
    minCount: min,
    headline: {
      kind,
      text: headline,
      category: riser ? { code: riser.code, name: riser.name } : null,
      village: riser ? whereMost(riser.code) : null,
      change: riser?.change ?? null,
    },
    byVolume,
    byGrowth,
    table: { categories: columns.map(({ code, name }) => ({ code, name })), rows },
    coverage: {
      months: coverage,
      previousMonths: previousCoverage,
      comparable,
      categoryDataFrom,
    },
  };
}

export type HotTopics = ReturnType<typeof hotTopics>;
