import {
  type Concern,
  DomainError,
  type Locale,
  monthsBetween,
  PERIOD_FACTS,
  readsEverything,
  scopeVillageIds,
  toQueueItem,
  YearMonth,
} from "@lianxin/core";
import * as z from "zod/mini";
import type { Deps } from "../../deps.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";
import { MAX_PERIOD_MONTHS } from "./counter-reads.js";
import { dashboardPeriod, resolveDashboardScope } from "./dashboard-scope-input.js";

const PAGE = 50;
/** Unit-months queried at once (AP-PI1 Queries in parallel). */
const PARALLEL = 12;
const EventsQuery = z.object({
  fact: z.enum(PERIOD_FACTS),
  scope: z.optional(z.string().check(z.maxLength(2000))),
  from: z.optional(YearMonth),
  to: z.optional(YearMonth),
  cursor: z.optional(z.string().check(z.maxLength(1000))),
});

/** Where a page stopped: which unit-month (`i`) and the store's cursor inside it. */
const Cursor = z.object({ i: z.number().check(z.int(), z.gte(0)), c: z.nullable(z.string()) });
type Cursor = z.infer<typeof Cursor>;

const badCursor = () =>
  new DomainError("validation_failed", {
    fields: {
      cursor: { kind: "invalid", message: { "zh-CN": "翻页参数无效", en: "Invalid cursor" } },
    },
  });

function decodeCursor(raw: string): Cursor {
  try {
    const parsed = Cursor.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data;
  } catch {
    // reported below
  }
  throw badCursor();
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

/**
 * The concerns behind a period figure (closed, rated dissatisfied, returned, reopened) in
 * a scope and period: the period index of each unit and month of the scope (AP-PI1, one
 * Query each, read in turn until a page is full), then the concerns by key (BatchGetItem).
 * One row per counted event, so the list has exactly the figure's events. Authorised as
 * the dashboard is (scope by scope, not concern by concern); a person's scope has no index
 * (units only).
 */
export async function dashboardEvents(
  deps: Deps,
  auth: StaffAuth,
  query: Record<string, string>,
  locale: Locale,
) {
  const q = parseInput(EventsQuery, query);
  const now = deps.now();
  const { from, to } = dashboardPeriod(q, now);
  const index = await currentDirectory(deps);
  const { scope, view } = await resolveDashboardScope(deps, auth, q.scope, index, locale);
  const base = { scope: view, fact: q.fact, period: { from, to } };
  if (scope.kind === "person") {
    return { ...base, available: false, items: [], hidden: 0, nextCursor: null };
  }
  const units =
    scope.kind === "department"
      ? [{ kind: "department" as const, id: scope.id }]
      : scopeVillageIds(
          scope,
          index.directory.villages.map((v) => v.id),
        ).map((id) => ({ kind: "village" as const, id }));
  const months = monthsBetween(from, to, MAX_PERIOD_MONTHS);
  const slots = units.flatMap((unit) => months.map((month) => ({ unit, month })));

  let at = q.cursor ? decodeCursor(q.cursor) : { i: 0, c: null };
  if (at.i > slots.length) throw badCursor();
  const entries: Array<{ ledgerNo: string; at: string }> = [];
  while (entries.length < PAGE && at.i < slots.length) {
    // Unit-months are read a few at a time (most are empty), in order; a slot that does not
    // fit whole after others is left for the next page, so the cursor stays exact.
    const first = at;
    const batch = first.c
      ? [first.i]
      : slots.slice(first.i, first.i + PARALLEL).map((_, k) => first.i + k);
    const room = PAGE - entries.length;
    const pages = await Promise.all(
      batch.map((i) => {
        const slot = slots[i] as (typeof slots)[number];
        return deps.store.readPeriodIndex({
          scope: slot.unit,
          month: slot.month,
          fact: q.fact,
          limit: room,
          cursor: i === first.i ? (first.c ?? undefined) : undefined,
        });
      }),
    );
    for (const [k, page] of pages.entries()) {
      const i = batch[k] as number;
      if (k > 0 && entries.length + page.items.length > PAGE) break;
      entries.push(...page.items);
      at = page.nextCursor ? { i, c: page.nextCursor } : { i: i + 1, c: null };
      if (page.nextCursor) break;
    }
  }
  const concerns = new Map<string, Concern>(
    (await deps.store.getConcernsByLedgerNos(entries.map((e) => e.ledgerNo))).map((c) => [
      c.ledgerNo,
      c,
    ]),
  );
  // The dashboard's reach decides, not who may open the concern now: a department's
  // returned items have left it. Conduct complaints stay with those who read everything.
  const wide = readsEverything(auth.user);
  const shown = entries.filter((e) => {
    const c = concerns.get(e.ledgerNo);
    return c !== undefined && (wide || c.routing.visibility !== "discipline");
  });
  return {
    ...base,
    available: true,
    items: shown.map((e) => ({
      ...toQueueItem(concerns.get(e.ledgerNo) as Concern, index, locale, now),
      eventAt: e.at,
    })),
    hidden: entries.length - shown.length,
    nextCursor: at.i < slots.length ? encodeCursor(at) : null,
  };
}
