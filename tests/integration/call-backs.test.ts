import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { act, loginAs, staff } from "../support/staff.js";

/**
 * 回访 (issue 14): answered concerns whose residents cannot rate from an SMS are called back;
 * the rating taken by phone counts as theirs and says who took it. Staff cannot rate an answer
 * whose resident got the rating link.
 */
let api: TestApi;
let head: string;
let clock = new Date("2026-12-07T02:00:00Z");

beforeAll(async () => {
  api = await createTestApi({ now: () => clock });
  head = await loginAs(api, "head");
});

async function answeredWith(contact: Record<string, unknown>) {
  const res = await submit(
    api,
    { ...smellyCreek, ...contact },
    { from: `10.5.${Math.floor(Math.random() * 250)}.2` },
  );
  expect(res.status).toBe(201);
  const { ledgerNo } = await res.json();
  expect((await act(api, head, ledgerNo, { type: "accept" })).status).toBe(200);
  const answer = await act(api, head, ledgerNo, {
    type: "answer",
    outcome: "explained",
    publicReply: "已解释政策。",
  });
  expect(answer.status).toBe(200);
  return ledgerNo as string;
}

const list = async (token: string) =>
  (await (await staff(api, token, "GET", "/api/staff/call-backs")).json()).items as Array<{
    ledgerNo: string;
    reason: string;
  }>;

describe("the call-back list", () => {
  it("holds answers whose residents have a landline or no SMS, oldest first, not the others", async () => {
    const landline = await answeredWith({ contactPhone: "0510-83312345" });
    clock = new Date(clock.getTime() + 60_000);
    const optedOut = await answeredWith({ contactPhone: "13900000111", smsOptOut: true });
    const bySms = await answeredWith({ contactPhone: "13900000112" });
    const anonymous = await answeredWith({ anonymous: true });
    const rows = await list(head);
    const mine = rows.filter((r) => [landline, optedOut, bySms, anonymous].includes(r.ledgerNo));
    expect(mine.map((r) => [r.ledgerNo, r.reason])).toEqual([
      [landline, "landline"],
      [optedOut, "sms_off"],
    ]);
    expect(JSON.stringify(rows)).not.toContain("0510-83312345");
    // The discipline commission checks ratings; it does not take them.
    const inspector = await loginAs(api, "inspector");
    expect((await staff(api, inspector, "GET", "/api/staff/call-backs")).status).toBe(403);
  });

  it("records a rating taken by phone as the resident's, naming who took it", async () => {
    const ledgerNo = await answeredWith({ contactPhone: "0510-83312346" });
    const view = await (await staff(api, head, "GET", `/api/staff/concerns/${ledgerNo}`)).json();
    const rate = (body: Record<string, unknown>) =>
      staff(api, head, "POST", `/api/staff/concerns/${ledgerNo}/phone-rating`, body);
    // The resident's words are required.
    expect(
      (await rate({ rating: "satisfied", comment: " ", expectedVersion: view.version })).status,
    ).toBe(400);
    const res = await rate({
      rating: "satisfied",
      comment: "满意，河道清了",
      expectedVersion: view.version,
    });
    expect(res.status).toBe(201);
    expect((await res.json()).status).toBe("struck_off");
    const found = await api.deps.store.getConcernWithEvents(ledgerNo);
    const rated = found?.events.find((e) => e.type === "rated");
    expect(rated).toMatchObject({
      actor: { kind: "staff" },
      text: "满意，河道清了",
      data: { rating: "satisfied", channel: "phone" },
    });
    expect((await list(head)).map((r) => r.ledgerNo)).not.toContain(ledgerNo);
  });

  it("refuses a phone rating for an answer whose resident has the rating link", async () => {
    const ledgerNo = await answeredWith({ contactPhone: "13900000113" });
    const view = await (await staff(api, head, "GET", `/api/staff/concerns/${ledgerNo}`)).json();
    const res = await staff(api, head, "POST", `/api/staff/concerns/${ledgerNo}/phone-rating`, {
      rating: "satisfied",
      comment: "满意",
      expectedVersion: view.version,
    });
    expect(res.status).toBe(409);
  });
});
