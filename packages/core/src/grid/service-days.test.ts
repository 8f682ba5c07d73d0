import { describe, expect, it } from "vitest";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { indexDirectory } from "../directory/lookup.js";
import { officialCalendar } from "../time/working-calendar.js";
import { buildDemoGrid } from "./demo-grid.js";
import { partyMemberFrom } from "./party-members.js";
import type { ServiceDay } from "./schema.js";
import { isoWeekday, isServiceDayOn, nextServiceDays, pastServiceDates } from "./service-days.js";
import { toPublicVillage } from "./village-view.js";

const monday: ServiceDay = {
  id: "sd-yaxi",
  personId: "zhang-wei",
  villageId: "yaxi",
  place: "小区门卫室",
  startTime: "08:30",
  endTime: "11:30",
  schedule: { kind: "weekly", weekday: 1, from: "2026-01-05", until: null },
  demo: true,
  retiredAt: null,
};

describe("nextServiceDays", () => {
  it("expands a weekly schedule to its next Mondays", () => {
    const days = nextServiceDays([monday], "2026-03-11", 3);
    expect(days.map((d) => d.date)).toEqual(["2026-03-16", "2026-03-23", "2026-03-30"]);
    expect(days.every((d) => isoWeekday(d.date) === 1)).toBe(true);
    expect(days[0]).toMatchObject({ place: "小区门卫室", startTime: "08:30", endTime: "11:30" });
  });

  it("includes the from date itself when it is a service day", () => {
    expect(nextServiceDays([monday], "2026-03-16", 1)[0]?.date).toBe("2026-03-16");
  });

  it("starts no earlier than the schedule's first day and stops at its last", () => {
    const bounded: ServiceDay = {
      ...monday,
      schedule: { kind: "weekly", weekday: 1, from: "2026-04-01", until: "2026-04-20" },
    };
    expect(nextServiceDays([bounded], "2026-01-01", 10).map((d) => d.date)).toEqual([
      "2026-04-06",
      "2026-04-13",
      "2026-04-20",
    ]);
  });

  it("skips official holidays on weekdays (2026-10-05 is a Monday of the National Day break)", () => {
    const withHolidays = nextServiceDays([monday], "2026-09-28", 3, { calendar: officialCalendar });
    expect(withHolidays.map((d) => d.date)).toEqual(["2026-09-28", "2026-10-12", "2026-10-19"]);
    // Without a calendar every Monday counts.
    expect(nextServiceDays([monday], "2026-09-28", 2).map((d) => d.date)).toEqual([
      "2026-09-28",
      "2026-10-05",
    ]);
  });

  it("keeps a weekend schedule (weekends are not holidays for it)", () => {
    const saturday: ServiceDay = {
      ...monday,
      schedule: { kind: "weekly", weekday: 6, from: "2026-01-01", until: null },
    };
    const days = nextServiceDays([saturday], "2026-03-01", 2, { calendar: officialCalendar });
    expect(days.map((d) => d.date)).toEqual(["2026-03-07", "2026-03-14"]);
  });

  it("keeps a one-off day whatever the calendar says, merges schedules by date and time, skips retired", () => {
    const once: ServiceDay = {
      ...monday,
      id: "sd-once",
      startTime: "07:00",
      schedule: { kind: "once", date: "2026-10-01" },
    };
    const retired: ServiceDay = { ...monday, id: "sd-retired", retiredAt: "2026-01-01T00:00:00Z" };
    const days = nextServiceDays([monday, once, retired], "2026-09-28", 3, {
      calendar: officialCalendar,
    });
    expect(days.map((d) => [d.date, d.serviceDayId])).toEqual([
      ["2026-09-28", "sd-yaxi"],
      ["2026-10-01", "sd-once"],
      ["2026-10-12", "sd-yaxi"],
    ]);
    expect(nextServiceDays([once], "2026-10-02", 5)).toEqual([]);
    expect(nextServiceDays([monday], "2026-01-01", 0)).toEqual([]);
  });

  it("knows whether a date is one of a schedule's days", () => {
    expect(isServiceDayOn(monday, "2026-03-16")).toBe(true);
    expect(isServiceDayOn(monday, "2026-03-17")).toBe(false);
    expect(isServiceDayOn(monday, "2026-10-05", officialCalendar)).toBe(false);
  });
});

describe("demo grid and the public village view", () => {
  const directory = buildDemoDirectory();
  const index = indexDirectory(directory);
  const grid = buildDemoGrid(directory);

  it("gives every village a few demo party members with valid posts", () => {
    for (const v of directory.villages) {
      const members = grid.partyMembers.filter((m) => m.villageId === v.id);
      expect(members.length).toBe(3);
      for (const m of members) {
        expect(m.demo).toBe(true);
        expect(() =>
          partyMemberFrom({ name: m.name, villageId: m.villageId, post: m.post }, v, { id: m.id }),
        ).not.toThrow();
      }
    }
  });

  it("schedules 雅西社区 every Monday 08:30–11:30 at 小区门卫室 by its contact leader", () => {
    const yaxi = grid.serviceDays.find((d) => d.villageId === "yaxi");
    expect(yaxi).toMatchObject({
      place: "小区门卫室",
      startTime: "08:30",
      endTime: "11:30",
      schedule: { kind: "weekly", weekday: 1 },
      personId: index.village("yaxi")?.contactLeaderId,
    });
  });

  it("shows names, titles and posts only", () => {
    const view = toPublicVillage(
      index,
      "yaxi",
      { ...grid, today: "2026-03-11", calendar: officialCalendar },
      "zh-CN",
    );
    expect(view?.village.name).toBe("雅西社区");
    expect(view?.pairedDepartments.map((d) => d.name)).toEqual(["信访办", "应急管理办"]);
    expect(view?.nextServiceDays[0]).toMatchObject({ date: "2026-03-16", place: "小区门卫室" });
    expect(view?.nextServiceDays[0]?.host?.name).toBe(
      index.leader(index.village("yaxi")?.contactLeaderId ?? "")?.name,
    );
    expect(view?.partyMembers).toHaveLength(3);
    expect(view?.groups.every((g) => g.holder === null || typeof g.holder.name === "string")).toBe(
      true,
    );
    const text = JSON.stringify(view);
    expect(text).not.toMatch(/phone|1[3-9]\d{9}|holderId|personId/);
    expect(toPublicVillage(index, "nowhere", { ...grid, today: "2026-03-11" }, "zh-CN")).toBe(null);
  });
});

describe("pastServiceDates", () => {
  it("walks back from a date to the schedule's earlier days, newest first, today included", () => {
    expect(pastServiceDates(monday, "2026-03-11", 3)).toEqual([
      "2026-03-09",
      "2026-03-02",
      "2026-02-23",
    ]);
    expect(pastServiceDates(monday, "2026-03-16", 1)).toEqual(["2026-03-16"]);
    for (const d of pastServiceDates(monday, "2026-06-30", 4)) {
      expect(isServiceDayOn(monday, d)).toBe(true);
    }
  });

  it("stays within the schedule's first and last days", () => {
    const bounded: ServiceDay = {
      ...monday,
      schedule: { kind: "weekly", weekday: 1, from: "2026-04-01", until: "2026-04-20" },
    };
    expect(pastServiceDates(bounded, "2026-12-31", 10)).toEqual([
      "2026-04-20",
      "2026-04-13",
      "2026-04-06",
    ]);
    expect(pastServiceDates(bounded, "2026-03-31", 10)).toEqual([]);
  });

  it("gives a one-off day once it has come, and nothing for a retired schedule", () => {
    const once: ServiceDay = { ...monday, schedule: { kind: "once", date: "2026-05-04" } };
    expect(pastServiceDates(once, "2026-05-03", 3)).toEqual([]);
    expect(pastServiceDates(once, "2026-05-04", 3)).toEqual(["2026-05-04"]);
    expect(
      pastServiceDates({ ...monday, retiredAt: "2026-03-01T00:00:00Z" }, "2026-03-11", 3),
    ).toEqual([]);
  });

  it("skips official holidays when given the calendar", () => {
    // 2026-10-05 is a Monday in the National Day holiday.
    const dates = pastServiceDates(monday, "2026-10-12", 2, { calendar: officialCalendar });
    expect(dates).toEqual(["2026-10-12", "2026-09-28"]);
  });
});
