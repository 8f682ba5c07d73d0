/**
 * A staff queue's filters, counts and order (`GET /api/staff/queue`): the query's schema,
 * written once (validation, types, the contract), and the pure matching, counting, sorting
 * and paging of the concerns the store read. The store reads whole piles of open work (and
 * closed items within a date range); everything else happens here, so counts are exact.
 */
import * as z from "zod/mini";
import { QUEUE_SCOPES } from "../access/work-queues.js";
import { addMonths } from "../time/months.js";
import { addCalendarDays, endOfShanghaiDay, shanghaiDate } from "../time/shanghai.js";
import {
  CHANNELS,
  CLOSED_STATUSES,
  CONCERN_STATUSES,
  type ConcernStatus,
  OPEN_STATUSES,
  QUEUE_RATING_FILTERS,
  QUEUE_SORTS,
  QUEUE_STAGES,
  QUEUE_STATUS_GROUPS,
  type QueueFilterParam,
  type QueueSort,
  type QueueStage,
} from "../vocabulary.js";
import type { Concern } from "./concern.js";
import { currentAnswerRating, currentDeadline, isOverdue, queuePosition } from "./deadline.js";

/** Closed items are listed within this many days (registration) unless `from` says otherwise. */
export const CLOSED_DEFAULT_DAYS = 30;
/** At most this many villages in one `village` filter. */
const MAX_VILLAGES = 30;

const Words = (zh: string, en: string) => ({ params: { words: { "zh-CN": zh, en } } });

/** "" (an empty form field) is no filter. */
const optional = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(
    z.transform((v): unknown => (v === "" || v === null ? undefined : v)),
    z.optional(schema),
  );

const Id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));
const Flag = z.pipe(
  z.enum(["true", "false"]),
  z.transform((v) => v === "true"),
);
const split = (v: string) => v.split(",").map((s) => s.trim());
/**
 * A comma-separated list (`village=a,b`): each item valid, none twice, at most `max`; a
 * problem is reported on the parameter itself (not `village.1`), as the caller named it.
 */
const list = <T extends string>(item: z.ZodMiniType<T, string>, max: number) =>
  z.pipe(
    z.string().check(
      z.refine(
        (v) => {
          const items = split(v);
          return (
            items.length <= max &&
            new Set(items).size === items.length &&
            items.every((i) => item.safeParse(i).success)
          );
        },
        Words("有不认识或重复的值", "A value is unknown or given twice"),
      ),
    ),
    z.transform((v) => split(v) as T[]),
  );
/** A calendar date in Asia/Shanghai, YYYY-MM-DD, that exists. */
const LocalDate = z.string().check(
  z.refine(
    (v) => {
      // NaN for 2026-13-01; 2026-02-30 parses (as 2 March), so compare it back.
      const at = Date.parse(`${v}T00:00:00Z`);
      return (
        /^\d{4}-\d{2}-\d{2}$/.test(v) &&
        !Number.isNaN(at) &&
        new Date(at).toISOString().startsWith(v)
      );
    },
    Words("日期应为 YYYY-MM-DD，例如 2026-12-08", "A date as YYYY-MM-DD, e.g. 2026-12-08"),
  ),
);

/**
 * What `stage` accepts: a stage as core's deadlines name it, or `first_response`, the name
 * the issue gave links for 首次回应 (so a link written either way lists the same items).
 */
const QueueStageParam = z.pipe(
  z.transform((v: unknown) => (v === "first_response" ? "respond" : v)),
  z.enum(QUEUE_STAGES),
);

/** What `status` accepts: a status, or 未办结 (open) / 已办结 (closed). */
export const QueueStatusWord = z.enum([...CONCERN_STATUSES, ...QUEUE_STATUS_GROUPS]);
export type QueueStatusWord = z.infer<typeof QueueStatusWord>;

/**
 * The query of `GET /api/staff/queue`. Lists are comma-separated; flags `true`/`false`
 * (absent: either); `assignee=none` is the unassigned. Unknown parameters are ignored.
 */
export const QueueParams = z
  .object({
    scope: z._default(optional(z.enum(QUEUE_SCOPES)), "mine"),
    status: optional(list(QueueStatusWord, CONCERN_STATUSES.length + 2)),
    stage: optional(QueueStageParam),
    overdue: optional(Flag),
    village: optional(list(Id, MAX_VILLAGES)),
    group: optional(Id),
    category: optional(Id),
    department: optional(Id),
    assignee: optional(Id),
    supervised: optional(Flag),
    rating: optional(z.enum(QUEUE_RATING_FILTERS)),
    reopened: optional(Flag),
    channel: optional(z.enum(CHANNELS)),
    from: optional(LocalDate),
    to: optional(LocalDate),
    sort: z._default(optional(z.enum(QUEUE_SORTS)), "time_left"),
    cursor: optional(z.string().check(z.maxLength(400))),
  })
  .check(
    z.refine((p) => !p.from || !p.to || p.from <= p.to, {
      path: ["to"],
      ...Words("结束日期不能早于开始日期", "The end date is before the start date"),
    }),
  );
export type QueueParams = z.output<typeof QueueParams>;
/** The query as a caller sends it: every parameter a string (see `QUEUE_FILTER_PARAMS`). */
export type QueueQuery = Partial<Record<"scope" | "cursor" | QueueFilterParam, string>>;

/** The filters with their defaults applied: what `matchesQueueFilter` checks. */
export interface QueueFilter {
  statuses: ConcernStatus[];
  stage?: QueueStage | undefined;
  overdue?: boolean | undefined;
  villages?: string[] | undefined;
  group?: string | undefined;
  category?: string | undefined;
  department?: string | undefined;
  /** A staff id, or "none" for the unassigned. */
  assignee?: string | undefined;
  supervised?: boolean | undefined;
  rating?: (typeof QUEUE_RATING_FILTERS)[number] | undefined;
  reopened?: boolean | undefined;
  channel?: Concern["channel"] | undefined;
  /** Registered at or after (UTC instant, from `from`'s start in Asia/Shanghai). */
  registeredFrom?: string | undefined;
  /** Registered at or before (the end of `to`'s day in Asia/Shanghai). */
  registeredTo?: string | undefined;
}

const isClosed = (s: ConcernStatus) => (CLOSED_STATUSES as readonly ConcernStatus[]).includes(s);

/** The statuses a `status` list means; none given: the open ones (未办结). */
export function statusesOf(words: readonly QueueStatusWord[] | undefined): ConcernStatus[] {
  if (!words?.length) return [...OPEN_STATUSES];
  const out = new Set<ConcernStatus>();
  for (const w of words) {
    if (w === "open") for (const s of OPEN_STATUSES) out.add(s);
    else if (w === "closed") for (const s of CLOSED_STATUSES) out.add(s);
    else out.add(w);
  }
  return CONCERN_STATUSES.filter((s) => out.has(s));
}

/** The start of a date in Asia/Shanghai, as a UTC instant. */
function startOfShanghaiDay(date: string): string {
  return new Date(endOfShanghaiDay(addCalendarDays(date, -1)).getTime() + 1).toISOString();
}

export function queueFilterOf(p: QueueParams): QueueFilter {
  return {
    statuses: statusesOf(p.status),
    stage: p.stage,
    overdue: p.overdue,
    villages: p.village,
    group: p.group,
    category: p.category,
    department: p.department,
    assignee: p.assignee,
    supervised: p.supervised,
    rating: p.rating,
    reopened: p.reopened,
    channel: p.channel,
    registeredFrom: p.from ? startOfShanghaiDay(p.from) : undefined,
    registeredTo: p.to ? endOfShanghaiDay(p.to).toISOString() : undefined,
  };
}

/** Does the filter list closed items (which are read only within a date range)? */
export function wantsClosed(f: QueueFilter): boolean {
  return f.statuses.some(isClosed);
}

/**
 * The registration dates within which closed items are listed: the filter's, else the last
 * `CLOSED_DEFAULT_DAYS` days up to today (Asia/Shanghai).
 */
export function closedRangeOf(p: QueueParams, now: Date): { from: string; to: string } {
  const today = shanghaiDate(now);
  const to = p.to ?? today;
  const from =
    p.from ?? addCalendarDays([to, today].sort()[0] ?? today, -(CLOSED_DEFAULT_DAYS - 1));
  return { from, to };
}

/**
 * The stage whose limit the concern runs against (签收, 首次回应, 答复), or null (answered,
 * closed): a deferred concern's committed date is its answer's limit.
 */
export function queueStageOf(concern: Concern): QueueStage | null {
  const stage = currentDeadline(concern, new Date(0))?.stage;
  if (stage === "committed") return "answer";
  return stage === "sign_for" || stage === "respond" || stage === "answer" ? stage : null;
}

/**
 * Does the concern match every filter (`ignoreStatus`: all but the status, to count what
 * the status choice hides)?
 */
export function matchesQueueFilter(
  c: Concern,
  f: QueueFilter,
  now: Date,
  ignoreStatus = false,
): boolean {
  if (!ignoreStatus && !f.statuses.includes(c.status)) return false;
  if (f.stage && queueStageOf(c) !== f.stage) return false;
  if (f.overdue !== undefined && isOverdue(c, now) !== f.overdue) return false;
  if (f.villages && !f.villages.includes(c.villageId)) return false;
  if (f.group && c.groupId !== f.group) return false;
  if (f.category && c.categoryCode !== f.category) return false;
  if (f.department && c.routing.department.id !== f.department) return false;
  if (f.assignee && (c.assignee?.id ?? "none") !== f.assignee) return false;
  if (f.supervised !== undefined && c.flags.supervised !== f.supervised) return false;
  if (f.reopened !== undefined && c.flags.reopened !== f.reopened) return false;
  if (f.rating === "dissatisfied" && c.dissatisfiedCount === 0) return false;
  if (f.rating === "unrated" && (!c.answeredAt || currentAnswerRating(c) !== null)) return false;
  if (f.channel && c.channel !== f.channel) return false;
  if (f.registeredFrom && c.createdAt < f.registeredFrom) return false;
  if (f.registeredTo && c.createdAt > f.registeredTo) return false;
  return true;
}

/** Where a concern sorts: `rank` first, then `at` (ascending or, `desc`, descending), then number. */
export const QueueSortKey = z.object({
  rank: z.number().check(z.int(), z.gte(0), z.lte(2)),
  at: z.string().check(z.maxLength(40)),
  desc: z.boolean(),
  ledgerNo: z.string().check(z.maxLength(40)),
});
export type QueueSortKey = z.infer<typeof QueueSortKey>;

const LANE_RANK = { OPEN: 0, ANSWERED: 1, DONE: 2 } as const;

/**
 * time_left: open work by its deadline (most urgent first), then answered items by their
 * rating deadline, then closed ones newest first (as the store's lanes sort them);
 * registered and last_change: newest first.
 */
export function queueSortKey(c: Concern, sort: QueueSort): QueueSortKey {
  if (sort === "registered") return { rank: 0, at: c.createdAt, desc: true, ledgerNo: c.ledgerNo };
  if (sort === "last_change") return { rank: 0, at: c.updatedAt, desc: true, ledgerNo: c.ledgerNo };
  const { lane, sortAt } = queuePosition(c);
  return { rank: LANE_RANK[lane], at: sortAt, desc: lane === "DONE", ledgerNo: c.ledgerNo };
}

export function compareQueueKeys(a: QueueSortKey, b: QueueSortKey): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.at !== b.at) return (a.at < b.at ? -1 : 1) * (a.desc ? -1 : 1);
  return a.ledgerNo < b.ledgerNo ? -1 : a.ledgerNo > b.ledgerNo ? 1 : 0;
}

export interface QueueCounts {
  /** Items in the list (all its pages). */
  total: number;
  /** True when `total` is a lower bound: the read of closed items stopped early ("N+"). */
  more: boolean;
  overdue: number;
  byStatus: Partial<Record<ConcernStatus, number>>;
  byStage: Partial<Record<QueueStage, number>>;
}

/**
 * The filtered list, sorted, with its counts, and what the status choice hides: the open
 * and answered items that match every other filter but are of a status not chosen (closed
 * items are read only when chosen, so they are never counted here).
 */
export function listQueue(
  concerns: readonly Concern[],
  f: QueueFilter,
  sort: QueueSort,
  now: Date,
): {
  rows: Concern[];
  counts: Omit<QueueCounts, "more">;
  hidden: Partial<Record<ConcernStatus, number>>;
} {
  const counts: Omit<QueueCounts, "more"> = { total: 0, overdue: 0, byStatus: {}, byStage: {} };
  const hidden: Partial<Record<ConcernStatus, number>> = {};
  const rows: Array<{ c: Concern; key: QueueSortKey }> = [];
  for (const c of concerns) {
    if (!matchesQueueFilter(c, f, now, true)) continue;
    if (!f.statuses.includes(c.status)) {
      if (!isClosed(c.status)) hidden[c.status] = (hidden[c.status] ?? 0) + 1;
      continue;
    }
    rows.push({ c, key: queueSortKey(c, sort) });
    counts.total++;
    counts.byStatus[c.status] = (counts.byStatus[c.status] ?? 0) + 1;
    if (isOverdue(c, now)) counts.overdue++;
    const stage = queueStageOf(c);
    if (stage) counts.byStage[stage] = (counts.byStage[stage] ?? 0) + 1;
  }
  rows.sort((a, b) => compareQueueKeys(a.key, b.key));
  return { rows: rows.map((r) => r.c), counts, hidden };
}

/**
 * One page of a sorted list: the rows after `after` (the last row of the page before, by
 * its sort key, so a row that changed meanwhile does not shift the pages), and the key to
 * continue from, null on the last page.
 */
export function queuePage(
  rows: readonly Concern[],
  sort: QueueSort,
  size: number,
  after?: QueueSortKey,
): { rows: Concern[]; next: QueueSortKey | null } {
  const start = after
    ? rows.findIndex((c) => compareQueueKeys(queueSortKey(c, sort), after) > 0)
    : 0;
  if (start < 0) return { rows: [], next: null };
  const page = rows.slice(start, start + size);
  const last = page.at(-1);
  return {
    rows: page,
    next: last && start + size < rows.length ? queueSortKey(last, sort) : null,
  };
}

/**
 * The stretches of the closed lane to read, newest first, one per Asia/Shanghai month:
 * closed items registered from `from` were closed at or after it, so the read runs from
 * `untilIso` (now) back to `from`'s start.
 */
export function closedReadSlices(
  from: string,
  untilIso: string,
): Array<{ from: string; to: string }> {
  const start = startOfShanghaiDay(from);
  if (untilIso < start) return [];
  const slices: Array<{ from: string; to: string }> = [];
  let to = untilIso;
  let month = shanghaiDate(new Date(untilIso)).slice(0, 7);
  while (to > start) {
    const monthStart = startOfShanghaiDay(`${month}-01`);
    const sliceFrom = [monthStart, start].sort()[1] ?? start;
    slices.push({ from: sliceFrom, to });
    to = sliceFrom;
    month = addMonths(month, -1);
  }
  return slices;
}
