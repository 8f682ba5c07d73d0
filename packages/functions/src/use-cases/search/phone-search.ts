import {
  type Concern,
  canSeePersonalData,
  type DirectoryIndex,
  type Locale,
  maySearchByPhone,
  myConcernsSince,
  residentPhoneKey,
  toQueueItem,
} from "@lianxin/core";
import type { AccessLogPurpose } from "@lianxin/core/vocabulary";
import type { Deps } from "../../deps.js";
import type { StaffAuth } from "../accounts/session.js";
import { type Answer, SEARCH_BOUNDS } from "./answer.js";

/**
 * 按手机号查找: the concerns listed under the mobile's keyed hash ("我的诉求"'s index, AP-P1,
 * at most 50 of the last two years) whose contact the user may see, newest first. Refused
 * with a note to those who may never see a contact (core `maySearchByPhone`); each concern
 * shown is a showing of its resident's contact, logged as one (`phone_search`).
 */
export async function byPhone(
  deps: Deps,
  auth: StaffAuth,
  mobile: string,
  index: DirectoryIndex,
  locale: Locale,
): Promise<Answer> {
  const empty = {
    kind: "phone" as const,
    items: [],
    count: { n: 0, more: false },
    nextCursor: null,
  };
  if (!maySearchByPhone(auth.user)) return { ...empty, note: "phone_not_permitted" };
  const now = deps.now();
  const ledgerNos = await deps.store.listResidentConcerns(
    residentPhoneKey(mobile, deps.residentKey),
    myConcernsSince(now),
    SEARCH_BOUNDS.phoneConcerns,
  );
  if (!ledgerNos.length) return { ...empty, note: null };
  const concerns = (await deps.store.getConcernsByLedgerNos(ledgerNos))
    // The link between a phone and a concern is the contact itself: shown where it would be.
    .filter((c) => canSeePersonalData(auth.user, c))
    .sort(newestFirst);
  // Each concern shown for a phone is a showing of its resident's contact: logged as one.
  const at = now.toISOString();
  await Promise.all(
    concerns.map((c) =>
      deps.store.putAccessLog(
        {
          ledgerNo: c.ledgerNo,
          at,
          staffId: auth.user.id,
          staffName: auth.user.name,
          role: auth.user.role,
          purpose: "phone_search" satisfies AccessLogPurpose,
        },
        deps.newId(),
      ),
    ),
  );
  return {
    kind: "phone",
    items: concerns.map((c) => toQueueItem(c, index, locale, now)),
    count: { n: concerns.length, more: ledgerNos.length >= SEARCH_BOUNDS.phoneConcerns },
    nextCursor: null,
    note: null,
  };
}

function newestFirst(a: Concern, b: Concern): number {
  return b.createdAt.localeCompare(a.createdAt) || b.ledgerNo.localeCompare(a.ledgerNo);
}
