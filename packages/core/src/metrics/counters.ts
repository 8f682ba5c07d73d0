import type { Concern, ConcernEvent, ConcernEventType } from "../concern/concern.js";
import { endOfShanghaiDay, shanghaiMonth } from "../time/shanghai.js";
import { COUNTER_FIELDS, type CounterField } from "../vocabulary.js";

/**
 * Pre-aggregated figures (DESIGN.md "Metrics"). Every change to a concern adds small
 * deltas to counter items of its scopes (village, department, handling person) for the
 * month of the change (Asia/Shanghai), in the change's own transaction. Town figures are
 * the sum of the villages': no town-wide item is written by every event.
 */
export { COUNTER_FIELDS, type CounterField };

/** Histogram bucket upper bounds in hours; the last bucket is open-ended. */
export const HISTOGRAM_HOURS = [
  1,
  2,
  4,
  8,
  12,
  24,
  48,
  72,
  120,
  168,
  240,
  360,
  720,
  1440,
  Number.POSITIVE_INFINITY,
];
export type HistogramField = `rt${number}` | `ct${number}`;

/**
 * 热点: the counter facts also kept per category (a concern's category never changes after
 * registration), on the village and department items only: `received.<categoryCode>` and
 * `closed.<categoryCode>`. Months counted before these fields existed have none until the
 * rebuild script (local `src/rebuild`) recounts their sealed months from the events.
 */
export const CATEGORY_FACTS = ["received", "closed"] as const;
export type CategoryFact = (typeof CATEGORY_FACTS)[number];
export type CategoryField = `${CategoryFact}.${string}`;

export function categoryField(fact: CategoryFact, categoryCode: string): CategoryField {
  return `${fact}.${categoryCode}`;
}

/** The per-category figures in a counter row: fact → category code → count. */
export function categoryFigures(c: Counters): Record<CategoryFact, Record<string, number>> {
  const out: Record<CategoryFact, Record<string, number>> = { received: {}, closed: {} };
  for (const [field, value] of Object.entries(c)) {
    const dot = field.indexOf(".");
    if (dot < 0 || typeof value !== "number") continue;
    const fact = field.slice(0, dot) as CategoryFact;
    if ((CATEGORY_FACTS as readonly string[]).includes(fact)) {
      out[fact][field.slice(dot + 1)] = value;
    }
  }
  return out;
}

/** The scopes a concern's category fields go to: its village and its department. */
export function unitScopesOf(concern: Concern): MetricScope[] {
  return [
    { kind: "village", id: concern.villageId },
    { kind: "department", id: concern.routing.department.id },
  ];
}

/**
 * Facts of a period that a figure's drill-down lists concern by concern (store README,
 * "Period index"): each such delta on a village or department counter is also written as
 * an index item of that unit and month, in the same transaction, so the list behind a
 * figure holds exactly the events the figure counts.
 */
export const PERIOD_FACTS = ["closed", "ratedDissatisfied", "returned", "reopened"] as const;
export type PeriodFact = (typeof PERIOD_FACTS)[number];

export interface PeriodIndexEntry {
  scope: { kind: "village" | "department"; id: string };
  month: string;
  fact: PeriodFact;
  ledgerNo: string;
  /** When the change happened (the concern's `updatedAt` after it). */
  at: string;
  /**
   * The event that records the fact (its `seq`; the change's last one when none does). Two
   * changes of one concern may share a millisecond; they never share an event.
   */
  seq: number;
  /** Tells apart two entries of one fact, unit and event (never more than one today). */
  n: number;
}

/** The events that record each period fact: a recount from events finds the same `seq`. */
export const PERIOD_FACT_EVENTS: Record<PeriodFact, readonly ConcernEventType[]> = {
  closed: ["struck_off"],
  ratedDissatisfied: ["rated"],
  returned: ["returned"],
  reopened: ["reopened", "redo_ordered"],
};

/** The period-index entries of one change: its deltas on units for the period facts. */
export function periodIndexEntries(
  deltas: readonly MetricDelta[],
  change: {
    ledgerNo: string;
    at: string;
    /** The concern's version after the change: its last event's `seq`. */
    version: number;
    events: ReadonlyArray<Pick<ConcernEvent, "type" | "seq">>;
  },
): PeriodIndexEntry[] {
  const seen = new Map<string, number>();
  const out: PeriodIndexEntry[] = [];
  for (const d of deltas) {
    if (d.scope.kind !== "village" && d.scope.kind !== "department") continue;
    if (!(PERIOD_FACTS as readonly string[]).includes(d.field)) continue;
    const fact = d.field as PeriodFact;
    const seq =
      change.events.find((e) => PERIOD_FACT_EVENTS[fact].includes(e.type))?.seq ?? change.version;
    for (let i = 0; i < d.amount; i++) {
      const key = `${d.scope.kind}|${d.scope.id}|${d.month}|${fact}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      out.push({
        scope: { kind: d.scope.kind, id: d.scope.id },
        month: d.month,
        fact,
        ledgerNo: change.ledgerNo,
        at: change.at,
        seq,
        n,
      });
    }
  }
  return out;
}

export function histogramBucket(hours: number): number {
  const i = HISTOGRAM_HOURS.findIndex((bound) => hours <= bound);
  return i === -1 ? HISTOGRAM_HOURS.length - 1 : i;
}

/**
 * Counter scopes. `village_people` and `department_people` hold one item per person and
 * month inside a village's or department's partition, so a leader's per-person view of a
 * village is one query.
 */
export type ScopeKind =
  | "village"
  | "department"
  | "person"
  | "village_people"
  | "department_people";
export interface MetricScope {
  kind: ScopeKind;
  id: string;
  /** For the *_people kinds: the person. */
  member?: string;
}
export interface MetricDelta {
  scope: MetricScope;
  month: string;
  field: CounterField | HistogramField | CategoryField;
  amount: number;
}

/** The scopes a concern counts in right now. */
export function scopesOf(concern: Concern): MetricScope[] {
  const scopes: MetricScope[] = [
    { kind: "village", id: concern.villageId },
    { kind: "department", id: concern.routing.department.id },
  ];
  if (concern.assignee) {
    const member = concern.assignee.id;
    scopes.push(
      { kind: "person", id: member },
      { kind: "village_people", id: concern.villageId, member },
      { kind: "department_people", id: concern.routing.department.id, member },
    );
  }
  return scopes;
}

const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;

/** When the concern had to be answered: the committed date if deferred, else the limit. */
export function answerDeadline(concern: Concern): string {
  return concern.committedDate
    ? endOfShanghaiDay(concern.committedDate).toISOString()
    : concern.deadlines.answerBy;
}

/**
 * The counter deltas of one change, from the concern before and after it (null before:
 * just registered). Pure; the store writes them with the change.
 */
export function metricDeltas(before: Concern | null, after: Concern): MetricDelta[] {
  type Field = CounterField | HistogramField | CategoryField;
  const facts: Array<{ field: Field; scopes?: MetricScope[] }> = [];
  const add = (field: Field, scopes?: MetricScope[]) =>
    facts.push(scopes ? { field, scopes } : { field });

  if (!before) {
    add("received");
    add(categoryField("received", after.categoryCode), unitScopesOf(after));
  }
  const prior = before ?? null;
  const dueCountedBefore = prior?.escalation.responseDueCounted ?? false;
  if (!prior?.firstResponseAt && after.firstResponseAt) {
    if (!dueCountedBefore) add("dueForResponse");
    if (after.firstResponseAt <= after.deadlines.respondBy) add("respondedInTime");
    add(`rt${histogramBucket(hoursBetween(after.createdAt, after.firstResponseAt))}`);
  } else if (!dueCountedBefore && after.escalation.responseDueCounted) {
    add("dueForResponse");
  }
  if (prior?.status !== "answered" && after.status === "answered") add("answered");
  if (prior?.status !== "struck_off" && after.status === "struck_off") {
    add("closed");
    add(categoryField("closed", after.categoryCode), unitScopesOf(after));
    if (after.outcome === "resolved") add("closedResolved");
    if (after.outcome === "explained") add("closedExplained");
    if (after.outcome === "assisted") add("closedAssisted");
    if (after.answeredAt && after.answeredAt <= answerDeadline(after)) add("closedOnTime");
    add(`ct${histogramBucket(hoursBetween(after.createdAt, after.closedAt ?? after.updatedAt))}`);
  }
  if (after.rating && after.rating.at !== prior?.rating?.at) {
    add(
      after.rating.rating === "satisfied"
        ? "ratedSatisfied"
        : after.rating.rating === "basically_satisfied"
          ? "ratedBasically"
          : "ratedDissatisfied",
    );
  }
  // A return is the returning department's figure, not the triage office's.
  if (prior && after.returnCount > prior.returnCount) add("returned", scopesOf(prior));
  if (after.reopenCount > (prior?.reopenCount ?? 0)) add("reopened");
  const newOverdue = after.escalation.overdue.length - (prior?.escalation.overdue.length ?? 0);
  for (let i = 0; i < newOverdue; i++) add("overdue");

  const month = shanghaiMonth(new Date(before ? after.updatedAt : after.createdAt));
  return facts.flatMap(({ field, scopes }) =>
    (scopes ?? scopesOf(after)).map((scope) => ({ scope, month, field, amount: 1 })),
  );
}

/** Counters of one scope and month (or summed over several), as read back. */
export type Counters = Record<string, number>;

export function sumCounters(items: Counters[]): Counters {
  const total: Counters = {};
  for (const item of items) {
    for (const [k, v] of Object.entries(item))
      if (typeof v === "number") total[k] = (total[k] ?? 0) + v;
  }
  return total;
}

const ratio = (num: number, den: number) => (den > 0 ? num / den : null);

/** The rates DESIGN.md defines, from counters. */
export function ratesOf(c: Counters) {
  const n = (k: CounterField) => c[k] ?? 0;
  const rated = n("ratedSatisfied") + n("ratedBasically") + n("ratedDissatisfied");
  return {
    response: ratio(n("respondedInTime"), n("dueForResponse")),
    resolution: ratio(n("closedResolved") + n("closedAssisted"), n("closed")),
    satisfaction: ratio(n("ratedSatisfied") + n("ratedBasically"), rated),
    onTimeClosure: ratio(n("closedOnTime"), n("closed")),
    returnRate: ratio(n("returned"), n("received")),
    redoRate: ratio(n("reopened"), n("closed")),
  };
}

/** Median and p90 from a histogram, as the upper bound of the bucket they fall in. */
export function percentilesOf(c: Counters, prefix: "rt" | "ct") {
  const counts = HISTOGRAM_HOURS.map((_, i) => c[`${prefix}${i}`] ?? 0);
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const at = (q: number) => {
    let seen = 0;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i] as number;
      if (seen >= q * total) return HISTOGRAM_HOURS[i] as number;
    }
    return HISTOGRAM_HOURS[HISTOGRAM_HOURS.length - 1] as number;
  };
  const finite = (h: number) => (Number.isFinite(h) ? h : null);
  return { medianHours: finite(at(0.5)), p90Hours: finite(at(0.9)) };
}
