import type { SmsRequest } from "@lianxin/functions";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi, track } from "../support/api.js";
import { newestCodeSentTo } from "../support/sms.js";

/**
 * 忘记查询码 (issue 14): the phone given at submission gets a 6-digit code by SMS; the code
 * gives a new access code and the old one stops working. Everything that does not fit gets
 * the same answer and sends nothing; tries, expiry and requests are limited.
 */
let api: TestApi;
let clock = new Date("2026-12-07T02:00:00Z");
const sent: SmsRequest[] = [];

beforeAll(async () => {
  api = await createTestApi({ now: () => clock });
});

const post = (path: string, body: unknown, from = "10.4.0.1") =>
  api.app.request(path, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-lianxin-client-address": from,
      "x-lianxin-site-secret": "test-site-secret",
    },
    body: JSON.stringify(body),
  });

const codeSentTo = (mobile: string) => newestCodeSentTo(api, sent, mobile);

async function submitted(contact: Record<string, unknown>) {
  const res = await submit(
    api,
    { ...smellyCreek, ...contact },
    { from: `10.3.${Math.floor(Math.random() * 250)}.1` },
  );
  return (await res.json()) as { ledgerNo: string; accessCode: string };
}

describe("recovering a lost access code", () => {
  it("sends a code to the phone on file and gives a new access code; the old one stops", async () => {
    const { ledgerNo, accessCode } = await submitted({ contactPhone: "13900001001" });
    const asked = await post(`/api/concerns/${ledgerNo}/recovery`, { phone: "139-0000-1001" });
    expect(asked.status).toBe(202);
    expect(await asked.json()).toEqual({ sent: true });
    const code = await codeSentTo("13900001001");
    expect(code).toMatch(/^\d{6}$/);
    const res = await post(`/api/concerns/${ledgerNo}/recovery/verify`, {
      phone: "13900001001",
      code,
    });
    expect(res.status).toBe(201);
    const { accessCode: fresh } = await res.json();
    expect(fresh).not.toBe(accessCode);
    expect((await track(api, ledgerNo, accessCode)).status).toBe(404);
    expect((await track(api, ledgerNo, fresh)).status).toBe(200);
    const found = await api.deps.store.getConcernWithEvents(ledgerNo);
    const event = found?.events.find((e) => e.type === "access_code_reissued");
    expect(event).toMatchObject({
      actor: { kind: "resident" },
      public: true,
      data: { via: "sms_code" },
    });
    expect(JSON.stringify(event)).not.toContain("13900001001");
    // The code serves once.
    expect(
      (await post(`/api/concerns/${ledgerNo}/recovery/verify`, { phone: "13900001001", code }))
        .status,
    ).toBe(400);
    // The stored SMS no longer holds the code.
    const stored = await api.deps.store.listSmsOfConcern(ledgerNo);
    expect(JSON.stringify(stored.filter((m) => m.kind === "one_time_code"))).not.toContain(code);
  });

  it("answers the same and sends nothing for a wrong phone, an unknown number, a landline or an anonymous concern", async () => {
    const mobile = await submitted({ contactPhone: "13900001002" });
    const landline = await submitted({ contactPhone: "0510-83312345" });
    const anonymous = await submitted({ contactPhone: "13900001003", anonymous: true });
    const before = sent.length;
    for (const [ledgerNo, phone] of [
      [mobile.ledgerNo, "13900009999"],
      ["LS-2026-999999", "13900001002"],
      [landline.ledgerNo, "0510-83312345"],
      [anonymous.ledgerNo, "13900001003"],
    ]) {
      const res = await post(`/api/concerns/${ledgerNo}/recovery`, { phone }, "10.4.0.2");
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ sent: true });
    }
    await codeSentTo("none");
    expect(sent.slice(before).filter((r) => r.kind === "one_time_code")).toEqual([]);
  });

  it("voids a code after five wrong tries, and refuses an expired one", async () => {
    const { ledgerNo } = await submitted({ contactPhone: "13900001004" });
    await post(`/api/concerns/${ledgerNo}/recovery`, { phone: "13900001004" }, "10.4.0.3");
    const code = (await codeSentTo("13900001004")) as string;
    const wrong = code === "000000" ? "000001" : "000000";
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await post(
            `/api/concerns/${ledgerNo}/recovery/verify`,
            { phone: "13900001004", code: wrong },
            "10.4.0.3",
          )
        ).status,
      ).toBe(400);
    }
    expect(
      (
        await post(
          `/api/concerns/${ledgerNo}/recovery/verify`,
          { phone: "13900001004", code },
          "10.4.0.3",
        )
      ).status,
    ).toBe(400);
    await post(`/api/concerns/${ledgerNo}/recovery`, { phone: "13900001004" }, "10.4.0.4");
    const second = (await codeSentTo("13900001004")) as string;
    clock = new Date(clock.getTime() + 6 * 60_000);
    expect(
      (
        await post(
          `/api/concerns/${ledgerNo}/recovery/verify`,
          { phone: "13900001004", code: second },
          "10.4.0.4",
        )
      ).status,
    ).toBe(400);
  });

  it("sends at most five codes a day to a phone, and stops an address after twenty requests", async () => {
    const { ledgerNo } = await submitted({ contactPhone: "13900001005" });
    const before = sent.length;
    for (let i = 0; i < 7; i++) {
      expect(
        (await post(`/api/concerns/${ledgerNo}/recovery`, { phone: "13900001005" }, `10.4.1.${i}`))
          .status,
      ).toBe(202);
    }
    await codeSentTo("13900001005");
    expect(
      sent.slice(before).filter((r) => r.kind === "one_time_code" && r.to === "+8613900001005"),
    ).toHaveLength(5);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push(
        (await post(`/api/concerns/LS-2026-999998/recovery`, { phone: "13900001006" }, "10.4.2.1"))
          .status,
      );
    }
    expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});
