import { addMonths, monthIndex } from "../time/months.js";

/** A month range, both ends included (`YYYY-MM`). */
export interface MonthPeriod {
  from: string;
  to: string;
}

/**
 * The periods a dashboard period is compared with: 环比, the period of the same length
 * immediately before it; 同比, the same months a year earlier.
 */
export function comparisonPeriods(period: MonthPeriod): {
  previous: MonthPeriod;
  yearAgo: MonthPeriod;
} {
  const months = monthIndex(period.to) - monthIndex(period.from) + 1;
  return {
    previous: { from: addMonths(period.from, -months), to: addMonths(period.from, -1) },
    yearAgo: { from: addMonths(period.from, -12), to: addMonths(period.to, -12) },
  };
}

export type ChangeDirection = "up" | "down" | "same";

/**
 * A figure against the same figure of an earlier period: for a rate (0..1) the change in
 * percentage points, rounded to 0.1; for a count the difference. Null when either side has
 * no value (a rate with nothing to divide by), so no arrow is drawn from nothing.
 */
export interface FigureChange {
  prior: number | null;
  delta: number | null;
  direction: ChangeDirection | null;
}

export function figureChange(
  current: number | null,
  prior: number | null,
  unit: "rate" | "count",
): FigureChange {
  if (current == null || prior == null) return { prior, delta: null, direction: null };
  const delta =
    unit === "rate" ? Math.round((current - prior) * 1000) / 10 : Math.round(current - prior);
  return { prior, delta, direction: delta > 0 ? "up" : delta < 0 ? "down" : "same" };
}
