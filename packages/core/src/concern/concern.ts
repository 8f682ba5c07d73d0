import * as z from "zod/mini";
import { OUTCOMES, RATINGS } from "../vocabulary.js";
import { GeoLocation } from "./location-media.js";
import { LocationAsSent } from "./place.js";
import { ConcernFlags, ConcernStatus, Visibility } from "./status.js";
import { Channel } from "./submission.js";

const Ref = z.object({ id: z.string(), name: z.string() });

/** 解决到位 / 解释到位 / 帮扶到位. */
export const Outcome = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof Outcome>;

/** The resident's rating of the answer. */
export const Rating = z.enum(RATINGS);
export type Rating = z.infer<typeof Rating>;

/** Why the concern went where it did, stored with it (reason codes, see routing). */
export const RoutingDecision = z.object({
  status: z.enum(["assigned", "triage"]),
  department: Ref,
  contactLeader: z.extend(Ref, { title: z.string() }),
  groupHolder: z.nullable(Ref),
  visibility: Visibility,
  reasons: z.array(z.string()),
});
export type RoutingDecision = z.infer<typeof RoutingDecision>;

/** The resident's personal data: shown only to those who handle the concern. */
export const ResidentContact = z.object({
  name: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  address: z.nullable(z.string()),
});
export type ResidentContact = z.infer<typeof ResidentContact>;

/** A ledger item (台账条目). */
export const Concern = z.object({
  ledgerNo: z.string(),
  status: ConcernStatus,
  flags: ConcernFlags,
  channel: Channel,
  villageId: z.string(),
  groupId: z.nullable(z.string()),
  categoryCode: z.string(),
  title: z.nullable(z.string()),
  description: z.string(),
  anonymous: z.boolean(),
  contact: ResidentContact,
  /**
   * Where the problem is, as the filing system sent it (WGS84; Open311 `lat`/`long`).
   * Exact to staff who may see the resident's contact; rounded for everyone else.
   * Absent when none was sent, and on concerns stored before it existed.
   */
  location: z.optional(GeoLocation),
  /**
   * The point as the portal sent it (`place`), with its datum (GCJ-02 is converted into
   * `location`), the accuracy the device claimed and its source. Personal like `location`.
   */
  locationAsSent: z.optional(LocationAsSent),
  /** A link to a photo or video of the problem (Open311 `media_url`), http(s) only. */
  mediaUrl: z.optional(z.string()),
  /**
   * The description as the public may read it (Open311 serves nothing else): the notice's
   * approved summary once published, or a text admin cleared earlier. Absent until then.
   */
  publicDescription: z.optional(z.string()),
  routing: RoutingDecision,
  /**
   * Does the resident get SMS at each step (messaging/resident-messages.ts)? Set at
   * registration (a mainland mobile, not anonymous, not Open311, not opted out), cleared when
   * the resident stops them. Absent on concerns stored before messages existed: none sent.
   */
  smsUpdates: z.optional(z.boolean()),
  accessCodeHash: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deadlines: z.object({ signForBy: z.string(), respondBy: z.string(), answerBy: z.string() }),
  /** Set when a deadline falls in a year whose holiday arrangement is not yet published. */
  calendarWarning: z.nullable(z.string()),
  /** The cadre the department head gave it to (指派). */
  assignee: z.nullable(Ref),
  /** Milestones, for time limits and metrics. */
  acceptedAt: z.nullable(z.string()),
  firstResponseAt: z.nullable(z.string()),
  answeredAt: z.nullable(z.string()),
  closedAt: z.nullable(z.string()),
  /** 限期办理: the committed completion date (Asia/Shanghai), shown publicly. */
  committedDate: z.nullable(z.string()),
  /** The one extension allowed, with its public reason. */
  extension: z.nullable(
    z.object({ workingDays: z.number().check(z.int()), publicReason: z.string() }),
  ),
  outcome: z.nullable(Outcome),
  publicReply: z.nullable(z.string()),
  evidence: z.nullable(z.string()),
  /** The resident's rating of the current answer (earlier ones are in the history). */
  rating: z.nullable(z.object({ rating: Rating, comment: z.nullable(z.string()), at: z.string() })),
  /** Dissatisfied ratings so far: the first reopens, the second goes to the contact leader. */
  dissatisfiedCount: z.number().check(z.int(), z.nonnegative()),
  /** After a second dissatisfied rating: the contact leader verifies (strike off or redo). */
  awaitingVerification: z.boolean(),
  returnCount: z.number().check(z.int(), z.nonnegative()),
  mergedInto: z.nullable(z.string()),
  mergedFrom: z.array(z.string()),
  /** Reopenings (a dissatisfied rating, a redo ordered): each counts as a redo. */
  reopenCount: z.number().check(z.int(), z.nonnegative()),
  /** What the escalation job has already done, so that running it again does nothing more. */
  escalation: z.object({
    /** `<stage>@<dueAt>` of the limits already reminded at 80 %. */
    reminded: z.array(z.string()),
    /** `<stage>@<dueAt>` of the limits already passed. */
    overdue: z.array(z.string()),
    /** On the discipline commission's list (5 working days overdue). */
    inspectors: z.boolean(),
    /** The response limit passed without a response: counted as due for response. */
    responseDueCounted: z.boolean(),
  }),
  /** Optimistic-concurrency version, bumped by every event. */
  version: z.number().check(z.int(), z.nonnegative()),
});
export type Concern = z.infer<typeof Concern>;

export const Actor = z.object({
  kind: z.enum(["resident", "staff", "system"]),
  id: z.nullable(z.string()),
  name: z.nullable(z.string()),
});
export type Actor = z.infer<typeof Actor>;

/** Everything that can happen to a concern. */
export const ConcernEventType = z.enum([
  "submitted",
  "routed",
  "triaged",
  "message",
  "dispatched",
  "accepted",
  "returned",
  "assigned",
  "responded",
  "noted",
  "deferred",
  "extended",
  "answered",
  "supervised",
  "merged",
  "merged_in",
  "struck_off",
  "redo_ordered",
  "urged",
  "rated",
  "reopened",
  "access_code_reissued",
  /** The resident stopped SMS updates (停止短信通知). */
  "sms_opted_out",
  "reminded",
  "overdue",
  "escalated",
  /** The close-out notice was approved and published (公示). */
  "notice_published",
  /** Admin made a cleared description public before the notice (Open311 serves it). */
  "description_published",
]);
export type ConcernEventType = z.infer<typeof ConcernEventType>;

/** Append-only: every change to a concern is one of these, with actor, time and reason. */
export const ConcernEvent = z.object({
  ledgerNo: z.string(),
  /** Position in the concern's history, 1, 2, 3…: also the concern's version after it. */
  seq: z.number().check(z.int(), z.positive()),
  id: z.string(),
  type: ConcernEventType,
  at: z.string(),
  actor: Actor,
  reason: z.nullable(z.string()),
  /** Shown to the resident in the public timeline? Internal notes are not. */
  public: z.boolean(),
  /** Text the resident may read (their own message, a public reply). */
  text: z.nullable(z.string()),
  data: z._default(z.record(z.string(), z.unknown()), {}),
});
export type ConcernEvent = z.infer<typeof ConcernEvent>;
