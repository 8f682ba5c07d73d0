import {
  applyFeedback,
  type Concern,
  type ConcernEvent,
  DomainError,
  Feedback,
  type StaffUser,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { currentCalendar } from "../calendar/calendar.js";
import { currentDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";
import { authenticateResident, type ResidentKey } from "./resident-access.js";
import { changeOf, commitOrConflict, noticeDraftsFor } from "./staff-concerns.js";

/**
 * 评价: the resident rates the answer; satisfied strikes it off, dissatisfied reopens it (once;
 * again, and the contact leader is asked to verify).
 */
export async function rateAnswer(deps: Deps, request: ResidentKey & { body: unknown }) {
  const feedback = parseInput(Feedback, request.body);
  // A tracking link never rates: only a rating link (or the code) does.
  const found = await authenticateResident(deps, request, ["rate"]);
  return commitRating(deps, found, feedback);
}

/**
 * A rating applied and committed with what it causes: a notice draft when it strikes off, the
 * contact leader's inbox item after a second dissatisfied one, the resident's SMS, all in the
 * same transaction. `takenBy`: a staff member who took it by phone (回访).
 */
export async function commitRating(
  deps: Deps,
  { concern, events }: { concern: Concern; events: ConcernEvent[] },
  feedback: Feedback,
  takenBy?: StaffUser,
) {
  const index = await currentDirectory(deps);
  const category = index.category(concern.categoryCode);
  if (!category) throw new DomainError("conflict", { detail: "category missing" });
  const result = applyFeedback(concern, feedback, {
    now: deps.now(),
    newEventId: deps.newId,
    limits: category.limits,
    calendar: await currentCalendar(deps),
    ...(takenBy ? { takenBy } : {}),
  });
  const change = changeOf(concern, result.concern, result.events);
  await commitOrConflict(
    deps,
    [change],
    [
      ...(await noticeDraftsFor(deps, index, change, events)),
      ...result.notifications.map((n) => deps.store.items.outbox(n)),
    ],
  );
  return { status: result.concern.status, flags: result.concern.flags };
}
