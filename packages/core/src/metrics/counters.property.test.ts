import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Concern, ConcernEvent } from "../concern/concern.js";
import { type Step, simulate, step } from "../testing/random-histories.js";
import { shanghaiMonth } from "../time/shanghai.js";
import {
  answerDeadline,
  histogramBucket,
  type MetricDelta,
  type MetricScope,
  metricDeltas,
  PERIOD_FACTS,
  periodIndexEntries,
  scopesOf,
} from "./counters.js";

/**
 * Random histories of events, driven through the real state machine, rating and
 * escalation (testing/random-histories.ts). The counters kept incrementally (each change's
 * deltas, as the store adds them) must equal a brute-force recomputation from the event log
 * alone.
 */
interface History {
  snapshots: Array<{ after: Concern; before: Concern | null; events: ConcernEvent[] }>;
}

function countAlong(steps: Step[]) {
  const histories: History[] = [];
  const incremental = new Map<string, number>();
  simulate(steps, ({ i, before, after, events }) => {
    for (const d of metricDeltas(before, after)) bump(incremental, d);
    histories[i] ??= { snapshots: [] };
    histories[i].snapshots.push({ before, after, events });
  });
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
        // 热点: the category is the one registered (it never changes), on the units only.
        const units = scopes.filter((s) => s.kind === "village" || s.kind === "department");
        if (e.type === "submitted") {
          count(scopes, e.at, "received");
          count(units, e.at, `received.${after.categoryCode}`);
        }
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
          count(units, e.at, `closed.${after.categoryCode}`);
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
        const { histories, incremental } = countAlong([
          { kind: "register", place: 0, submitter: 0 },
          ...steps,
        ]);
        expect(Object.fromEntries(incremental)).toEqual(Object.fromEntries(recompute(histories)));
      }),
      { numRuns: 300 },
    );
  });

  it("keep in the period index exactly the unit events that the period facts count", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 120 }), (steps) => {
        const counted = new Map<string, number>();
        const listed = new Map<string, number>();
        const entryKeys = new Set<string>();
        simulate(
          [{ kind: "register", place: 0, submitter: 0 }, ...steps],
          ({ before, after, events }) => {
            const deltas = metricDeltas(before, after);
            for (const d of deltas) {
              const unit = d.scope.kind === "village" || d.scope.kind === "department";
              if (unit && (PERIOD_FACTS as readonly string[]).includes(d.field)) bump(counted, d);
            }
            const change = {
              ledgerNo: after.ledgerNo,
              at: after.updatedAt,
              version: after.version,
              events,
            };
            for (const e of periodIndexEntries(deltas, change)) {
              const k = `${e.scope.kind}|${e.scope.id}|${e.month}|${e.fact}|${e.at}|${e.ledgerNo}|${e.seq}|${e.n}`;
              expect(entryKeys.has(k)).toBe(false); // one item per event: keys never collide
              entryKeys.add(k);
              bump(listed, { scope: e.scope, month: e.month, field: e.fact, amount: 1 });
            }
          },
        );
        expect(Object.fromEntries(listed)).toEqual(Object.fromEntries(counted));
      }),
      { numRuns: 200 },
    );
  });
});
