import {
  accessCodeFromBytes,
  applyAction,
  applyMerge,
  type Concern,
  ConcernAction,
  type ConcernEvent,
  type ConcernFile,
  canView,
  clearForPublic,
  type DirectoryIndex,
  DomainError,
  draftNotice,
  type Locale,
  mayPerform,
  mayReissueAccessCode,
  metricDeltas,
  type Notification,
  namesToMask,
  parseLedgerNo,
  publicTextContext,
  staffActor,
  toStaffView,
  watchEntriesOf,
  withNewAccessCode,
} from "@lianxin/core";
import type { AccessLogPurpose } from "@lianxin/core/vocabulary";
import type { ConcernChange } from "@lianxin/store";
import * as z from "zod/mini";
import type { Deps } from "../../deps.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentCalendar } from "../calendar/calendar.js";
import { currentDirectory } from "../directory/current-directory.js";
import { knownPeople } from "../directory/known-people.js";
import { checkEvidenceFiles } from "../files/evidence-files.js";
import { fileViews } from "../files/file-views.js";
import type { WatchedChange } from "../inspection/watch-items.js";
import { commitConcernChanges } from "../messaging/resident-sms.js";
import { parseInput } from "../parse.js";

/** A concern the user may see, with its history; anything else is "not found". */
export async function loadVisible(deps: Deps, auth: StaffAuth, ledgerNo: string) {
  if (!parseLedgerNo(ledgerNo)) throw new DomainError("not_found");
  const found = await deps.store.getConcernWithEvents(ledgerNo.trim().toUpperCase());
  if (!found || !canView(auth.user, found.concern)) throw new DomainError("not_found");
  return found;
}

/** Shows the concern; every showing of a resident's name and phone is logged. */
export async function present(
  deps: Deps,
  auth: StaffAuth,
  found: { concern: Concern; events: ConcernEvent[]; files?: ConcernFile[] },
  index: DirectoryIndex,
  locale: Locale,
) {
  const now = deps.now();
  const { view, personalDataShown } = toStaffView(
    found.concern,
    found.events,
    auth.user,
    index,
    locale,
    now,
    await fileViews(
      deps,
      { answeredAt: found.concern.answeredAt, files: found.files ?? [] },
      "staff",
    ),
  );
  if (personalDataShown) {
    await deps.store.putAccessLog(
      {
        ledgerNo: found.concern.ledgerNo,
        at: now.toISOString(),
        staffId: auth.user.id,
        staffName: auth.user.name,
        role: auth.user.role,
        purpose: "view" satisfies AccessLogPurpose,
      },
      deps.newId(),
    );
  }
  return view;
}

export async function getStaffConcern(
  deps: Deps,
  auth: StaffAuth,
  ledgerNo: string,
  locale: Locale,
) {
  const found = await loadVisible(deps, auth, ledgerNo);
  return present(deps, auth, found, await currentDirectory(deps), locale);
}

/** The notice draft to write with a change that strikes the concern off. */
export async function noticeDraftsFor(
  deps: Deps,
  index: DirectoryIndex,
  change: ConcernChange,
  history: ConcernEvent[],
) {
  if (change.concern.status !== "struck_off") return [];
  const people = await knownPeople(deps);
  return [
    deps.store.items.notice(
      draftNotice(change.concern, index, [...history, ...change.events], deps.personTagger, people),
    ),
  ];
}

/** The next event on a concern, by the signed-in staff member (reason, text and data empty). */
export function staffEvent(
  deps: Deps,
  auth: StaffAuth,
  concern: Concern,
  at: string,
  type: ConcernEvent["type"],
  fields: Partial<Pick<ConcernEvent, "reason" | "public" | "text" | "data">> = {},
): ConcernEvent {
  return {
    ledgerNo: concern.ledgerNo,
    seq: concern.version + 1,
    id: deps.newId(),
    type,
    at,
    actor: { kind: "staff", id: auth.user.id, name: auth.user.name },
    reason: null,
    public: false,
    text: null,
    data: {},
    ...fields,
  };
}

/**
 * A change from `before` to `after`, with its events, its counter deltas and the watch lists
 * it puts the concern on (their items are written with it).
 */
export function changeOf(before: Concern, after: Concern, events: ConcernEvent[]): WatchedChange {
  return {
    concern: after,
    expectedVersion: before.version,
    events,
    counters: metricDeltas(before, after),
    watch: watchEntriesOf(before, after, after.updatedAt),
  };
}

/** Commits, or answers 409 with the concern's current state and version. */
export async function commitOrConflict(
  deps: Deps,
  changes: WatchedChange[],
  extra: Record<string, unknown>[],
): Promise<void> {
  if (await commitConcernChanges(deps, changes, extra)) return;
  const first = changes[0] as ConcernChange;
  const fresh = await deps.store.getConcernWithEvents(first.concern.ledgerNo);
  throw new DomainError("conflict", {
    details: {
      currentState: fresh?.concern.status ?? null,
      currentVersion: fresh?.concern.version ?? null,
    },
  });
}

/** 办理: one staff action on a concern, checked for role, state and version. */
export async function actOnConcern(
  deps: Deps,
  auth: StaffAuth,
  ledgerNo: string,
  body: unknown,
  locale: Locale,
) {
  const parsed = parseInput(ConcernAction, body);
  const { found, index, change } = await performAction(deps, auth, ledgerNo, parsed);
  return present(
    deps,
    auth,
    { concern: change.concern, events: [...found.events, ...change.events], files: found.files },
    index,
    locale,
  );
}

/**
 * One action on one concern the user may see: checked for role, state and version and
 * committed in one transaction (409 with the current state when the version is stale). The
 * single action and each item of a bulk action (bulk-actions.ts) take this one path.
 * Returns the concern as loaded and its committed change.
 */
export async function performAction(
  deps: Deps,
  auth: StaffAuth,
  ledgerNo: string,
  parsed: ConcernAction,
) {
  const found = await loadVisible(deps, auth, ledgerNo);
  const { concern, events } = found;
  if (!mayPerform(auth.user, parsed.type, concern)) throw new DomainError("forbidden");
  if ((parsed.type === "answer" || parsed.type === "note") && parsed.evidenceFiles?.length) {
    await checkEvidenceFiles(deps, concern.ledgerNo, parsed.type, parsed.evidenceFiles);
  }
  const index = await currentDirectory(deps);
  const action = parsed.type === "answer" ? await clearAnswer(deps, parsed, index, found) : parsed;
  const now = deps.now();
  let changes: ConcernChange[];
  let sent: Notification[] = [];

  if (action.type === "merge") {
    const target = await deps.store.getConcernWithEvents(action.targetLedgerNo);
    if (!target || !canView(auth.user, target.concern)) {
      throw new DomainError("validation_failed", {
        fields: {
          targetLedgerNo: {
            kind: "invalid",
            message: { "zh-CN": "找不到该台账编号", en: "No such ledger number" },
          },
        },
      });
    }
    const merged = applyMerge(
      concern,
      target.concern,
      action.expectedVersion,
      { user: auth.user, now, newEventId: deps.newId },
      action.reason ?? null,
    );
    changes = [
      changeOf(
        concern,
        merged.source,
        merged.events.filter((e) => e.ledgerNo === concern.ledgerNo),
      ),
      changeOf(
        target.concern,
        merged.target,
        merged.events.filter((e) => e.ledgerNo !== concern.ledgerNo),
      ),
    ];
  } else {
    const category = index.category(concern.categoryCode);
    if (!category) throw new DomainError("conflict", { detail: "category missing" });
    let assignee: { id: string; name: string } | undefined;
    if (action.type === "assign") {
      const staff = await deps.store.listDepartmentStaff(concern.routing.department.id);
      const member = staff.find((s) => s.id === action.assigneeId && s.active);
      assignee = member ? { id: member.id, name: member.name } : undefined;
    }
    const result = applyAction(concern, action, {
      user: auth.user,
      now,
      newEventId: deps.newId,
      calendar: await currentCalendar(deps),
      limits: category.limits,
      index,
      assignee,
    });
    changes = [changeOf(concern, result.concern, result.events)];
    sent = result.notifications;
  }
  const primary = changes[0] as ConcernChange;
  // Inbox items (催办) are written in the change's own transaction, as the outbox.
  await commitOrConflict(deps, changes, [
    ...(await noticeDraftsFor(deps, index, primary, events)),
    ...sent.map((n) => deps.store.items.outbox(n)),
  ]);
  return { found, index, change: primary };
}

/**
 * The public reply is public (the resident's page, Open311, the notice): it passes the masking
 * engine here, and an answer whose reply holds an undecided span is refused with its
 * highlights until the answerer masks or keeps each one.
 */
async function clearAnswer(
  deps: Deps,
  action: Extract<ConcernAction, { type: "answer" }>,
  index: DirectoryIndex,
  found: { concern: Concern; events: ConcernEvent[] },
): Promise<ConcernAction> {
  const context = publicTextContext({
    index,
    knownNames: namesToMask(found.concern, found.events),
    knownPeople: await knownPeople(deps),
    decisions: action.review,
    personTagger: deps.personTagger,
  });
  const { texts } = clearForPublic({ publicReply: action.publicReply }, context);
  return { ...action, publicReply: texts.publicReply };
}

const ReissueRequest = z.strictObject({
  contactPhone: z.string().check(z.trim(), z.minLength(5), z.maxLength(30)),
});
const digits = (phone: string) => phone.replace(/\D/g, "").replace(/^86(?=1\d{10}$)/, "");

/**
 * 补发查询码: after checking the phone number the resident gives against the one on file,
 * a new code replaces the old, which stops working at once.
 */
export async function reissueAccessCode(
  deps: Deps,
  auth: StaffAuth,
  ledgerNo: string,
  body: unknown,
) {
  const { contactPhone } = parseInput(ReissueRequest, body);
  const { concern } = await loadVisible(deps, auth, ledgerNo);
  if (!mayReissueAccessCode(auth.user, concern)) throw new DomainError("forbidden");
  if (!concern.contact.phone || digits(concern.contact.phone) !== digits(contactPhone)) {
    throw new DomainError("validation_failed", {
      fields: {
        contactPhone: {
          kind: "invalid",
          message: {
            "zh-CN": "与登记的联系电话不符",
            en: "Does not match the phone number on file",
          },
        },
      },
    });
  }
  const now = deps.now();
  const at = now.toISOString();
  const accessCode = accessCodeFromBytes(deps.randomBytes(10));
  const reissued = withNewAccessCode(concern, accessCode, staffActor(auth.user), {
    now,
    newEventId: deps.newId,
  });
  await commitOrConflict(deps, [changeOf(concern, reissued.concern, reissued.events)], []);
  await deps.store.putAccessLog(
    {
      ledgerNo: concern.ledgerNo,
      at,
      staffId: auth.user.id,
      staffName: auth.user.name,
      role: auth.user.role,
      purpose: "reissue_access_code" satisfies AccessLogPurpose,
    },
    deps.newId(),
  );
  return { accessCode };
}
