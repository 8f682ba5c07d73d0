import { type Counters, ratesOf, sumCounters } from "@lianxin/core";

/**
 * 数据公开's months: each month's rates with what they are counted on, its close-outs and the
 * notices published for them. A rate alone misleads where its base is small or from another
 * month (November: nothing received, yet responses due from October), so every rate carries
 * its count and base; the page shows them beside it.
 */
export function publicTrend(
  rows: ReadonlyArray<{ month: string; counters: Counters }>,
  months: readonly string[],
  published: ReadonlyMap<string, number>,
) {
  return months.map((month) => {
    const c = sumCounters(rows.filter((r) => r.month === month).map((r) => r.counters));
    const n = (k: string) => c[k] ?? 0;
    const rates = ratesOf(c);
    return {
      month,
      received: n("received"),
      answered: n("answered"),
      response: rates.response,
      resolution: rates.resolution,
      satisfaction: rates.satisfaction,
      closed: n("closed"),
      published: published.get(month) ?? 0,
      bases: {
        response: { count: n("respondedInTime"), base: n("dueForResponse") },
        resolution: { count: n("closedResolved") + n("closedAssisted"), base: n("closed") },
        satisfaction: {
          count: n("ratedSatisfied") + n("ratedBasically"),
          base: n("ratedSatisfied") + n("ratedBasically") + n("ratedDissatisfied"),
        },
      },
    };
  });
}

/** 办结 N 件，其中公示 M 件 over the months shown. */
export function closeOutsOf(trend: ReadonlyArray<{ closed: number; published: number }>) {
  return {
    closed: trend.reduce((sum, p) => sum + p.closed, 0),
    published: trend.reduce((sum, p) => sum + p.published, 0),
  };
}
