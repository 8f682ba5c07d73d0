import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Concern, ConcernEvent } from "../concern/concern.js";
import { index, simulate, step } from "../testing/random-histories.js";
import { recountConcern } from "./category-recount.js";
import { metricDeltas, periodIndexEntries } from "./counters.js";

const triageOfficeId = index.triageOffice().id;

/**
 * The rebuild script recounts sealed months from each concern's final state and events:
 * its category fields and period-index entries must equal what live writes added up.
 */
describe("the recount from events", () => {
  it("equals the live category deltas and period-index entries, for random histories", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 120 }), (steps) => {
        const live = new Map<string, number>();
        const liveEntries: string[] = [];
        const last = new Map<string, Concern>();
        const events = new Map<string, ConcernEvent[]>();
        simulate([{ kind: "register", place: 0, submitter: 0 }, ...steps], (c) => {
          for (const d of metricDeltas(c.before, c.after)) {
            if (!d.field.includes(".")) continue;
            const k = `${d.scope.kind}|${d.scope.id}|${d.month}|${d.field}`;
            live.set(k, (live.get(k) ?? 0) + d.amount);
          }
          for (const e of periodIndexEntries(metricDeltas(c.before, c.after), {
            ledgerNo: c.after.ledgerNo,
            at: c.after.updatedAt,
            version: c.after.version,
            events: c.events,
          })) {
            liveEntries.push(JSON.stringify(e));
          }
          last.set(c.after.ledgerNo, c.after);
          events.set(c.after.ledgerNo, [...(events.get(c.after.ledgerNo) ?? []), ...c.events]);
        });
        const recounted = new Map<string, number>();
        const recountedEntries: string[] = [];
        for (const [no, concern] of last) {
          const r = recountConcern(concern, events.get(no) ?? [], triageOfficeId);
          for (const d of r.counts) {
            const k = `${d.scope.kind}|${d.scope.id}|${d.month}|${d.field}`;
            recounted.set(k, (recounted.get(k) ?? 0) + d.amount);
          }
          recountedEntries.push(...r.entries.map((e) => JSON.stringify(e)));
        }
        expect(Object.fromEntries(recounted)).toEqual(Object.fromEntries(live));
        expect(recountedEntries.sort()).toEqual(liveEntries.sort());
      }),
      { numRuns: 200 },
    );
  });
});
