/**
 * Calendar months as `YYYY-MM` strings (the buckets of monthly figures, Asia/Shanghai):
 * the one place that counts months, for counters, the ledger, rotation and dashboards.
 */

/** Months since year 0: comparable and easy to step. Takes `YYYY-MM` or any ISO date. */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function fromIndex(i: number): string {
  return `${String(Math.floor(i / 12)).padStart(4, "0")}-${String((i % 12) + 1).padStart(2, "0")}`;
}

/** `month` plus `n` months (n may be negative). */
export function addMonths(month: string, n: number): string {
  return fromIndex(monthIndex(month) + n);
}

/**
 * The months from `from`'s to `to`'s, both included, in order (at least `from`'s), at most
 * `limit` of them. Either may be a `YYYY-MM` or an ISO date.
 */
export function monthsBetween(
  from: string,
  to: string,
  limit = Number.POSITIVE_INFINITY,
): string[] {
  const first = monthIndex(from);
  const count = Math.min(limit, Math.max(1, monthIndex(to) - first + 1));
  return Array.from({ length: count }, (_, i) => fromIndex(first + i));
}

/** The `n` months ending with `to` (inclusive), oldest first. */
export function monthRange(to: string, n: number): string[] {
  return monthsBetween(addMonths(to, -(n - 1)), to);
}
