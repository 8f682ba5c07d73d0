import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { act, loginAs, staff } from "../support/staff.js";

/**
 * Staff hear of new concerns (issue 14): the handling department's head and cadres (one
 * shared item) and the village's contact leader, written with the concern; a concern
 * dispatched from triage reaches the department it is sent to. `GET /api/staff/me` counts
 * the unread ones (the badge on 消息 on every staff page): up with a new concern, down once
 * it is read, and never a failed answer because the count failed.
 */

/** When set, the unread index's count Queries (store AP-O4) fail as a throttled table would. */
let countsFail = false;

/** The app's client, its unread counts failing while `countsFail` is set. */
function failingCounts(client: DynamoDBDocumentClient): DynamoDBDocumentClient {
  type Command = { input: { IndexName?: string; Select?: string } };
  const send = client.send.bind(client) as unknown as (c: Command, ...r: unknown[]) => unknown;
  const wrapped = (command: Command, ...rest: unknown[]) => {
    if (countsFail && command.input?.Select === "COUNT") {
      return Promise.reject(
        Object.assign(new Error("Throughput exceeds the current capacity"), {
          name: "ProvisionedThroughputExceededException",
        }),
      );
    }
    return send(command, ...rest);
  };
  return new Proxy(client, {
    get: (target, property, receiver) =>
      property === "send" ? wrapped : Reflect.get(target, property, receiver),
  });
}

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({}, { wrapClient: failingCounts });
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

describe("the unread count on /api/staff/me", () => {
  const me = async (token: string) => {
    const res = await staff(api, token, "GET", "/api/staff/me");
    expect(res.status).toBe(200);
    return (await res.json()) as { user: { id: string } | null; unread: number | null };
  };
  const unread = async (token: string) => {
    const n = (await me(token)).unread;
    expect(typeof n).toBe("number");
    return n as number;
  };

  it("goes up by one for the department and the contact leader, down once it is read", async () => {
    const head = await loginAs(api, "head");
    const cadre = await loginAs(api, "cadre");
    const leader = await loginAs(api, "leader");
    const cadre2 = await loginAs(api, "cadre2");
    const before = {
      head: await unread(head),
      cadre: await unread(cadre),
      leader: await unread(leader),
      cadre2: await unread(cadre2),
    };
    const { ledgerNo } = await (await submit(api, smellyCreek, { from: "10.2.0.3" })).json();
    expect(await unread(head)).toBe(before.head + 1);
    expect(await unread(cadre)).toBe(before.cadre + 1);
    expect(await unread(leader)).toBe(before.leader + 1);
    // Another department's member: no change.
    expect(await unread(cadre2)).toBe(before.cadre2);

    // The head reads the department's item: read for the department, the leader's stays.
    const item = (await inbox("head")).items.find(
      (i) => i.ledgerNo === ledgerNo && i.kind === "new_concern",
    );
    const read = () =>
      staff(api, head, "POST", `/api/staff/inbox/${encodeURIComponent(item?.id ?? "")}/read`);
    expect((await read()).status).toBe(204);
    expect(await unread(head)).toBe(before.head);
    expect(await unread(cadre)).toBe(before.cadre);
    expect(await unread(leader)).toBe(before.leader + 1);
    // Read again: nothing changes.
    expect((await read()).status).toBe(204);
    expect(await unread(head)).toBe(before.head);
    expect(await unread(cadre2)).toBe(before.cadre2);
  });

  it("answers without a count (no badge) when counting fails", async () => {
    const head = await loginAs(api, "head");
    countsFail = true;
    try {
      const body = await me(head);
      expect(body.user?.id).toBeTruthy();
      expect(body.unread).toBeNull();
    } finally {
      countsFail = false;
    }
    expect(typeof (await me(head)).unread).toBe("number");
  });
});
