import { describe, expect, it } from "vitest";
import {
  heldLogHref,
  readPartyMemberForm,
  readRotationForm,
  readServiceDayForm,
  readServiceDayHeldForm,
} from "./grid-forms";

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
};

describe("grid forms", () => {
  it("reads a rotation request", () => {
    expect(
      readRotationForm(form({ startMonth: "2026-03", horizonMonths: "12", intervalMonths: "2" })),
    ).toEqual({ startMonth: "2026-03", horizonMonths: 12, intervalMonths: 2 });
  });

  it("reads weekly and once-off service days", () => {
    const base = { villageId: "yaxi", place: " 小区门卫室 ", startTime: "08:30", endTime: "11:30" };
    expect(
      readServiceDayForm(form({ ...base, kind: "weekly", weekday: "1", from: "2026-01-05" })),
    ).toEqual({
      villageId: "yaxi",
      place: "小区门卫室",
      startTime: "08:30",
      endTime: "11:30",
      schedule: { kind: "weekly", weekday: 1, from: "2026-01-05", until: null },
    });
    expect(
      readServiceDayForm(form({ ...base, kind: "once", date: "2026-03-16", personId: "li-ming" })),
    ).toMatchObject({ personId: "li-ming", schedule: { kind: "once", date: "2026-03-16" } });
  });

  it("reads a service day held, and links to its log", () => {
    expect(
      readServiceDayHeldForm(
        form({ date: "2026-09-24", peopleReached: "12", peopleConsulted: "", notes: " 议路灯 " }),
      ),
    ).toEqual({ date: "2026-09-24", peopleReached: 12, peopleConsulted: 0, notes: "议路灯" });
    expect(readServiceDayHeldForm(form({ date: "2026-09-24" }))).toEqual({
      date: "2026-09-24",
      peopleReached: 0,
      peopleConsulted: 0,
      notes: "",
    });
    expect(
      readServiceDayHeldForm(form({ date: "2026-09-24", peopleReached: "x" })).peopleReached,
    ).toBeNaN();
    expect(heldLogHref("2026-09-24", "fl-sd-doumen-dusk-2026-09-24")).toBe(
      "/field-logs?month=2026-09#log-fl-sd-doumen-dusk-2026-09-24",
    );
  });

  it("reads a party member's post", () => {
    expect(
      readPartyMemberForm(
        form({
          name: "周志红",
          villageId: "meijing",
          kind: "group",
          groupId: "meijing-01",
          title: "宣讲员",
          households: "x",
        }),
      ).post,
    ).toEqual({ kind: "group", groupId: "meijing-01", households: null, title: "宣讲员" });
    expect(
      readPartyMemberForm(
        form({
          name: "周志红",
          villageId: "meijing",
          kind: "households",
          households: "倪巷组 1–9 号",
          title: "联系户",
        }),
      ).post,
    ).toEqual({ kind: "households", groupId: null, households: "倪巷组 1–9 号", title: "联系户" });
  });
});
