import { describe, expect, it } from "vitest";
import type { Concern, ConcernEvent } from "../concern/concern.js";
import { registerConcern } from "../intake/register-concern.js";
import { routeConcern } from "../routing/route-concern.js";
import { index } from "../testing/random-histories.js";
import { officialCalendar } from "../time/working-calendar.js";
import {
  countByDepartment,
  isWatchedOverdue,
  mayBeWatched,
  repeatOf,
  watchEntriesFromHistory,
  watchEntriesOf,
  watchListsEntered,
} from "./watch-lists.js";

let seq = 0;
function concern(over: Partial<Concern> = {}, categoryCode = "environment"): Concern {
  const village = index.village("meijing");
  const category = index.category(categoryCode);
  if (!village || !category) throw new Error("demo directory");
  seq++;
  const { concern } = registerConcern({
    input: {
      villageId: "meijing",
      categoryCode,
      description: "河水发黑发臭需要治理",
      anonymous: false,
    },
    routing: routeConcern(index, village as never, category as never, null),
    limits: category.limits as never,
    calendar: officialCalendar,
    ledgerNo: `LS-2026-${String(seq).padStart(6, "0")}`,
    accessCode: "7KQ2M9X4PA",
    now: new Date("2026-11-20T02:00:00Z"),
    newEventId: () => "e",
  });
  return { ...concern, ...over };
}

describe("watchListsEntered", () => {
  it("puts a concern on a list once, when its count crosses the line", () => {
    const c = concern();
    expect(watchListsEntered(null, c)).toEqual([]);
    expect(watchListsEntered(c, { ...c, dissatisfiedCount: 1 })).toEqual([]);
    const once = { ...c, dissatisfiedCount: 1 };
    expect(watchListsEntered(once, { ...c, dissatisfiedCount: 2 })).toEqual(["dissatisfied_twice"]);
    // A third rating (or any later change) does not enter it again.
    expect(
      watchListsEntered({ ...c, dissatisfiedCount: 2 }, { ...c, dissatisfiedCount: 3 }),
    ).toEqual([]);
    expect(watchListsEntered({ ...c, returnCount: 1 }, { ...c, returnCount: 2 })).toEqual([]);
    expect(watchListsEntered({ ...c, returnCount: 2 }, { ...c, returnCount: 3 })).toEqual([
      "returned_thrice",
    ]);
    expect(watchListsEntered({ ...c, returnCount: 3 }, { ...c, returnCount: 4 })).toEqual([]);
  });

  it("puts a conduct complaint on the conduct list at registration", () => {
    const conduct = concern({}, "cadre_conduct");
    expect(conduct.routing.visibility).toBe("discipline");
    expect(watchListsEntered(null, conduct)).toEqual(["conduct"]);
    expect(watchListsEntered(conduct, { ...conduct, version: conduct.version + 1 })).toEqual([]);
    const [entry] = watchEntriesOf(null, conduct, conduct.createdAt);
    expect(entry).toEqual({
      list: "conduct",
      at: conduct.createdAt,
      ledgerNo: conduct.ledgerNo,
      departmentId: conduct.routing.department.id,
      villageId: "meijing",
    });
  });
});

describe("watchEntriesFromHistory", () => {
  const event = (seq: number, type: ConcernEvent["type"], data = {}): ConcernEvent => ({
    ledgerNo: "LS-2026-000001",
    seq,
    id: `e${seq}`,
    type,
    at: `2026-11-2${seq}T01:00:00.000Z`,
    actor: { kind: "system", id: null, name: null },
    reason: null,
    public: false,
    text: null,
    data,
  });

  it("dates each list at the event that crossed its line, as the live write does", () => {
    const c = concern({ dissatisfiedCount: 2, returnCount: 3 });
    expect(mayBeWatched(c)).toBe(true);
    const history = [
      event(1, "returned"),
      event(2, "rated", { rating: "dissatisfied" }),
      event(3, "returned"),
      event(4, "rated", { rating: "basically_satisfied" }),
      event(5, "returned"),
      event(6, "rated", { rating: "dissatisfied" }),
      event(7, "returned"),
    ];
    expect(watchEntriesFromHistory(c, history).map((e) => [e.list, e.at])).toEqual([
      ["returned_thrice", "2026-11-25T01:00:00.000Z"],
      ["dissatisfied_twice", "2026-11-26T01:00:00.000Z"],
    ]);
    expect(mayBeWatched(concern())).toBe(false);
    expect(watchEntriesFromHistory(concern(), history.slice(0, 3))).toEqual([]);
  });

  it("lists a conduct complaint at its registration", () => {
    const conduct = concern({}, "cadre_conduct");
    expect(watchEntriesFromHistory(conduct, [])).toEqual(
      watchEntriesOf(null, conduct, conduct.createdAt),
    );
  });
});

describe("isWatchedOverdue", () => {
  // Friday 27 November 2026, end of the day in Shanghai: five working days later is Friday 4
  // December (the weekend does not count).
  const signForBy = "2026-11-27T15:59:59.999Z";
  const c = concern({ status: "assigned" });
  const due = { ...c, deadlines: { ...c.deadlines, signForBy } };

  it("counts working days by the town's calendar, from the limit's day", () => {
    expect(isWatchedOverdue(due, new Date("2026-11-28T02:00:00Z"), officialCalendar)).toBe(false);
    // Thursday 3 December: 6 calendar days, 4 working days.
    expect(isWatchedOverdue(due, new Date("2026-12-03T02:00:00Z"), officialCalendar)).toBe(false);
    expect(isWatchedOverdue(due, new Date("2026-12-04T12:00:00Z"), officialCalendar)).toBe(false);
    expect(isWatchedOverdue(due, new Date("2026-12-04T16:00:00Z"), officialCalendar)).toBe(true);
  });

  it("watches only open items against a staff limit", () => {
    const answered = { ...due, status: "answered" as const };
    expect(isWatchedOverdue(answered, new Date("2026-12-10T02:00:00Z"), officialCalendar)).toBe(
      false,
    );
  });
});

describe("repeatOf", () => {
  const at = (iso: string, over: Partial<Concern> = {}) => ({
    ledgerNo: `LS-${iso}`,
    createdAt: iso,
    villageId: "meijing",
    categoryCode: "environment",
    ...over,
  });

  it("needs 3 concerns of the same village and category within 90 days", () => {
    const first = at("2026-09-01T00:00:00.000Z");
    const second = at("2026-10-01T00:00:00.000Z");
    const third = at("2026-11-20T00:00:00.000Z");
    const all = [first, second, third];
    expect(repeatOf(third, all)).toEqual([first.ledgerNo, second.ledgerNo]);
    expect(repeatOf(second, all)).toBeNull();
    // 90 days before 2026-12-05 is 2026-09-06: the first falls out.
    const fourth = at("2026-12-05T00:00:00.000Z");
    expect(repeatOf(fourth, [...all, fourth])).toEqual([second.ledgerNo, third.ledgerNo]);
  });

  it("does not count another village, another category or a later concern", () => {
    const a = at("2026-11-01T00:00:00.000Z");
    const b = at("2026-11-02T00:00:00.000Z", { villageId: "doumen" });
    const c = at("2026-11-03T00:00:00.000Z", { categoryCode: "roads" });
    const d = at("2026-11-04T00:00:00.000Z");
    const later = at("2026-11-05T00:00:00.000Z");
    expect(repeatOf(d, [a, b, c, d, later])).toBeNull();
    expect(repeatOf(later, [a, b, c, d, later])).toEqual([a.ledgerNo, d.ledgerNo]);
  });
});

describe("countByDepartment", () => {
  it("counts entries per department", () => {
    expect(
      countByDepartment([{ departmentId: "a" }, { departmentId: "b" }, { departmentId: "a" }]),
    ).toEqual([
      { departmentId: "a", count: 2 },
      { departmentId: "b", count: 1 },
    ]);
  });
});
