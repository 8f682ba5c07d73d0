import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { act, loginAs, staff } from "../support/staff.js";

/**
 * Staff hear of new concerns (issue 14): the handling department's head and cadres (one
 * shared item) and the village's contact leader, written with the concern; a concern
 * dispatched from triage reaches the department it is sent to.
 */
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

const inbox = async (who: string) => {
  const token = await loginAs(api, who);
  return (await (await staff(api, token, "GET", "/api/staff/inbox")).json()) as {
    items: Array<{ kind: string; ledgerNo: string; readAt: string | null; id: string }>;
    unread: number;
  };
};

describe("new concerns in staff inboxes", () => {
  it("reach the department's head and cadres and the contact leader, unread", async () => {
    const { ledgerNo } = await (await submit(api, smellyCreek, { from: "10.2.0.1" })).json();
    for (const who of ["head", "cadre", "leader"]) {
      const page = await inbox(who);
      const item = page.items.find((i) => i.ledgerNo === ledgerNo && i.kind === "new_concern");
      expect(item, who).toBeDefined();
      expect(item?.readAt).toBeNull();
      expect(page.unread).toBeGreaterThan(0);
    }
    // Another department's cadre hears nothing of it.
    expect((await inbox("cadre2")).items.some((i) => i.ledgerNo === ledgerNo)).toBe(false);
    // One of the department read it: read for the department.
    const cadre = await loginAs(api, "cadre");
    const mine = (await inbox("cadre")).items.find((i) => i.ledgerNo === ledgerNo);
    expect(
      (
        await staff(
          api,
          cadre,
          "POST",
          `/api/staff/inbox/${encodeURIComponent(mine?.id ?? "")}/read`,
        )
      ).status,
    ).toBeLessThan(300);
    expect((await inbox("head")).items.find((i) => i.ledgerNo === ledgerNo)?.readAt).not.toBeNull();
  });

  it("reach the department a concern in triage is dispatched to", async () => {
    const { ledgerNo, status } = await (
      await submit(api, { ...smellyCreek, categoryCode: "other" }, { from: "10.2.0.2" })
    ).json();
    expect(status).toBe("triage");
    expect(
      (await inbox("admin")).items.some((i) => i.ledgerNo === ledgerNo && i.kind === "new_concern"),
    ).toBe(true);
    const admin = await loginAs(api, "admin");
    expect(
      (await act(api, admin, ledgerNo, { type: "dispatch", departmentId: "env-bureau" })).status,
    ).toBe(200);
    const heads = (await inbox("head")).items.filter(
      (i) => i.ledgerNo === ledgerNo && i.kind === "new_concern",
    );
    expect(heads).toHaveLength(1);
  });
});
