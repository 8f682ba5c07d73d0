import * as z from "zod";
import { GeoLocation } from "./location-media.js";
import { ConcernFlags, ConcernStatus, Visibility } from "./status.js";
import { Channel } from "./submission.js";

const Ref = z.object({ id: z.string(), name: z.string() });

/** 解决到位 / 解释到位 / 帮扶到位. */
export const Outcome = z.enum(["resolved", "explained", "assisted"]);
export type Outcome = z.infer<typeof Outcome>;

/** The resident's rating of the answer. */
export const Rating = z.enum(["satisfied", "basically_satisfied", "dissatisfied"]);
export type Rating = z.infer<typeof Rating>;

/** Why the concern went where it did, stored with it (reason codes, see routing). */
export const RoutingDecision = z.object({
  status: z.enum(["assigned", "triage"]),
  department: Ref,
  contactLeader: Ref.extend({ title: z.string() }),
  groupHolder: Ref.nullable(),
  visibility: Visibility,
  reasons: z.array(z.string()),
});
export type RoutingDecision = z.infer<typeof RoutingDecision>;

/** The resident's personal data: shown only to those who handle the concern. */
export const ResidentContact = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});
export type ResidentContact = z.infer<typeof ResidentContact>;

/** A ledger item (台账条目). */
export const Concern = z.object({
  ledgerNo: z.string(),
  status: ConcernStatus,
  flags: ConcernFlags,
  channel: Channel,
  villageId: z.string(),
  groupId: z.string().nullable(),
  categoryCode: z.string(),
  title: z.string().nullable(),
  description: z.string(),
  anonymous: z.boolean(),
  contact: ResidentContact,
  /**
   * Where the problem is, as the filing system sent it (WGS84; Open311 `lat`/`long`).
   * Exact to staff who may see the resident's contact; rounded for everyone else.
   * Absent when none was sent, and on concerns stored before it existed.
   */
  location: GeoLocation.optional(),
  /** A link to a photo or video of the problem (Open311 `media_url`), http(s) only. */
  mediaUrl: z.string().optional(),
  routing: RoutingDecision,
  accessCodeHash: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deadlines: z.object({ signForBy: z.string(), respondBy: z.string(), answerBy: z.string() }),
  /** Set when a deadline falls in a year whose holiday arrangement is not yet published. */
  calendarWarning: z.string().nullable(),
  /** The cadre the department head gave it to (指派). */
  assignee: Ref.nullable(),
  /** Milestones, for time limits and metrics. */
  acceptedAt: z.string().nullable(),
  firstResponseAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** 限期办理: the committed completion date (Asia/Shanghai), shown publicly. */
  committedDate: z.string().nullable(),
  /** The one extension allowed, with its public reason. */
  extension: z.object({ workingDays: z.number().int(), publicReason: z.string() }).nullable(),
  outcome: Outcome.nullable(),
  publicReply: z.string().nullable(),
  evidence: z.string().nullable(),
  rating: z.object({ rating: Rating, comment: z.string().nullable(), at: z.string() }).nullable(),
  /** Dissatisfied ratings so far: the first reopens, the second goes to the contact leader. */
  dissatisfiedCount: z.number().int().nonnegative(),
  /** After a second dissatisfied rating: the contact leader verifies (strike off or redo). */
  awaitingVerification: z.boolean(),
  returnCount: z.number().int().nonnegative(),
  mergedInto: z.string().nullable(),
  mergedFrom: z.array(z.string()),
  /** Reopenings (a dissatisfied rating, a redo ordered): each counts as a redo. */
  reopenCount: z.number().int().nonnegative(),
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
  version: z.number().int().nonnegative(),
});
export type Concern = z.infer<typeof Concern>;

export const Actor = z.object({
  kind: z.enum(["resident", "staff", "system"]),
  id: z.string().nullable(),
  name: z.string().nullable(),
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
  "rated",
  "reopened",
  "access_code_reissued",
  "reminded",
  "overdue",
  "escalated",
]);
export type ConcernEventType = z.infer<typeof ConcernEventType>;

/** Append-only: every change to a concern is one of these, with actor, time and reason. */
export const ConcernEvent = z.object({
  ledgerNo: z.string(),
  /** Position in the concern's history, 1, 2, 3…: also the concern's version after it. */
  seq: z.number().int().positive(),
  id: z.string(),
  type: ConcernEventType,
  at: z.string(),
  actor: Actor,
  reason: z.string().nullable(),
  /** Shown to the resident in the public timeline? Internal notes are not. */
  public: z.boolean(),
  /** Text the resident may read (their own message, a public reply). */
  text: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type ConcernEvent = z.infer<typeof ConcernEvent>;
