/**
 * Random histories of concerns for property tests (not part of core's API): registrations,
 * staff actions, ratings, the escalation job and residents stopping SMS, driven through the
 * real state machine, rating and escalation; every change is reported as it happens.
 */
import fc from "fast-check";
import type { ConcernAction } from "../concern/actions.js";
import type { Concern, ConcernEvent } from "../concern/concern.js";
import { applyFeedback } from "../concern/feedback.js";
import { applyAction } from "../concern/state-machine.js";
import type { Channel, ConcernSubmission } from "../concern/submission.js";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { indexDirectory } from "../directory/lookup.js";
import { escalate } from "../escalation/escalate.js";
import { registerConcern } from "../intake/register-concern.js";
import { stopSmsUpdates } from "../messaging/sms-opt-out.js";
import { routeConcern } from "../routing/route-concern.js";
import type { StaffUser } from "../staff/schema.js";
import { officialCalendar } from "../time/working-calendar.js";

export const index = indexDirectory(buildDemoDirectory());
/** The town office's admin (triage, dispatch). */
export const admin: StaffUser = {
  id: "staff-admin",
  username: "admin",
  name: "管理员",
  role: "admin",
  departmentId: null,
  villageIds: [],
};
const cadre: StaffUser = {
  id: "c-1",
  username: "c1",
  name: "干部",
  role: "cadre",
  departmentId: "env-bureau",
  villageIds: [],
};
const PLACES = [
  ["meijing", "environment"],
  ["park", "roads_lighting"],
  ["yaxi", "other"],
  ["doumen", "safety_hazard"],
] as const;

/** Who submits: the contact given, the channel, and what was said about SMS. */
export interface Submitter {
  channel: Channel;
  contactPhone?: string;
  anonymous: boolean;
  smsOptOut?: boolean;
  residentToldOfSms?: boolean;
}
export const SUBMITTERS: readonly Submitter[] = [
  { channel: "online", contactPhone: "13800138000", anonymous: false },
  { channel: "online", contactPhone: "+86 139-1234-5678", anonymous: false },
  { channel: "online", contactPhone: "0510-83312345", anonymous: false },
  { channel: "online", anonymous: false },
  { channel: "online", contactPhone: "13800138000", anonymous: true },
  { channel: "online", contactPhone: "13800138000", anonymous: false, smsOptOut: true },
  { channel: "open311", contactPhone: "13800138000", anonymous: false },
  { channel: "phone", contactPhone: "13800138000", anonymous: false, residentToldOfSms: true },
  { channel: "phone", contactPhone: "13800138000", anonymous: false },
];

export type Step =
  | { kind: "advance"; hours: number }
  | { kind: "register"; place: number; submitter: number }
  | { kind: "act"; target: number; action: string; outcome: number; who: number }
  | { kind: "rate"; target: number; rating: number }
  | { kind: "stop_sms"; target: number }
  | { kind: "escalate" };

/**
 * Weighted so that histories go somewhere: mostly actions (most are refused in the state a
 * concern is in), with enough time passing and job runs for reminders and strike-offs.
 */
export const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("advance" as const),
      hours: fc.oneof(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 24, max: 24 * 12 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("register" as const),
      place: fc.integer({ min: 0, max: PLACES.length - 1 }),
      submitter: fc.integer({ min: 0, max: SUBMITTERS.length - 1 }),
    }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant("act" as const),
      target: fc.nat(),
      action: fc.constantFrom(
        "accept",
        "accept",
        "respond",
        "answer",
        "answer",
        "return",
        "dispatch",
        "defer",
        "extend",
        "strike_off",
        "redo",
        "assign",
      ),
      outcome: fc.integer({ min: 0, max: 2 }),
      who: fc.integer({ min: 0, max: 1 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("rate" as const),
      target: fc.nat(),
      rating: fc.integer({ min: 0, max: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("stop_sms" as const), target: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("escalate" as const) }) },
);

function actionFor(name: string, c: Concern, outcome: number, now: Date): ConcernAction {
  const v = { expectedVersion: c.version };
  switch (name) {
    case "respond":
      return { type: "respond", method: "phone", summary: "已联系", ...v };
    case "answer":
      return {
        type: "answer",
        outcome: (["resolved", "explained", "assisted"] as const)[outcome] ?? "resolved",
        publicReply: "答复",
        ...v,
      };
    case "return":
      return { type: "return", reason: "不属本部门", ...v };
    case "dispatch":
      return { type: "dispatch", departmentId: "water-station", ...v };
    case "defer":
      return {
        type: "defer",
        committedDate: new Date(now.getTime() + 20 * 86_400_000).toISOString().slice(0, 10),
        reason: "等资金",
        ...v,
      };
    case "extend":
      return { type: "extend", workingDays: 5, publicReason: "协调中", ...v };
    case "strike_off":
      return { type: "strike_off", verificationNote: "已核实", ...v };
    case "redo":
      return { type: "redo", reason: "再办", ...v };
    case "assign":
      return { type: "assign", assigneeId: "c-2", ...v };
    default:
      return { type: "accept", ...v };
  }
}

/** One change to one concern (the i-th registered), as a use case would commit it. */
export interface Change {
  i: number;
  before: Concern | null;
  after: Concern;
  events: ConcernEvent[];
  now: Date;
  /** The access code in plain, on a registration only. */
  accessCode?: string;
}

export const ACCESS_CODE = "7KQ2M9X4PA";

/** Runs the steps from a first registration on; each change is passed to `onChange`. */
export function simulate(
  steps: Step[],
  onChange: (change: Change) => void,
  options: { start?: Date } = {},
): { concerns: Concern[]; newId: () => string } {
  let now = options.start ?? new Date("2026-11-20T02:00:00Z");
  let ids = 0;
  const newId = () => `id-${++ids}`;
  const current: Concern[] = [];
  const record = (change: Omit<Change, "now">) => {
    onChange({ ...change, now });
    current[change.i] = change.after;
  };
  for (const s of steps) {
    if (s.kind === "advance") {
      now = new Date(now.getTime() + s.hours * 3_600_000);
    } else if (s.kind === "register") {
      const [villageId, code] = PLACES[s.place] as (typeof PLACES)[number];
      const village = index.village(villageId);
      const category = index.category(code);
      if (!village || !category) throw new Error("fixture");
      const { channel, residentToldOfSms, ...contact } = SUBMITTERS[s.submitter] as Submitter;
      const input: ConcernSubmission = {
        villageId,
        categoryCode: code,
        description: "一件要办的事情，说明清楚",
        ...contact,
      };
      const { concern, events } = registerConcern({
        input,
        channel,
        ...(residentToldOfSms ? { residentToldOfSms } : {}),
        routing: routeConcern(index, village, category, null),
        limits: category.limits,
        calendar: officialCalendar,
        ledgerNo: `LS-2026-${String(current.length + 1).padStart(6, "0")}`,
        accessCode: ACCESS_CODE,
        now,
        newEventId: newId,
      });
      record({ i: current.length, before: null, after: concern, events, accessCode: ACCESS_CODE });
    } else if (current.length > 0 && s.kind !== "escalate") {
      const i = s.target % current.length;
      const c = current[i] as Concern;
      if (s.kind === "stop_sms") {
        const stopped = stopSmsUpdates(c, { now, newEventId: newId });
        if (stopped) record({ i, before: c, after: stopped.concern, events: stopped.events });
        continue;
      }
      const category = index.category(c.categoryCode);
      if (!category) continue;
      let result: { concern: Concern; events: ConcernEvent[] };
      try {
        result =
          s.kind === "rate"
            ? applyFeedback(
                c,
                {
                  rating:
                    (["satisfied", "basically_satisfied", "dissatisfied"] as const)[s.rating] ??
                    "satisfied",
                },
                { now, newEventId: newId, limits: category.limits, calendar: officialCalendar },
              )
            : (() => {
                const action = actionFor(s.action, c, s.outcome, now);
                if (action.type === "merge") throw new Error("unused");
                return applyAction(c, action, {
                  user: s.who ? admin : cadre,
                  now,
                  newEventId: newId,
                  calendar: officialCalendar,
                  limits: category.limits,
                  index,
                  assignee: { id: "c-2", name: "干部乙" },
                });
              })();
      } catch {
        // Refused by the state machine: nothing happened.
        continue;
      }
      // Outside the try: what `onChange` asserts must not pass for a refusal.
      record({ i, before: c, after: result.concern, events: result.events });
    } else if (s.kind === "escalate") {
      current.forEach((c, i) => {
        const result = escalate(c, { now, calendar: officialCalendar, index, newId });
        if (result) record({ i, before: c, after: result.concern, events: result.events });
      });
    }
  }
  return { concerns: current, newId };
}
