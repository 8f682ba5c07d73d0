import { DomainError, inboxesOf } from "@lianxin/core";
import type { Deps } from "../../deps.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory } from "../directory/current-directory.js";

/** The inboxes core says the user reads (the triage office from the cached directory). */
async function recipients(deps: Deps, auth: StaffAuth): Promise<string[]> {
  return inboxesOf(auth.user, (await currentDirectory(deps)).triageOffice().id);
}

/** 消息: the user's notifications, newest first (first page of each inbox merged). */
export async function inbox(deps: Deps, auth: StaffAuth, query: Record<string, string>) {
  const pages = await Promise.all(
    (await recipients(deps, auth)).map((r) =>
      deps.store.listInbox(r, { limit: 50, cursor: query.cursor || undefined }),
    ),
  );
  const items = pages.flatMap((p) => p.items).sort((a, b) => b.at.localeCompare(a.at));
  return {
    items: items.map(({ recipient: _r, ...rest }) => ({ ...rest, id: `${rest.at}~${rest.id}` })),
    unread: items.filter((i) => !i.readAt).length,
    nextCursor: pages.length === 1 ? (pages[0]?.nextCursor ?? null) : null,
  };
}

/** Where the unread count stops (the site shows "99+" past 99): each inbox counts this many. */
export const UNREAD_COUNT_CAP = 100;

/**
 * 消息's badge, for `GET /api/staff/me`: the user's unread notifications over all their inboxes
 * (store AP-O4: one `Select: COUNT` Query per inbox, in parallel), at most UNREAD_COUNT_CAP.
 * Null when they could not be counted: the badge is left off, the answer still goes out.
 */
export async function unreadCount(deps: Deps, auth: StaffAuth): Promise<number | null> {
  try {
    const counts = await Promise.all(
      (await recipients(deps, auth)).map((r) => deps.store.countUnread(r, UNREAD_COUNT_CAP)),
    );
    return Math.min(
      UNREAD_COUNT_CAP,
      counts.reduce((sum, n) => sum + n, 0),
    );
  } catch (error) {
    console.warn(
      JSON.stringify({ level: "warn", msg: "unread not counted", error: String(error) }),
    );
    return null;
  }
}

/** Marks one of the user's notifications read. */
export async function markRead(deps: Deps, auth: StaffAuth, id: string) {
  const [at, itemId] = id.split("~");
  if (!at || !itemId || !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(at) || itemId.length > 64) {
    throw new DomainError("not_found");
  }
  for (const r of await recipients(deps, auth)) {
    if (await deps.store.markInboxRead(r, at, itemId, deps.now().toISOString())) return;
  }
  throw new DomainError("not_found");
}
