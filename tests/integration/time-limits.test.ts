import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { loginAs, staff } from "../support/staff.js";

let api: TestApi;
let admin: string;
const now = new Date("2026-12-31T02:00:00.000Z"); // 10:00 on the last day of 2026 in Shanghai

beforeAll(async () => {
  api = await createTestApi({ now: () => now, directoryCacheMs: 0 });
  admin = await loginAs(api, "admin");
});

describe("time limits and the holiday calendar", () => {
  it("detects that next year's arrangement is missing and warns on the concern", async () => {
    const settings = await (await staff(api, admin, "GET", "/api/staff/calendar")).json();
    expect(settings).toEqual({ override: { holidays: {}, workdays: {} }, fallbackYears: [2027] });
    const receipt = await (await submit(api, smellyCreek)).json();
    const stored = await api.deps.store.getConcernWithEvents(receipt.ledgerNo);
    // Sign-for within 1 working day: 1 Jan is a fixed holiday, so Monday 4 Jan 2027.
    expect(stored?.concern.deadlines.signForBy).toBe("2027-01-04T15:59:59.999Z");
    expect(stored?.concern.calendarWarning).toMatch(/2027/);
    // Staff see it on the concern (the staff site shows it by the deadlines).
    const view = await (
      await staff(api, admin, "GET", `/api/staff/concerns/${receipt.ledgerNo}`)
    ).json();
    expect(view.calendarWarning).toMatch(/2027/);
  });

  it("uses admin's override once entered, and audits who entered it", async () => {
    const res = await staff(api, admin, "PUT", "/api/staff/calendar", {
      holidays: { "2027-01-01": "元旦", "2027-01-04": "调休（演示）" },
      workdays: {},
    });
    expect(res.status).toBe(200);
    expect((await res.json()).fallbackYears).toEqual([]);
    const receipt = await (await submit(api, smellyCreek)).json();
    const stored = await api.deps.store.getConcernWithEvents(receipt.ledgerNo);
    expect(stored?.concern.deadlines.signForBy).toBe("2027-01-05T15:59:59.999Z");
    expect(stored?.concern.calendarWarning).toBeNull();
    const cadre = await loginAs(api, "cadre");
    expect(
      (await staff(api, cadre, "PUT", "/api/staff/calendar", { holidays: {}, workdays: {} }))
        .status,
    ).toBe(403);
    const bad = await staff(api, admin, "PUT", "/api/staff/calendar", {
      holidays: { "2027-13-45x": "x" },
      workdays: {},
    });
    expect(bad.status).toBe(400);
  });

  it("lets admin change a category's limits for later concerns", async () => {
    const res = await staff(api, admin, "PATCH", "/api/staff/categories/environment", {
      limits: {
        signFor: { amount: 4, unit: "hours" },
        respond: { amount: 8, unit: "hours" },
        answer: { amount: 10, unit: "days" },
      },
    });
    expect(res.status).toBe(200);
    const receipt = await (await submit(api, smellyCreek)).json();
    expect(receipt.dueAt).toBe("2027-01-10T02:00:00.000Z");
    const refused = await staff(api, admin, "PATCH", "/api/staff/categories/environment", {
      limits: { signFor: { amount: 0, unit: "hours" } },
    });
    expect(refused.status).toBe(400);
  });

  it("writes a category's limits as a directory edit, audited under category#code", async () => {
    const limits = {
      signFor: { amount: 2, unit: "hours" },
      respond: { amount: 6, unit: "hours" },
      answer: { amount: 12, unit: "days" },
    };
    const before = (await api.deps.store.loadDirectory()).categories.find(
      (c) => c.code === "environment",
    );
    const res = await staff(api, admin, "PATCH", "/api/staff/categories/environment", { limits });
    expect(await res.json()).toEqual({ code: "environment", limits });
    const after = (await api.deps.store.loadDirectory()).categories.find(
      (c) => c.code === "environment",
    );
    expect(after).toEqual({ ...before, limits });
    const audit = await (
      await staff(api, admin, "GET", "/api/staff/audit?subject=category%23environment")
    ).json();
    // The clock is fixed in this file, so the entries share their time: look for this one.
    expect(audit.items).toContainEqual(
      expect.objectContaining({
        subject: "category#environment",
        before: expect.objectContaining({ code: "environment", limits: before?.limits }),
        after: expect.objectContaining({ code: "environment", limits }),
      }),
    );
    const unknown = await staff(api, admin, "PATCH", "/api/staff/categories/no_such", { limits });
    expect(unknown.status).toBe(404);
  });
});
