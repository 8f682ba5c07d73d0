import {
  type Concern,
  ConcernStatus,
  canView,
  DomainError,
  type Locale,
  QUEUE_SCOPES,
  readsEverything,
  toQueueItem,
  workPilesFor,
} from "@lianxin/core";
import type { Lane, QueueSource } from "@lianxin/store";
import * as z from "zod/mini";
import type { Deps } from "../../deps.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";

const optional = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(
    z.transform((v): unknown => (v === "" || v === null ? undefined : v)),
    z.optional(schema),
  );

export const QueueParams = z.object({
  scope: z._default(optional(z.enum(QUEUE_SCOPES)), "mine"),
  status: optional(ConcernStatus),
  overdue: optional(z.enum(["true", "false"])),
  village: optional(z.string().check(z.maxLength(64))),
  category: optional(z.string().check(z.maxLength(40))),
  cursor: optional(z.string().check(z.maxLength(2000))),
});

const PAGE = 50;

function laneOf(status: string | undefined): Lane {
  if (status === "struck_off" || status === "merged") return "DONE";
  if (status === "answered") return "ANSWERED";
  return "OPEN";
}

/**
 * 我的待办: the user's queue, most urgent first, with counts. Several partitions (a
 * leader's two villages) are read page by page together; the cursor carries each one's place.
 */
export async function staffQueue(
  deps: Deps,
  auth: StaffAuth,
  query: Record<string, string>,
  locale: Locale,
) {
  const params = parseInput(QueueParams, query);
  const index = await currentDirectory(deps);
  const sources: QueueSource[] = workPilesFor(auth.user, params.scope, index);
  const now = deps.now();
  // Complaints about cadres' conduct: left out of the pages of those who do not read everything.
  const restricted = !readsEverything(auth.user);
  const cursors: Array<string | null> = params.cursor
    ? decode(params.cursor, sources.length)
    : sources.map(() => "");
  const lane = laneOf(params.status);

  const pages = await Promise.all(
    sources.map((source, i) =>
      cursors[i] === null
        ? { items: [] as Concern[], nextCursor: null }
        : deps.store.queryQueue({
            source,
            lane,
            overdueAt: params.overdue === "true" && lane === "OPEN" ? now.toISOString() : undefined,
            status: params.status,
            villageId: params.village,
            categoryCode: params.category,
            excludeRestricted: restricted,
            limit: PAGE,
            cursor: cursors[i] || undefined,
          }),
    ),
  );
  const counts = await Promise.all(
    sources.map((s) => deps.store.countQueue(s, now.toISOString(), restricted)),
  );

  let items = pages.flatMap((p) => p.items).filter((c) => canView(auth.user, c));
  if (params.scope === "groups")
    items = items.filter((c) => c.routing.groupHolder?.id === auth.user.id);
  if (params.scope === "triage") items = items.filter((c) => c.status === "triage");
  const rows = items.map((c) => toQueueItem(c, index, locale, now));
  rows.sort((a, b) =>
    lane === "DONE"
      ? b.createdAt.localeCompare(a.createdAt)
      : (a.deadline?.dueAt ?? "").localeCompare(b.deadline?.dueAt ?? ""),
  );
  const next = pages.map((p) => p.nextCursor);
  return {
    items: rows,
    counts: counts.reduce(
      (sum, c) => {
        sum.total += c.total;
        sum.overdue += c.overdue;
        for (const [k, v] of Object.entries(c.byStatus))
          sum.byStatus[k] = (sum.byStatus[k] ?? 0) + v;
        return sum;
      },
      { total: 0, overdue: 0, byStatus: {} as Record<string, number> },
    ),
    nextCursor: next.some((c) => c !== null)
      ? Buffer.from(JSON.stringify(next)).toString("base64url")
      : null,
  };
}

function decode(cursor: string, n: number): Array<string | null> {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === n)
      return parsed.map((c) => (typeof c === "string" ? c : null));
  } catch {
    // fall through
  }
  throw new DomainError("validation_failed", {
    fields: {
      cursor: { kind: "invalid", message: { "zh-CN": "翻页参数无效", en: "Invalid cursor" } },
    },
  });
}
