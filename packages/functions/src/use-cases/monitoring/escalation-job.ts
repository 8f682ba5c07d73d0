import { type DirectoryIndex, escalate, type WorkingCalendar } from "@lianxin/core";
import type { Lane } from "@lianxin/store";
import type { Deps } from "../../deps.js";
import { currentCalendar } from "../calendar/calendar.js";
import { changeOf, noticeDraftsFor } from "../concerns/staff-concerns.js";
import { currentDirectory } from "../directory/current-directory.js";
import { attachWaitingUploads } from "../files/attach-upload.js";
import { applyRotation } from "../grid/rotation.js";
import { auditLedgerNumbers } from "../ledger/number-audit.js";
import { commitConcernChanges } from "../messaging/resident-sms.js";
import { runTermIndexer, type TermIndexSummary } from "../search/term-indexer.js";

export interface JobSummary {
  visited: number;
  changed: number;
  conflicts: number;
  notifications: number;
  /** Villager groups whose holder changed because a rotation period began. */
  groupsRotated: number;
  /** Reserved ledger numbers found empty after 10 minutes and voided (作废). */
  numbersVoided: number;
  /** The pass over photos waiting to be attached (attach-upload.ts). */
  uploads: { attached: number; expired: number; waiting: number; failed: number };
  /** The word index's pass over newly registered concerns (search/term-indexer.ts). */
  wordIndex: TermIndexSummary;
}

/**
 * The escalation and follow-up job: visits every open and every answered concern (the
 * town queue's OPEN and ANSWERED lanes, never the closed history) and applies core's
 * `escalate`. Idempotent: each step is recorded on the concern, and a concern changed by
 * someone meanwhile is left for the next run. Its inbox items and residents' SMS are written
 * in each change's transaction; the SMS sender delivers the latter from the outbox.
 */
export async function runEscalationJob(deps: Deps): Promise<JobSummary> {
  // Rotation first, so that the concerns below (and routing from now on) see the holders
  // of the period that has begun.
  const { groupsChanged } = await applyRotation(deps);
  const [index, calendar] = await Promise.all([currentDirectory(deps), currentCalendar(deps)]);
  const summary: JobSummary = {
    visited: 0,
    changed: 0,
    conflicts: 0,
    notifications: 0,
    groupsRotated: groupsChanged,
    numbersVoided: (await auditLedgerNumbers(deps)).voided,
    // Photos claimed by a submission whose attaching failed after its commit (issue 15).
    uploads: await attachWaitingUploads(deps),
    wordIndex: {
      read: 0,
      indexed: 0,
      postings: 0,
      watermark: null,
      partial: false,
      repeatResidents: 0,
    },
  };
  await escalateOpenConcerns(deps, index, calendar, summary);
  // Last: the word index of concerns registered since its watermark (after their commit,
  // never on the submission path); the escalation above never waits for it.
  summary.wordIndex = await runTermIndexer(deps, { log: (line) => console.log(line) });
  return summary;
}

/**
 * The job's pass over the open and answered concerns: core's `escalate` on each, committed
 * with its inbox items and notice draft. Also played at past instants by the recent demo's
 * seeding (demo-recent.ts), so that its overdue records come from this same code.
 */
export async function escalateOpenConcerns(
  deps: Deps,
  index: DirectoryIndex,
  calendar: WorkingCalendar,
  summary: Pick<JobSummary, "visited" | "changed" | "conflicts" | "notifications">,
): Promise<void> {
  const now = deps.now();
  for (const lane of ["OPEN", "ANSWERED"] as Lane[]) {
    let cursor: string | undefined;
    do {
      const page = await deps.store.queryQueue({
        source: { kind: "town" },
        lane,
        limit: 100,
        cursor,
      });
      for (const concern of page.items) {
        summary.visited++;
        const step = escalate(concern, { now, calendar, index, newId: deps.newId });
        if (!step) continue;
        const change = changeOf(concern, step.concern, step.events);
        // A notice needs the whole history (staff names to mask); only then is it read.
        const history =
          step.concern.status === "struck_off"
            ? ((await deps.store.getConcernWithEvents(concern.ledgerNo))?.events ?? [])
            : [];
        const extra = [
          ...(await noticeDraftsFor(deps, index, change, history)),
          ...step.notifications.map((n) => deps.store.items.outbox(n)),
        ];
        if (await commitConcernChanges(deps, [change], extra)) {
          summary.changed++;
          summary.notifications += step.notifications.length;
        } else {
          summary.conflicts++;
        }
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}
