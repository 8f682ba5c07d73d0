import type { Concern, ConcernEvent, RoutingDecision } from "../concern/concern.js";
import { RESIDENT_ACTOR, SYSTEM_ACTOR } from "../concern/state-machine.js";
import type { ConcernSubmission } from "../concern/submission.js";
import type { DirectoryIndex } from "../directory/lookup.js";
import { DomainError, type FieldProblem } from "../errors.js";
import { arrivalNotice, departmentInbox, type Notification } from "../escalation/inbox.js";
import { hashAccessCode } from "../ledger/access-code.js";
import { smsUpdatesAtRegistration } from "../messaging/sms-policy.js";
import { calendarWarningText, computeDeadlines, type WorkingCalendar } from "../time/index.js";

/** The 201 answer to a submission, kept whole by the idempotency record. */
export interface SubmissionReceipt {
  ledgerNo: string;
  accessCode: string;
  status: Concern["status"];
  routing: {
    department: { id: string; name: string };
    contactLeader: { name: string };
  };
  dueAt: string;
  /** The resident will get SMS at each step (the access code among them). */
  smsUpdates: boolean;
}

/**
 * Checks that the submission names a known village, group and category. Retired entries
 * take no new work: they count as unknown here (old concerns still show them).
 */
export function resolveSubmissionReferences(index: DirectoryIndex, input: ConcernSubmission) {
  const fields: Record<string, FieldProblem> = {};
  const village = live(index.village(input.villageId));
  const category = live(index.category(input.categoryCode));
  if (!village) fields.villageId = { kind: "unknown_village" };
  else if (input.groupId && !live(index.group(village.id, input.groupId))) {
    fields.groupId = { kind: "unknown_group" };
  }
  if (!category) fields.categoryCode = { kind: "unknown_category" };
  if (!village || !category || Object.keys(fields).length) {
    throw new DomainError("unknown_reference", { fields });
  }
  return { village, category };
}

function live<T extends { retiredAt?: string | null }>(entry: T | undefined): T | undefined {
  return entry && !entry.retiredAt ? entry : undefined;
}

export interface RegistrationInput {
  input: ConcernSubmission;
  channel?: Concern["channel"];
  /** Staff who registered it (phone, visit…); absent for the resident's own submission. */
  registeredBy?: { id: string; name: string };
  routing: RoutingDecision;
  limits: Parameters<typeof computeDeadlines>[1];
  calendar: WorkingCalendar;
  ledgerNo: string;
  accessCode: string;
  now: Date;
  newEventId: () => string;
  /**
   * The portal's `place` as received (concern/place.ts `receivePlace`): its WGS84 point
   * becomes `location`, and the point as sent is kept.
   */
  place?: { location: Concern["location"]; locationAsSent: Concern["locationAsSent"] };
  /** Staff registering a call or a visit ticked that the resident was told of SMS updates. */
  residentToldOfSms?: boolean;
}

/**
 * The concern as registered on the ledger, its first events (submitted, then routed or
 * sent to triage) and the receipt. Pure: the ledger number, code, time and ids come in.
 */
export function registerConcern(r: RegistrationInput): {
  concern: Concern;
  events: ConcernEvent[];
  receipt: SubmissionReceipt;
  /** 新诉求 in the handling department's shared inbox and the contact leader's. */
  notifications: Notification[];
} {
  const at = r.now.toISOString();
  const deadlines = computeDeadlines(r.now, r.limits, r.calendar);
  const { input, routing } = r;
  const channel = r.channel ?? "online";
  const smsUpdates = smsUpdatesAtRegistration({
    channel,
    anonymous: input.anonymous,
    contactPhone: input.contactPhone,
    optedOut: input.smsOptOut ?? false,
    residentTold: r.residentToldOfSms ?? false,
  });
  const concern: Concern = {
    ledgerNo: r.ledgerNo,
    status: routing.status,
    flags: { overdue: false, supervised: false, reopened: false },
    channel,
    villageId: input.villageId,
    groupId: input.groupId ?? null,
    categoryCode: input.categoryCode,
    title: input.title ?? null,
    description: input.description,
    anonymous: input.anonymous,
    // An anonymous resident leaves no name or phone, even if the form carried them.
    contact: {
      name: input.anonymous ? null : (input.contactName ?? null),
      phone: input.anonymous ? null : (input.contactPhone ?? null),
      address: input.address ?? null,
    },
    ...(r.place
      ? { location: r.place.location, locationAsSent: r.place.locationAsSent }
      : input.location
        ? { location: input.location }
        : {}),
    ...(input.mediaUrl ? { mediaUrl: input.mediaUrl } : {}),
    routing,
    smsUpdates,
    accessCodeHash: hashAccessCode(r.ledgerNo, r.accessCode),
    createdAt: at,
    updatedAt: at,
    deadlines: {
      signForBy: deadlines.signForBy.toISOString(),
      respondBy: deadlines.respondBy.toISOString(),
      answerBy: deadlines.answerBy.toISOString(),
    },
    calendarWarning: calendarWarningText(deadlines.calendarFallbackYears),
    version: 2,
    assignee: null,
    acceptedAt: null,
    firstResponseAt: null,
    answeredAt: null,
    closedAt: null,
    committedDate: null,
    extension: null,
    outcome: null,
    publicReply: null,
    evidence: null,
    rating: null,
    dissatisfiedCount: 0,
    awaitingVerification: false,
    returnCount: 0,
    mergedInto: null,
    mergedFrom: [],
    reopenCount: 0,
    escalation: { reminded: [], overdue: [], inspectors: false, responseDueCounted: false },
  };
  const events: ConcernEvent[] = [
    {
      ledgerNo: r.ledgerNo,
      seq: 1,
      id: r.newEventId(),
      type: "submitted",
      at,
      actor: r.registeredBy
        ? { kind: "staff", id: r.registeredBy.id, name: r.registeredBy.name }
        : RESIDENT_ACTOR,
      reason: null,
      public: true,
      text: null,
      data: { channel, smsUpdates },
    },
    {
      ledgerNo: r.ledgerNo,
      seq: 2,
      id: r.newEventId(),
      type: routing.status === "assigned" ? "routed" : "triaged",
      at,
      actor: SYSTEM_ACTOR,
      reason: routing.reasons.join(","),
      public: true,
      text: null,
      data: {
        departmentId: routing.department.id,
        contactLeaderId: routing.contactLeader.id,
        groupHolderId: routing.groupHolder?.id ?? null,
      },
    },
  ];
  const receipt: SubmissionReceipt = {
    ledgerNo: r.ledgerNo,
    accessCode: r.accessCode,
    status: concern.status,
    routing: {
      department: routing.department,
      contactLeader: { name: routing.contactLeader.name },
    },
    dueAt: concern.deadlines.answerBy,
    smsUpdates,
  };
  const arrival = { at, newId: r.newEventId };
  const notifications = [
    arrivalNotice(concern, departmentInbox(routing.department.id), arrival),
    ...(routing.contactLeader.id
      ? [arrivalNotice(concern, routing.contactLeader.id, arrival)]
      : []),
  ];
  return { concern, events, receipt, notifications };
}
