import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi, track } from "../support/api.js";
import { act, loginAs, staff } from "../support/staff.js";

/**
 * 催办 through the API: the village's contact leader presses whoever handles an open concern.
 * The note is on the staff timeline only and lands in the handler's inbox, in the change's
 * own transaction.
 */
let api: TestApi;
const t: Record<"leader" | "head" | "cadre" | "admin", string> = {
  leader: "",
  head: "",
  cadre: "",
  admin: "",
};

beforeAll(async () => {
  api = await createTestApi();
  for (const who of Object.keys(t) as (keyof typeof t)[]) t[who] = await loginAs(api, who);
});

const inbox = async (token: string) =>
  (await (await staff(api, token, "GET", "/api/staff/inbox")).json()).items as Array<{
    kind: string;
    ledgerNo: string;
    data: Record<string, unknown>;
  }>;

describe("urging the handler (催办)", () => {
  it("reaches the department's head while nobody has signed for it, then the assignee", async () => {
    const filed = await (await submit(api, smellyCreek)).json();
    const first = await act(api, t.leader, filed.ledgerNo, { type: "urge", note: "群众又来电了" });
    expect(first.status).toBe(200);
    const view = await first.json();
    expect(view.status).toBe("assigned");
    expect(view.timeline.at(-1)).toMatchObject({
      type: "urged",
      public: false,
      text: "群众又来电了",
      actor: { kind: "staff", name: "王建国" },
    });
    expect(
      (await inbox(t.head)).filter((n) => n.ledgerNo === filed.ledgerNo && n.kind === "urged"),
    ).toEqual([
      expect.objectContaining({
        kind: "urged",
        data: expect.objectContaining({ note: "群众又来电了", by: "王建国" }),
      }),
    ]);

    expect((await act(api, t.cadre, filed.ledgerNo, { type: "accept" })).status).toBe(200);
    expect(
      (await act(api, t.admin, filed.ledgerNo, { type: "urge", note: "请今天答复" })).status,
    ).toBe(200);
    const cadreInbox = (await inbox(t.cadre)).filter(
      (n) => n.ledgerNo === filed.ledgerNo && n.kind === "urged",
    );
    expect(cadreInbox.map((n) => n.data.note)).toEqual(["请今天答复"]);

    // The resident never sees it.
    const resident = await (await track(api, filed.ledgerNo, filed.accessCode)).json();
    expect(resident.timeline.map((e: { type: string }) => e.type)).not.toContain("urged");
  });

  it("is refused to the handlers themselves and once the concern is answered", async () => {
    const filed = await (await submit(api, smellyCreek)).json();
    expect(
      (await act(api, t.cadre, filed.ledgerNo, { type: "urge", note: "自己催自己" })).status,
    ).toBe(403);
    await act(api, t.cadre, filed.ledgerNo, { type: "accept" });
    await act(api, t.cadre, filed.ledgerNo, {
      type: "answer",
      outcome: "resolved",
      publicReply: "已清淤",
    });
    const late = await act(api, t.leader, filed.ledgerNo, { type: "urge", note: "太晚了" });
    expect(late.status).toBe(409);
    expect((await late.json()).error.code).toBe("invalid_transition");
    const empty = await act(api, t.leader, filed.ledgerNo, { type: "urge", note: "  " });
    expect(empty.status).toBe(400);
  });
});
