import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { act, loginAs } from "../support/staff.js";

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
});
