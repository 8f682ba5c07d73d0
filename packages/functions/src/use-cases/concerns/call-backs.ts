import {
  answerSmsState,
  type CallBackReason,
  type Concern,
  callBackReason,
  canView,
  DomainError,
  Feedback,
  freeText,
  type Locale,
  may,
  ratingDeadline,
  readsEverything,
  type SmsState,
  toQueueItem,
  workPilesFor,
} from "@lianxin/core";
import * as z from "zod/mini";
import type { Deps } from "../../deps.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";
import { commitRating } from "./feedback.js";
import { loadVisible } from "./staff-concerns.js";

/** At most this many answered concerns are looked at per pile (a town's answer at a time). */
const PILE_LIMIT = 200;

/** The state of the SMS that carried the current answer (core decides which one it is). */
async function answerSms(deps: Deps, concern: Concern): Promise<SmsState | null> {
  if (!concern.smsUpdates) return null; // No message to read.
  return answerSmsState(concern, await deps.store.listSmsOfConcern(concern.ledgerNo));
}

/**
 * 回访: the answered concerns of the user's piles (a leader's villages, a department, the
 * whole town for admin) whose residents must be called for their rating, oldest answer first.
 * Personal data is not in the list: the concern's page shows (and logs) the phone.
 */
export async function callBackList(deps: Deps, auth: StaffAuth, locale: Locale) {
  if (!may(auth.user, "call_back.record")) throw new DomainError("forbidden");
  const index = await currentDirectory(deps);
  const piles = workPilesFor(auth.user, readsEverything(auth.user) ? "all" : "mine", index);
  const now = deps.now();
  const pages = await Promise.all(
    piles.map((source) => deps.store.queryQueue({ source, lane: "ANSWERED", limit: PILE_LIMIT })),
  );
  const seen = new Set<string>();
  const rows: Array<
    ReturnType<typeof toQueueItem> & {
      reason: CallBackReason;
      answeredAt: string;
      ratingDeadline: string | null;
    }
  > = [];
  for (const concern of pages.flatMap((p) => p.items)) {
    if (seen.has(concern.ledgerNo) || !canView(auth.user, concern)) continue;
    seen.add(concern.ledgerNo);
    const reason = callBackReason(concern, await answerSms(deps, concern), now);
    if (!reason) continue;
    rows.push({
      ...toQueueItem(concern, index, locale, now),
      reason,
      answeredAt: concern.answeredAt ?? "",
      ratingDeadline: ratingDeadline(concern)?.toISOString() ?? null,
    });
  }
  rows.sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
  return { items: rows };
}

/** A rating taken by phone: the resident's words are required, as they said them. */
const PhoneRating = z.strictObject({
  rating: Feedback.shape.rating,
  comment: freeText(500),
  expectedVersion: z.number().check(z.int(), z.nonnegative()),
});

/**
 * Records the rating a staff member took by phone (回访). Only for a concern on the call-back
 * list: staff must not rate answers whose residents can rate them themselves. It counts as
 * the resident's own; the event names who took it and the channel.
 */
export async function recordPhoneRating(
  deps: Deps,
  auth: StaffAuth,
  ledgerNo: string,
  body: unknown,
) {
  if (!may(auth.user, "call_back.record")) throw new DomainError("forbidden");
  const input = parseInput(PhoneRating, body);
  const { concern, events } = await loadVisible(deps, auth, ledgerNo);
  if (input.expectedVersion !== concern.version) {
    throw new DomainError("conflict", {
      details: { currentState: concern.status, currentVersion: concern.version },
    });
  }
  const now = deps.now();
  if (!callBackReason(concern, await answerSms(deps, concern), now)) {
    throw new DomainError("invalid_transition", {
      details: { currentState: concern.status, currentVersion: concern.version },
    });
  }
  return commitRating(
    deps,
    { concern, events },
    { rating: input.rating, comment: input.comment },
    auth.user,
  );
}
