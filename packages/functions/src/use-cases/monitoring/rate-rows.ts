import { type Counters, ratesOf } from "@lianxin/core";

/** A village's, department's or person's figures for a period, as tables show them. */
type Row = { id: string; name: string; counters: Counters };
export function rateRow(r: Row) {
  const rates = ratesOf(r.counters);
  return {
    id: r.id,
    name: r.name,
    received: r.counters.received ?? 0,
    answered: r.counters.answered ?? 0,
    overdue: r.counters.overdue ?? 0,
    response: rates.response,
    resolution: rates.resolution,
    satisfaction: rates.satisfaction,
    onTimeClosure: rates.onTimeClosure,
  };
}
export const byResponse = (a: ReturnType<typeof rateRow>, b: ReturnType<typeof rateRow>) =>
  (b.response ?? -1) - (a.response ?? -1) || b.received - a.received;
