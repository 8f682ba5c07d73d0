import { describe, expect, it } from "vitest";
import type { Concern } from "../concern/concern.js";
import { applyAction } from "../concern/state-machine.js";
import { registerConcern } from "../intake/register-concern.js";
import { routeConcern } from "../routing/route-concern.js";
import type { StaffUser } from "../staff/schema.js";
import { admin, index } from "../testing/random-histories.js";
import { officialCalendar } from "../time/working-calendar.js";
import { residentMessagesFor } from "./resident-messages.js";
import { renderSms } from "./sms-texts.js";
import {
  departmentHeadAddress,
  departmentHeadPhone,
  departmentOfAddress,
  urgentAlertsFor,
} from "./urgent-alerts.js";

let ids = 0;
const newId = () => `id-${++ids}`;
const head: StaffUser = {
  id: "work-safety-head",
  username: "ws",
  name: "安监办负责人",
  role: "dept_head",
  departmentId: "work-safety",
  villageIds: [],
};

/** A concern of `categoryCode` registered at `at`, with its alerts. */
function registered(categoryCode: string, at: string, channel: Concern["channel"] = "online") {
  const now = new Date(at);
  const village = index.village("doumen");
  const category = index.category(categoryCode);
  if (!village || !category) throw new Error("demo directory");
  const result = registerConcern({
    input: {
      villageId: "doumen",
      categoryCode,
      description: "路口电线杆倾斜，随时可能倒下",
      contactName: "李四",
      contactPhone: "13800138000",
      anonymous: false,
    },
    channel,
    routing: routeConcern(index, village, category, null),
    limits: category.limits,
    calendar: officialCalendar,
    ledgerNo: "LS-2026-000777",
    accessCode: "7KQ2M9X4PA",
    now,
    newEventId: newId,
  });
  return {
    ...result,
    alerts: urgentAlertsFor(result.concern, result.events, category, { now, newId }),
  };
}

describe("urgent alerts", () => {
  it("are flagged on the demo's 安全隐患 only", () => {
    const urgent = index.directory.categories.filter((c) => c.urgent).map((c) => c.code);
    expect(urgent).toEqual(["safety_hazard"]);
  });

  it("go to the handling department's head at once, even at 23:00 in Shanghai", () => {
    const { concern, alerts } = registered("safety_hazard", "2026-12-07T15:00:00Z");
    expect(concern.routing.department.id).toBe("work-safety");
    expect(alerts).toEqual([
      {
        id: expect.any(String),
        kind: "urgent_alert",
        to: "department-head:work-safety",
        audience: "staff",
        ledgerNo: "LS-2026-000777",
        params: { ledgerNo: "LS-2026-000777", category: "安全隐患", department: "安监办" },
        link: null,
        createdAt: "2026-12-07T15:00:00.000Z",
        sendAfter: "2026-12-07T15:00:00.000Z",
      },
    ]);
    const text = renderSms("urgent_alert", alerts[0]?.params ?? {}, "【洛社镇】");
    expect(text).toBe("【洛社镇】紧急诉求LS-2026-000777（安全隐患）已交安监办，请即处理。");
    expect(text).not.toContain("李四");
    expect(text).not.toContain("电线杆");
  });

  it("go whatever the channel, while the resident's messages follow the resident's choice", () => {
    for (const channel of ["online", "phone", "open311"] as const) {
      const { concern, events, alerts } = registered(
        "safety_hazard",
        "2026-12-07T15:00:00Z",
        channel,
      );
      expect(alerts.map((a) => a.to)).toEqual(["department-head:work-safety"]);
      const resident = residentMessagesFor(concern, events, { now: new Date(), newId });
      expect(resident.every((m) => m.audience === "resident")).toBe(true);
      if (channel === "open311") expect(resident).toEqual([]);
    }
  });

  it("are none for a category that is not urgent, or one stored before the flag", () => {
    expect(registered("environment", "2026-12-07T15:00:00Z").alerts).toEqual([]);
    const { concern, events } = registered("safety_hazard", "2026-12-07T15:00:00Z");
    const stored = { name: "安全隐患" } as { name: string; urgent: boolean };
    expect(urgentAlertsFor(concern, events, stored, { now: new Date(), newId })).toEqual([]);
    expect(urgentAlertsFor(concern, events, undefined, { now: new Date(), newId })).toEqual([]);
  });

  it("follow the concern when it is returned to triage and dispatched elsewhere, not otherwise", () => {
    const category = index.category("safety_hazard");
    const { concern } = registered("safety_hazard", "2026-12-07T02:00:00Z");
    const now = new Date("2026-12-07T14:30:00Z");
    const ctx = (user: StaffUser) => ({
      user,
      now,
      newEventId: newId,
      calendar: officialCalendar,
      limits: category?.limits as NonNullable<typeof category>["limits"],
      index,
    });
    const alertsOf = (c: Concern, events: Parameters<typeof urgentAlertsFor>[1]) =>
      urgentAlertsFor(c, events, category, { now, newId }).map((a) => [a.to, a.params.department]);

    const accepted = applyAction(concern, { type: "accept", expectedVersion: 2 }, ctx(head));
    expect(alertsOf(accepted.concern, accepted.events)).toEqual([]);
    const returned = applyAction(
      accepted.concern,
      { type: "return", reason: "不属本部门", expectedVersion: accepted.concern.version },
      ctx(head),
    );
    expect(alertsOf(returned.concern, returned.events)).toEqual([
      ["department-head:town-office", "党政办"],
    ]);
    const dispatched = applyAction(
      returned.concern,
      {
        type: "dispatch",
        departmentId: "water-station",
        expectedVersion: returned.concern.version,
      },
      ctx(admin),
    );
    expect(alertsOf(dispatched.concern, dispatched.events)).toEqual([
      ["department-head:water-station", index.department("water-station")?.name],
    ]);
  });

  it("name their recipient by department", () => {
    expect(departmentHeadAddress("work-safety")).toBe("department-head:work-safety");
    expect(departmentOfAddress("department-head:work-safety")).toBe("work-safety");
    expect(departmentOfAddress("+8613800138000")).toBeNull();
    expect(departmentOfAddress("department-head:")).toBeNull();
  });
});

describe("the department head's phone", () => {
  const department = index.department("work-safety");
  const account = { active: true, phone: "138 0013 8000" };

  it("is the mainland mobile on the head's account, in E.164", () => {
    expect(departmentHeadPhone("work-safety", department, account)).toEqual({
      ok: true,
      to: "+8613800138000",
    });
  });

  it("is an error admin can act on when the directory or the account falls short", () => {
    const error = (...args: Parameters<typeof departmentHeadPhone>) => {
      const r = departmentHeadPhone(...args);
      return r.ok ? null : r.error.split(":")[0];
    };
    expect(error("gone", undefined, account)).toBe("unknown_department");
    expect(error("work-safety", department, null)).toBe("no_head_account");
    expect(error("work-safety", department, { ...account, active: false })).toBe(
      "head_account_retired",
    );
    expect(error("work-safety", department, { active: true, phone: null })).toBe("no_head_mobile");
    expect(error("work-safety", department, { active: true })).toBe("no_head_mobile");
    expect(error("work-safety", department, { active: true, phone: "0510-83312345" })).toBe(
      "no_head_mobile",
    );
    const r = departmentHeadPhone("work-safety", department, { active: true, phone: null });
    expect(r.ok ? "" : r.error).toContain("安监办负责人");
  });
});
