import type { DirectoryIndex } from "../directory/lookup.js";
import { DomainError } from "../errors.js";
import { arrivalNotice, departmentInbox, type Notification } from "../escalation/inbox.js";
import type { StaffUser } from "../staff/schema.js";
import {
  type CategoryLimits,
  calendarWarningText,
  computeDeadlines,
  fallbackYearsBetween,
  limitEnd,
} from "../time/limits.js";
import type { WorkingCalendar } from "../time/working-calendar.js";
import { CONCERN_STATUSES, OPEN_STATUSES } from "../vocabulary.js";
import type { ActionType, ConcernAction } from "./actions.js";
import type { Actor, Concern, ConcernEvent, ConcernEventType } from "./concern.js";
import type { ConcernStatus } from "./status.js";

/** Statuses from which each action may be taken. Anything else is refused. */
const FROM: Record<ActionType, readonly ConcernStatus[]> = {
  dispatch: ["triage"],
  accept: ["assigned"],
  return: ["assigned", "accepted"],
  assign: ["assigned", "accepted", "in_progress", "deferred"],
  respond: ["accepted", "in_progress", "deferred"],
  // A note may be added at any point of a concern's life.
  note: CONCERN_STATUSES,
  defer: ["accepted", "in_progress"],
  extend: ["accepted", "in_progress"],
  answer: ["accepted", "in_progress", "deferred"],
  supervise: ["triage", "assigned", "accepted", "in_progress", "deferred", "answered"],
  merge: ["triage", "assigned", "accepted", "in_progress", "deferred"],
  strike_off: ["answered"],
  redo: ["answered"],
  // An open concern someone handles: not one waiting in triage for the town office.
  urge: ["assigned", "accepted", "in_progress", "deferred"],
};

const OPEN: readonly ConcernStatus[] = OPEN_STATUSES;

/** Does the concern's state allow the action (whoever asks)? */
export function transitionAllowed(type: ActionType, concern: Concern): boolean {
  if (!FROM[type].includes(concern.status)) return false;
  if (type === "extend" && concern.extension) return false;
  if (type === "redo") return concern.awaitingVerification;
  return true;
}

export function isOpen(concern: Concern): boolean {
  return OPEN.includes(concern.status);
}

export interface ActionContext {
  user: StaffUser;
  now: Date;
  newEventId: () => string;
  calendar: WorkingCalendar;
  /** The concern's category limits (for restarting clocks after dispatch or a redo). */
  limits: CategoryLimits;
  index: DirectoryIndex;
  /** Resolves an assignee id to a member of the concern's department, or undefined. */
  assignee?: { id: string; name: string } | undefined;
}

export function refuse(concern: Concern, code: "invalid_transition" | "conflict"): never {
  throw new DomainError(code, {
    details: { currentState: concern.status, currentVersion: concern.version },
  });
}

/** Builds events in sequence after the concern's current version. */
export function eventFactory(concern: Concern, at: string, actor: Actor, newId: () => string) {
  let seq = concern.version;
  return (
    type: ConcernEventType,
    fields: {
      reason?: string | null;
      text?: string | null;
      public: boolean;
      data?: Record<string, unknown>;
    },
  ): ConcernEvent => ({
    ledgerNo: concern.ledgerNo,
    seq: ++seq,
    id: newId(),
    type,
    at,
    actor,
    reason: fields.reason ?? null,
    public: fields.public,
    text: fields.text ?? null,
    data: fields.data ?? {},
  });
}

/** The resident (never named in the record) and the system (the job, automatic steps). */
export const RESIDENT_ACTOR: Actor = { kind: "resident", id: null, name: null };
export const SYSTEM_ACTOR: Actor = { kind: "system", id: null, name: null };

export function staffActor(user: StaffUser): Actor {
  return { kind: "staff", id: user.id, name: user.name };
}

/**
 * Restart every clock from `now` (after a dispatch): the limits run afresh, and the calendar
 * warning is that of the new deadlines.
 */
function restartClocks(ctx: ActionContext): Pick<Concern, "deadlines" | "calendarWarning"> {
  const d = computeDeadlines(ctx.now, ctx.limits, ctx.calendar);
  return {
    deadlines: {
      signForBy: d.signForBy.toISOString(),
      respondBy: d.respondBy.toISOString(),
      answerBy: d.answerBy.toISOString(),
    },
    calendarWarning: calendarWarningText(d.calendarFallbackYears),
  };
}

/**
 * The calendar warning after one deadline moved from `start` to `end`: set when the new end
 * was counted through a year without the official arrangement, else the one it had.
 */
export function warningAfter(
  concern: Concern,
  start: Date,
  end: Date,
  calendar: WorkingCalendar,
): string | null {
  return calendarWarningText(fallbackYearsBetween(start, end, calendar)) ?? concern.calendarWarning;
}

/**
 * The state machine: applies one staff action (merge excepted, see `applyMerge`) to a
 * concern, returning the changed concern and the events that record it. Refuses a stale
 * version (conflict) and anything the state does not allow (invalid_transition).
 * Permissions are checked separately (`mayPerform`).
 */
export function applyAction(
  concern: Concern,
  action: Exclude<ConcernAction, { type: "merge" }>,
  ctx: ActionContext,
): { concern: Concern; events: ConcernEvent[]; notifications: Notification[] } {
  if (action.expectedVersion !== concern.version) refuse(concern, "conflict");
  if (!transitionAllowed(action.type, concern)) refuse(concern, "invalid_transition");
  const at = ctx.now.toISOString();
  const event = eventFactory(concern, at, staffActor(ctx.user), ctx.newEventId);
  const next: Concern = { ...concern, updatedAt: at };
  const events: ConcernEvent[] = [];
  /** Inbox items the change sends, written in its transaction (the outbox). */
  const notifications: Notification[] = [];

  switch (action.type) {
    case "dispatch": {
      const department = ctx.index.department(action.departmentId);
      if (!department) {
        throw new DomainError("unknown_reference", {
          fields: {
            departmentId: {
              kind: "invalid",
              message: { "zh-CN": "没有这个部门", en: "Unknown department" },
            },
          },
        });
      }
      next.status = "assigned";
      next.routing = {
        ...concern.routing,
        status: "assigned",
        department: { id: department.id, name: department.name },
      };
      Object.assign(next, restartClocks(ctx));
      events.push(event("dispatched", { public: true, data: { departmentId: department.id } }));
      notifications.push(
        arrivalNotice(next, departmentInbox(department.id), { at, newId: ctx.newEventId }),
      );
      break;
    }
    case "accept":
      next.status = "accepted";
      next.acceptedAt = at;
      // Whoever signs for it handles it, until the head assigns someone.
      next.assignee = concern.assignee ?? { id: ctx.user.id, name: ctx.user.name };
      events.push(event("accepted", { public: true }));
      break;
    case "return":
      next.status = "triage";
      next.returnCount = concern.returnCount + 1;
      next.assignee = null;
      // Back to the town office's triage queue, which re-dispatches it.
      next.routing = {
        ...concern.routing,
        status: "triage",
        department: { id: ctx.index.triageOffice().id, name: ctx.index.triageOffice().name },
      };
      events.push(
        event("returned", {
          reason: action.reason,
          public: true,
          data: { fromDepartmentId: concern.routing.department.id },
        }),
      );
      break;
    case "assign":
      if (!ctx.assignee) {
        throw new DomainError("unknown_reference", {
          fields: {
            assigneeId: {
              kind: "invalid",
              message: { "zh-CN": "不是本部门人员", en: "Not a member of this department" },
            },
          },
        });
      }
      next.assignee = ctx.assignee;
      events.push(event("assigned", { public: false, data: { assigneeId: ctx.assignee.id } }));
      break;
    case "respond":
      next.firstResponseAt = concern.firstResponseAt ?? at;
      if (concern.status === "accepted") next.status = "in_progress";
      events.push(
        event("responded", {
          public: true,
          reason: action.summary,
          data: { method: action.method },
        }),
      );
      break;
    case "note":
      events.push(
        event("noted", {
          public: false,
          text: action.text,
          ...(action.evidenceFiles?.length ? { data: { files: action.evidenceFiles } } : {}),
        }),
      );
      break;
    case "defer":
      if (action.committedDate <= at.slice(0, 10)) {
        throw new DomainError("validation_failed", {
          fields: {
            committedDate: {
              kind: "invalid",
              message: {
                "zh-CN": "承诺日期须晚于今天",
                en: "The committed date must be after today",
              },
            },
          },
        });
      }
      next.status = "deferred";
      next.committedDate = action.committedDate;
      next.firstResponseAt = concern.firstResponseAt ?? at;
      events.push(
        event("deferred", {
          public: true,
          text: action.reason,
          data: { committedDate: action.committedDate },
        }),
      );
      break;
    case "extend": {
      const answerBy = limitEnd(
        new Date(concern.deadlines.answerBy),
        { amount: action.workingDays, unit: "working_days" },
        ctx.calendar,
      );
      next.extension = { workingDays: action.workingDays, publicReason: action.publicReason };
      next.deadlines = { ...concern.deadlines, answerBy: answerBy.toISOString() };
      next.calendarWarning = warningAfter(
        concern,
        new Date(concern.deadlines.answerBy),
        answerBy,
        ctx.calendar,
      );
      events.push(
        event("extended", {
          public: true,
          text: action.publicReason,
          data: { workingDays: action.workingDays, answerBy: next.deadlines.answerBy },
        }),
      );
      break;
    }
    case "answer":
      next.status = "answered";
      next.outcome = action.outcome;
      next.publicReply = action.publicReply;
      next.evidence = action.evidence ?? null;
      next.answeredAt = at;
      next.firstResponseAt = concern.firstResponseAt ?? at;
      next.awaitingVerification = false;
      // A new answer (after a redo) is unrated: the earlier rating stays in the history.
      next.rating = null;
      events.push(
        event("answered", {
          public: true,
          text: action.publicReply,
          // What the answerer masked or kept in the public reply is part of the record.
          data: {
            outcome: action.outcome,
            ...(action.review ? { review: action.review } : {}),
            ...(action.evidenceFiles?.length ? { files: action.evidenceFiles } : {}),
          },
        }),
      );
      break;
    case "supervise":
      next.flags = { ...concern.flags, supervised: true };
      events.push(event("supervised", { public: true, reason: action.note }));
      break;
    case "strike_off":
      next.status = "struck_off";
      next.closedAt = at;
      next.awaitingVerification = false;
      events.push(event("struck_off", { public: true, reason: action.verificationNote }));
      break;
    case "redo": {
      const answerBy = limitEnd(ctx.now, ctx.limits.answer, ctx.calendar);
      next.status = "in_progress";
      next.awaitingVerification = false;
      next.reopenCount = concern.reopenCount + 1;
      next.flags = { ...concern.flags, reopened: true };
      next.deadlines = { ...concern.deadlines, answerBy: answerBy.toISOString() };
      next.calendarWarning = warningAfter(concern, ctx.now, answerBy, ctx.calendar);
      events.push(event("redo_ordered", { public: true, reason: action.reason }));
      break;
    }
    case "urge": {
      // The handler hears it: whoever it is assigned to, else the department's head.
      const recipient =
        concern.assignee?.id ?? ctx.index.department(concern.routing.department.id)?.head.id;
      events.push(event("urged", { public: false, text: action.note }));
      if (recipient) {
        notifications.push({
          id: ctx.newEventId(),
          recipient,
          kind: "urged",
          ledgerNo: concern.ledgerNo,
          at,
          data: { title: concern.title, note: action.note, by: ctx.user.name },
        });
      }
      break;
    }
  }
  next.version = concern.version + events.length;
  return { concern: next, events, notifications };
}

/**
 * 合并: the source joins the target (the 洛杨路 lights join the 枫杨路 lighting works). Both
 * records change: the source is closed as merged, the target notes what joined it.
 */
export function applyMerge(
  source: Concern,
  target: Concern,
  expectedVersion: number,
  ctx: Pick<ActionContext, "user" | "now" | "newEventId">,
  /** The merger's reason, on both events (the resident's timeline never shows a reason). */
  reason: string | null = null,
): { source: Concern; target: Concern; events: ConcernEvent[] } {
  if (expectedVersion !== source.version) refuse(source, "conflict");
  if (!transitionAllowed("merge", source)) refuse(source, "invalid_transition");
  if (target.ledgerNo === source.ledgerNo || !isOpen(target)) {
    throw new DomainError("validation_failed", {
      fields: {
        targetLedgerNo: {
          kind: "invalid",
          message: {
            "zh-CN": "只能合并到另一件未办结的诉求",
            en: "Merge only into another open concern",
          },
        },
      },
    });
  }
  const at = ctx.now.toISOString();
  const actor = staffActor(ctx.user);
  const sourceEvent = eventFactory(
    source,
    at,
    actor,
    ctx.newEventId,
  )("merged", {
    public: true,
    reason,
    data: { targetLedgerNo: target.ledgerNo },
  });
  const targetEvent = eventFactory(
    target,
    at,
    actor,
    ctx.newEventId,
  )("merged_in", {
    public: false,
    reason,
    data: { sourceLedgerNo: source.ledgerNo },
  });
  return {
    source: {
      ...source,
      status: "merged",
      mergedInto: target.ledgerNo,
      closedAt: at,
      updatedAt: at,
      version: source.version + 1,
    },
    target: {
      ...target,
      mergedFrom: [...target.mergedFrom, source.ledgerNo],
      updatedAt: at,
      version: target.version + 1,
    },
    events: [sourceEvent, targetEvent],
  };
}
