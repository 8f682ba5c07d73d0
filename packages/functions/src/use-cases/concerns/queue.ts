import {
  bulkActionsFor,
  type Concern,
  canView,
  closedRangeOf,
  closedReadSlices,
  DomainError,
  type Locale,
  listQueue,
  QueueParams,
  QueueSortKey,
  queueFilterOf,
  queuePage,
  readsEverything,
  toQueueItem,
  wantsClosed,
  workPilesFor,
} from "@lianxin/core";
import type { QueueSource } from "@lianxin/store";
import type { Deps } from "../../deps.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";

const PAGE = 50;
/**
 * Closed items read at most per request (all the queue's piles together): about three
 * 1 MB pages, a month of a town's closings. Past it the count is shown as "N+".
 */
export const CLOSED_READ_BUDGET = 1000;

/**
 * A staff queue (我的待办, 全部, 待分派…): the piles the scope names, filtered, counted and
 * sorted in core, then one page of it. Open and answered items are read whole, so the
 * list and its counts are exact; closed ones only within a registration-date range, read
 * newest first with a budget (`counts.more` when it ran out).
 */
export async function staffQueue(
  deps: Deps,
  auth: StaffAuth,
  query: Record<string, string>,
  locale: Locale,
) {
  const params = parseInput(QueueParams, query);
  const after = params.cursor ? decodeCursor(params.cursor) : undefined;
  const index = await currentDirectory(deps);
  const sources: QueueSource[] = workPilesFor(auth.user, params.scope, index);
  const now = deps.now();
  const filter = queueFilterOf(params);
  // Complaints about cadres' conduct: left out of the pages of those who do not read everything.
  const restricted = !readsEverything(auth.user);
  const closedRange = wantsClosed(filter) ? closedRangeOf(params, now) : null;
  if (closedRange) {
    filter.registeredFrom ??= queueFilterOf({ ...params, from: closedRange.from }).registeredFrom;
  }
  const until = new Date(now.getTime() + 60_000).toISOString();
  const slices = closedRange ? closedReadSlices(closedRange.from, until) : [];
  const budget = Math.ceil(CLOSED_READ_BUDGET / Math.max(1, sources.length));

  const [open, closed] = await Promise.all([
    Promise.all(sources.map((s) => deps.store.readOpenWork(s, restricted))),
    Promise.all(
      closedRange
        ? sources.map((source) =>
            deps.store.readClosedSlices({ source, slices, budget, excludeRestricted: restricted }),
          )
        : [],
    ),
  ]);
  const byNo = new Map<string, Concern>();
  for (const c of [...open.flat(), ...closed.flatMap((r) => r.items)]) byNo.set(c.ledgerNo, c);
  const inScope = [...byNo.values()].filter(
    (c) =>
      canView(auth.user, c) &&
      (params.scope !== "groups" || c.routing.groupHolder?.id === auth.user.id) &&
      (params.scope !== "triage" || c.status === "triage"),
  );

  const listed = listQueue(inScope, filter, params.sort, now);
  const page = queuePage(listed.rows, params.sort, PAGE, after);
  const complete = closed.every((r) => r.complete);
  const readFrom = closed
    .map((r) => r.readFrom)
    .filter((x): x is string => x !== null)
    .sort()
    .at(-1);
  return {
    items: page.rows.map((c) => toQueueItem(c, index, locale, now)),
    counts: { ...listed.counts, more: !complete },
    hidden: listed.hidden,
    closedRange: closedRange
      ? { ...closedRange, complete, readFrom: complete ? null : (readFrom ?? null) }
      : null,
    nextCursor: page.next ? Buffer.from(JSON.stringify(page.next)).toString("base64url") : null,
    bulkActions: bulkActionsFor(auth.user),
  };
}

function decodeCursor(cursor: string): QueueSortKey {
  try {
    const parsed = QueueSortKey.safeParse(
      JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")),
    );
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  throw new DomainError("validation_failed", {
    fields: {
      cursor: { kind: "invalid", message: { "zh-CN": "翻页参数无效", en: "Invalid cursor" } },
    },
  });
}
