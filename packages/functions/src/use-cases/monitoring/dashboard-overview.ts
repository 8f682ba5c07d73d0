import type {
  DashboardCountFigure,
  DashboardCountKey,
  DashboardRateFigure,
  DashboardRateKey,
} from "@lianxin/contract";
import {
  type CounterField,
  type Counters,
  type DashboardScope,
  figureChange,
  type PeriodFact,
  type PresentFigure,
  periodFigureLink,
  presentFigureLink,
  ratesOf,
  receivedLink,
  type StaffUser,
} from "@lianxin/core";

/** What each rate is made of (DESIGN.md's definitions, as core's `ratesOf`). */
function parts(c: Counters): Record<DashboardRateKey, [number, number]> {
  const n = (k: CounterField) => c[k] ?? 0;
  const rated = n("ratedSatisfied") + n("ratedBasically") + n("ratedDissatisfied");
  return {
    response: [n("respondedInTime"), n("dueForResponse")],
    resolution: [n("closedResolved") + n("closedAssisted"), n("closed")],
    satisfaction: [n("ratedSatisfied") + n("ratedBasically"), rated],
    onTimeClosure: [n("closedOnTime"), n("closed")],
    returnRate: [n("returned"), n("received")],
    redoRate: [n("reopened"), n("closed")],
  };
}

const RATE_KEYS: DashboardRateKey[] = [
  "response",
  "resolution",
  "satisfaction",
  "onTimeClosure",
  "returnRate",
  "redoRate",
];

/** The period figures, the counter each reads and the fact its list is indexed under. */
const PERIOD_COUNTS: Array<{ key: DashboardCountKey; field: CounterField; fact: PeriodFact }> = [
  { key: "closed", field: "closed", fact: "closed" },
  { key: "dissatisfied", field: "ratedDissatisfied", fact: "ratedDissatisfied" },
  { key: "returned", field: "returned", fact: "returned" },
  { key: "reopened", field: "reopened", fact: "reopened" },
];

/**
 * The leader's overview: six rates with 环比 and 同比 (percentage points), the period's counts
 * with theirs (count changes), and the present counts; every count with where it leads.
 */
export function overviewFigures(a: {
  user: StaffUser;
  scope: DashboardScope;
  period: { from: string; to: string };
  current: Counters;
  previous: Counters;
  yearAgo: Counters;
  present: Record<PresentFigure, number>;
}): { rates: DashboardRateFigure[]; counts: DashboardCountFigure[] } {
  const [now, before, lastYear] = [a.current, a.previous, a.yearAgo].map(ratesOf) as [
    ReturnType<typeof ratesOf>,
    ReturnType<typeof ratesOf>,
    ReturnType<typeof ratesOf>,
  ];
  const made = parts(a.current);
  const rates = RATE_KEYS.map((key) => ({
    key,
    value: now[key],
    numerator: made[key][0],
    denominator: made[key][1],
    previous: figureChange(now[key], before[key], "rate"),
    yearAgo: figureChange(now[key], lastYear[key], "rate"),
  }));
  const count = (c: Counters, f: CounterField) => c[f] ?? 0;
  const periodCount = (
    key: DashboardCountKey,
    field: CounterField,
    link: DashboardCountFigure["link"],
  ): DashboardCountFigure => ({
    key,
    when: "period",
    value: count(a.current, field),
    previous: figureChange(count(a.current, field), count(a.previous, field), "count"),
    yearAgo: figureChange(count(a.current, field), count(a.yearAgo, field), "count"),
    link,
  });
  const presentCount = (key: PresentFigure): DashboardCountFigure => ({
    key,
    when: "present",
    value: a.present[key],
    previous: null,
    yearAgo: null,
    link: presentFigureLink(a.user, a.scope, key),
  });
  return {
    rates,
    counts: [
      periodCount("received", "received", receivedLink(a.user, a.scope, a.period)),
      ...PERIOD_COUNTS.map((p) =>
        periodCount(p.key, p.field, periodFigureLink(a.scope, p.fact, a.period)),
      ),
      presentCount("backlog"),
      presentCount("overdueNow"),
      presentCount("supervised"),
      presentCount("awaitingRating"),
    ],
  };
}
