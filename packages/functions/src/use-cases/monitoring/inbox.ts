import { ADMINS_INBOX, DomainError, departmentInbox, INSPECTORS_INBOX, may } from "@lianxin/core";
import type { Deps } from "../../deps.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory } from "../directory/current-directory.js";

/**
 * Whose inboxes a user reads: their own; a department's head and cadres its shared list (new
 * concerns), admin the triage office's and the SMS sender's (sending paused at the town's
 * hourly cap); inspectors the commission's. A shared item is read once for all its readers:
 * someone of the department has seen the new concern, and the queue holds the work.
 */
async function recipients(deps: Deps, auth: StaffAuth): Promise<string[]> {
  const { user } = auth;
  const admin = may(user, "sms_delivery.read");
  const department = admin
    ? (await currentDirectory(deps)).triageOffice().id
    : user.role === "dept_head" || user.role === "cadre"
      ? user.departmentId
      : null;
  return [
    user.id,
    ...(department ? [departmentInbox(department)] : []),
    ...(may(user, "commission_inbox.read") ? [INSPECTORS_INBOX] : []),
    ...(admin ? [ADMINS_INBOX] : []),
  ];
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
