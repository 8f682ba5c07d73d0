import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { act, loginAs, staff } from "../support/staff.js";

/**
 * Free text keeps no invisible controls (issue 12): a description of NUL characters, a name
 * with a right-to-left override, half a character: 400 with the field named, nothing stored.
 */
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

describe("text hygiene", () => {
  it("refuses control characters, bidi overrides and lone surrogates, naming the field", async () => {
    const cases: [string, Record<string, unknown>][] = [
      ["description", { description: "\u0000".repeat(11) }],
      ["description", { description: "倪巷浜河水发黑发臭\u001b[31m很久了" }],
      ["contactName", { contactName: "张\u202E三" }],
      ["address", { address: "梅泾村 \uD83D 号" }],
    ];
    for (const [field, patch] of cases) {
      const res = await submit(
        api,
        { ...smellyCreek, ...patch },
        { headers: { "accept-language": "en" } },
      );
      expect(res.status, field).toBe(400);
      const body = await res.json();
      expect(body.error.fields[field]).toMatch(/control or text-direction/);
    }
  });

  it("keeps line breaks as forms send them", async () => {
    const res = await submit(api, {
      ...smellyCreek,
      description: "倪巷浜河水发黑发臭。\r\n夏天尤其严重，\t希望尽快治理。",
    });
    expect(res.status).toBe(201);
  });

  it("applies to staff text too", async () => {
    const cadre = await loginAs(api, "cadre");
    const { ledgerNo } = await (await submit(api, smellyCreek)).json();
    const res = await act(api, cadre, ledgerNo, { type: "note", text: "内部\u2066备注\u2069" });
    expect(res.status).toBe(400);
  });

  it("counts a text of only invisible characters as empty (20 zero-width spaces)", async () => {
    for (const blank of ["\u200B".repeat(20), `${"\uFEFF\u2060".repeat(10)} `]) {
      const res = await submit(
        api,
        { ...smellyCreek, description: blank },
        { headers: { "accept-language": "en" } },
      );
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.fields.description).toMatch(/At least \d+ characters/);
    }
    // An optional field that shows nothing is taken as left empty.
    const res = await submit(api, { ...smellyCreek, contactName: "\u200B\u200B\u2060" });
    expect(res.status).toBe(201);
  });

  it("refuses a bidi override in names admin writes, and writes nothing", async () => {
    const admin = await loginAs(api, "admin");
    const member = await staff(api, admin, "POST", "/api/staff/party-members", {
      name: "周\u202E志红",
      villageId: "meijing",
      post: { kind: "group", groupId: "meijing-01", title: "联系户" },
    });
    expect(member.status).toBe(400);
    expect((await member.json()).error.fields.name).toMatch(/控制字符|control/);
    const members = await (
      await staff(api, admin, "GET", "/api/staff/party-members?villageId=meijing")
    ).json();
    expect(JSON.stringify(members)).not.toContain("\u202E");

    const account = await staff(api, admin, "POST", "/api/staff/accounts", {
      username: "bidiname",
      name: "许\u202E干部",
      role: "cadre",
      departmentId: "env-bureau",
    });
    expect(account.status).toBe(400);
    const blank = await staff(api, admin, "POST", "/api/staff/accounts", {
      username: "blankname",
      name: "\u200B".repeat(20),
      role: "cadre",
      departmentId: "env-bureau",
    });
    expect(blank.status).toBe(400);
    const accounts = await (await staff(api, admin, "GET", "/api/staff/accounts")).json();
    const usernames = accounts.items.map((a: { username: string }) => a.username);
    expect(usernames).not.toContain("bidiname");
    expect(usernames).not.toContain("blankname");
  });
});
