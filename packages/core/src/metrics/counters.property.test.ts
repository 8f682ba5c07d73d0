import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ConcernAction } from "../concern/actions.js";
import type { Concern, ConcernEvent } from "../concern/concern.js";
import { applyFeedback } from "../concern/feedback.js";
import { applyAction } from "../concern/state-machine.js";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { indexDirectory } from "../directory/lookup.js";
import { escalate } from "../escalation/escalate.js";
import { registerConcern } from "../intake/register-concern.js";
import { routeConcern } from "../routing/route-concern.js";
import type { StaffUser } from "../staff/schema.js";
import { shanghaiMonth } from "../time/shanghai.js";
import { officialCalendar } from "../time/working-calendar.js";
import {
  answerDeadline,
  histogramBucket,
  type MetricDelta,
  type MetricScope,
  metricDeltas,
  scopesOf,
} from "./counters.js";

/**
 * Random histories of events, driven through the real state machine, rating and
 * escalation. The counters kept incrementally (each change's deltas, as the store adds
 * them) must equal a brute-force recomputation from the event log alone.
 */
const index = indexDirectory(buildDemoDirectory());
const admin: StaffUser = {
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

type Step =
  | { kind: "advance"; hours: number }
  | { kind: "register"; place: number }
  | { kind: "act"; target: number; action: string; outcome: number; who: number }
  | { kind: "rate"; target: number; rating: number }
  | { kind: "escalate" };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("advance" as const), hours: fc.integer({ min: 1, max: 24 * 12 }) }),
  fc.record({
    kind: fc.constant("register" as const),
    place: fc.integer({ min: 0, max: PLACES.length - 1 }),
  }),
  fc.record({
    kind: fc.constant("act" as const),
    target: fc.nat(),
    action: fc.constantFrom(
      "accept",
      "respond",
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
  fc.record({
    kind: fc.constant("rate" as const),
    target: fc.nat(),
    rating: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({ kind: fc.constant("escalate" as const) }),
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

interface History {
  snapshots: Array<{ after: Concern; before: Concern | null; events: ConcernEvent[] }>;
}

function simulate(steps: Step[]) {
  let now = new Date("2026-11-20T02:00:00Z");
  let ids = 0;
  const newId = () => `id-${++ids}`;
  const histories: History[] = [];
  const current: Concern[] = [];
  const incremental = new Map<string, number>();
  const record = (before: Concern | null, after: Concern, events: ConcernEvent[], i: number) => {
    for (const d of metricDeltas(before, after)) bump(incremental, d);
    histories[i]?.snapshots.push({ before, after, events });
    current[i] = after;
  };
  for (const s of steps) {
    if (s.kind === "advance") {
      now = new Date(now.getTime() + s.hours * 3_600_000);
    } else if (s.kind === "register") {
      const [villageId, code] = PLACES[s.place] as (typeof PLACES)[number];
      const village = index.village(villageId);
      const category = index.category(code);
      if (!village || !category) throw new Error("fixture");
      const { concern, events } = registerConcern({
        input: {
          villageId,
          categoryCode: code,
          description: "一件要办的事情，说明清楚",
          anonymous: false,
        },
        routing: routeConcern(index, village, category, null),
        limits: category.limits,
        calendar: officialCalendar,
        ledgerNo: `LS-2026-${String(current.length + 1).padStart(6, "0")}`,
        accessCode: "7KQ2M9X4PA",
        now,
        newEventId: newId,
      });
      histories.push({ snapshots: [] });
      record(null, concern, events, current.length);
    } else if (current.length > 0 && s.kind !== "escalate") {
      const i = s.target % current.length;
      const c = current[i] as Concern;
      const category = index.category(c.categoryCode);
      if (!category) continue;
      try {
        const result =
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
        record(c, result.concern, result.events, i);
      } catch {
        // Refused by the state machine: nothing happened.
      }
    } else if (s.kind === "escalate") {
      current.forEach((c, i) => {
        const result = escalate(c, { now, calendar: officialCalendar, index, newId });
        if (result) record(c, result.concern, result.events, i);
      });
    }
  }
  return { histories, incremental };
}

const keyOf = (scope: MetricScope, month: string, field: string) =>
  `${scope.kind}:${scope.id}:${scope.member ?? ""}:${month}:${field}`;
function bump(map: Map<string, number>, d: MetricDelta) {
  const k = keyOf(d.scope, d.month, d.field);
  map.set(k, (map.get(k) ?? 0) + d.amount);
}

/** The brute force: read each concern's event log, with the state after each event. */
function recompute(histories: History[]): Map<string, number> {
  const out = new Map<string, number>();
  const count = (scopes: MetricScope[], at: string, field: string) => {
    for (const scope of scopes)
      bump(out, { scope, month: shanghaiMonth(new Date(at)), field: field as never, amount: 1 });
  };
  for (const { snapshots } of histories) {
    let responded = false;
    let dueCounted = false;
    let lastAnswerAt: string | null = null;
    for (const { before, after, events } of snapshots) {
      const scopes = scopesOf(after);
      const created = after.createdAt;
      const firstResponse = events.find((e) =>
        ["responded", "deferred", "answered"].includes(e.type),
      );
      for (const e of events) {
        if (e.type === "submitted") count(scopes, e.at, "received");
        if (
          e.type === "overdue" &&
          !responded &&
          !dueCounted &&
          ["sign_for", "respond"].includes(String(e.data.stage))
        ) {
          dueCounted = true;
          count(scopes, e.at, "dueForResponse");
        }
        if (e === firstResponse && !responded) {
          responded = true;
          if (!dueCounted) count(scopes, e.at, "dueForResponse");
          dueCounted = true;
          if (e.at <= after.deadlines.respondBy) count(scopes, e.at, "respondedInTime");
          count(
            scopes,
            e.at,
            `rt${histogramBucket((Date.parse(e.at) - Date.parse(created)) / 3_600_000)}`,
          );
        }
        if (e.type === "answered") {
          count(scopes, e.at, "answered");
          lastAnswerAt = e.at;
        }
        if (e.type === "struck_off") {
          count(scopes, e.at, "closed");
          const outcome = after.outcome;
          if (outcome) count(scopes, e.at, `closed${outcome[0]?.toUpperCase()}${outcome.slice(1)}`);
          if (lastAnswerAt && lastAnswerAt <= answerDeadline(after))
            count(scopes, e.at, "closedOnTime");
          count(
            scopes,
            e.at,
            `ct${histogramBucket((Date.parse(e.at) - Date.parse(created)) / 3_600_000)}`,
          );
        }
        if (e.type === "rated") {
          const r = String(e.data.rating);
          count(
            scopes,
            e.at,
            r === "satisfied"
              ? "ratedSatisfied"
              : r === "basically_satisfied"
                ? "ratedBasically"
                : "ratedDissatisfied",
          );
        }
        if (e.type === "returned" && before) count(scopesOf(before), e.at, "returned");
        if (e.type === "reopened" || e.type === "redo_ordered") count(scopes, e.at, "reopened");
        if (e.type === "overdue") count(scopes, e.at, "overdue");
      }
    }
  }
  return out;
}

describe("pre-aggregated counters", () => {
  it("equal a brute-force recomputation from the events, for random histories", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 120 }), (steps) => {
        const { histories, incremental } = simulate([{ kind: "register", place: 0 }, ...steps]);
        expect(Object.fromEntries(incremental)).toEqual(Object.fromEntries(recompute(histories)));
      }),
      { numRuns: 300 },
    );
  });
});
