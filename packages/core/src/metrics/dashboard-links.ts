/**
 * Where each dashboard figure leads. Figures about the present open the staff queue with
 * #16's filters (and are counted here with the queue's own matching, so a figure and the
 * list it opens agree by construction); figures about the period open the list of the
 * events behind them (the period index).
 */
import { readsEverything } from "../access/policy.js";
import type { Concern } from "../concern/concern.js";
import { matchesQueueFilter, QueueParams, queueFilterOf } from "../concern/queue-filter.js";
import type { StaffUser } from "../staff/schema.js";
import type { PeriodFact } from "./counters.js";
import { type DashboardScope, dashboardScopeValue } from "./dashboard-scope.js";

/** Figures about now: the open work as it stands. */
export const PRESENT_FIGURES = ["backlog", "overdueNow", "supervised", "awaitingRating"] as const;
export type PresentFigure = (typeof PRESENT_FIGURES)[number];

/** A link inside the staff site: a path and its query. */
export interface FigureLink {
  path: string;
  query: Record<string, string>;
}

const FIGURE_FILTERS: Record<PresentFigure, Record<string, string>> = {
  backlog: {},
  overdueNow: { overdue: "true" },
  supervised: { supervised: "true" },
  awaitingRating: { status: "answered", rating: "unrated" },
};

/** The queue filters that narrow a queue to a scope (none for the town). */
export function scopeQueueFilters(scope: DashboardScope): Record<string, string> {
  switch (scope.kind) {
    case "town":
      return {};
    case "villages":
      return { village: scope.ids.join(",") };
    case "village":
      return { village: scope.id };
    case "department":
      return { department: scope.id };
    case "person":
      return { assignee: scope.id };
  }
}

/**
 * The queue a user reads a scope's open work in: the town's whole queue (全部, /all) for
 * those who read everything, their own (/) for everyone else, whose own piles hold the
 * scopes they may see (a leader's villages, a head's or cadre's department).
 */
export function queuePathFor(user: StaffUser): { path: "/all" | "/"; scope: "all" | "mine" } {
  return readsEverything(user) ? { path: "/all", scope: "all" } : { path: "/", scope: "mine" };
}

export function presentFigureLink(
  user: StaffUser,
  scope: DashboardScope,
  figure: PresentFigure,
): FigureLink {
  return {
    path: queuePathFor(user).path,
    query: { ...scopeQueueFilters(scope), ...FIGURE_FILTERS[figure] },
  };
}

/** The last day of a month, `YYYY-MM-DD`. */
function lastDayOf(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, "0")}`;
}

/** Received in the period: every status, registered within the period's dates. */
export function receivedLink(
  user: StaffUser,
  scope: DashboardScope,
  period: { from: string; to: string },
): FigureLink {
  return {
    path: queuePathFor(user).path,
    query: {
      ...scopeQueueFilters(scope),
      status: "open,answered,closed",
      from: `${period.from}-01`,
      to: lastDayOf(period.to),
      sort: "registered",
    },
  };
}

/** The list of one period fact's events in a scope and period. */
export function periodFigureLink(
  scope: DashboardScope,
  fact: PeriodFact,
  period: { from: string; to: string },
): FigureLink {
  return {
    path: "/dashboard/events",
    query: { fact, scope: dashboardScopeValue(scope), from: period.from, to: period.to },
  };
}

/**
 * The present figures of a scope: how many of the concerns (the open work the user's queue
 * reads, already narrowed to what they may see) each figure's queue link lists, and those
 * concerns (for the overdue and supervised lists and the backlog's ages).
 */
export function presentFigures(
  user: StaffUser,
  scope: DashboardScope,
  concerns: readonly Concern[],
  now: Date,
): Record<PresentFigure, Concern[]> {
  const out = {} as Record<PresentFigure, Concern[]>;
  for (const figure of PRESENT_FIGURES) {
    const params = QueueParams.parse({
      scope: queuePathFor(user).scope,
      ...presentFigureLink(user, scope, figure).query,
    });
    const filter = queueFilterOf(params);
    out[figure] = concerns.filter((c) => matchesQueueFilter(c, filter, now));
  }
  return out;
}
