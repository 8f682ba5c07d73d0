import { ADMINS_INBOX, DomainError, INSPECTORS_INBOX, may } from "@lianxin/core";
import type { Deps } from "../../deps.js";
import type { StaffAuth } from "../accounts/session.js";

/**
 * Whose inboxes a user reads: their own; inspectors also the commission's shared list, admin
 * the SMS sender's (sending paused at the town's hourly cap).
 */
function recipients(auth: StaffAuth): string[] {
  return [
    auth.user.id,
    ...(may(auth.user, "commission_inbox.read") ? [INSPECTORS_INBOX] : []),
    ...(may(auth.user, "sms_delivery.read") ? [ADMINS_INBOX] : []),
  ];
}

/** 消息: the user's notifications, newest first (first page of each inbox merged). */
export async function inbox(deps: Deps, auth: StaffAuth, query: Record<string, string>) {
  const pages = await Promise.all(
    recipients(auth).map((r) =>
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

/** Marks one of the user's notifications read. */
export async function markRead(deps: Deps, auth: StaffAuth, id: string) {
  const [at, itemId] = id.split("~");
  if (!at || !itemId || !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(at) || itemId.length > 64) {
    throw new DomainError("not_found");
  }
  for (const r of recipients(auth)) {
    if (await deps.store.markInboxRead(r, at, itemId, deps.now().toISOString())) return;
  }
  throw new DomainError("not_found");
}
