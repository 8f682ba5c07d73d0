import { describe, expect, it } from "vitest";
import { AUDIT_BATCH, auditStep, numbersToAudit, ORPHAN_AFTER_MS } from "./number-audit.js";

const t0 = new Date("2026-12-06T02:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);

describe("the audit of reserved ledger numbers", () => {
  it("reads only past the watermark, at most a batch a run", () => {
    expect(numbersToAudit({ accountedThrough: 3, sightings: [] }, 6)).toEqual([4, 5, 6]);
    expect(numbersToAudit({ accountedThrough: 6, sightings: [] }, 6)).toEqual([]);
    expect(numbersToAudit({ accountedThrough: 0, sightings: [] }, 10_000)).toHaveLength(
      AUDIT_BATCH,
    );
  });

  it("voids an empty number only once a sighting shows it is 10 minutes old", () => {
    // First run: 5 is empty, but nothing is known about when it was reserved.
    const first = auditStep({
      audit: { accountedThrough: 3, sightings: [] },
      lastSequence: 6,
      checked: [4, 5, 6],
      accounted: new Set([4, 6]),
      now: t0,
    });
    expect(first.toVoid).toEqual([]);
    expect(first.next).toEqual({
      accountedThrough: 4,
      sightings: [{ sequence: 6, at: t0.toISOString() }],
    });
    // Nine minutes on: still too young.
    const young = auditStep({
      audit: first.next,
      lastSequence: 8,
      checked: [5, 6, 7, 8],
      accounted: new Set([6, 7, 8]),
      now: later(ORPHAN_AFTER_MS - 60_000),
    });
    expect(young.toVoid).toEqual([]);
    expect(young.next.accountedThrough).toBe(4);
    // Ten minutes after the first sighting: 5 is voided, the watermark passes 8, and 9 (empty,
    // reserved since) waits for this run's sighting to age.
    const old = auditStep({
      audit: young.next,
      lastSequence: 9,
      checked: [5, 6, 7, 8, 9],
      accounted: new Set([6, 7, 8]),
      now: later(ORPHAN_AFTER_MS),
    });
    expect(old.toVoid).toEqual([5]);
    expect(old.next.accountedThrough).toBe(8);
    expect(old.next.sightings.map((s) => s.sequence)).toEqual([9]);
  });

  it("never voids a number above the horizon, nor one that holds a concern", () => {
    const step = auditStep({
      audit: { accountedThrough: 0, sightings: [{ sequence: 2, at: t0.toISOString() }] },
      lastSequence: 4,
      checked: [1, 2, 3, 4],
      accounted: new Set([1]),
      now: later(ORPHAN_AFTER_MS),
    });
    expect(step.toVoid).toEqual([2]);
    expect(step.next.accountedThrough).toBe(2);
  });

  it("keeps no sighting once everything is accounted for", () => {
    const step = auditStep({
      audit: { accountedThrough: 0, sightings: [{ sequence: 2, at: t0.toISOString() }] },
      lastSequence: 2,
      checked: [1, 2],
      accounted: new Set([1, 2]),
      now: later(1),
    });
    expect(step.next).toEqual({ accountedThrough: 2, sightings: [] });
  });
});
