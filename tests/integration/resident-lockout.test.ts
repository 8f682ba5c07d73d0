import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, SITE_SECRET, smellyCreek, submit, type TestApi } from "../support/api.js";

/**
 * Nobody can lock a resident out of their own concern (issue 12): wrong codes are counted
 * per ledger number apart from the right one, and per client address with room for many
 * residents behind one carrier address.
 */
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

/** A request as the public site sends it, from the resident at `address`. */
const from = (address: string, ledgerNo: string, code: string, init: RequestInit = {}) =>
  api.app.request(`/api/concerns/${ledgerNo}${init.method === "POST" ? "/messages" : ""}`, {
    ...init,
    headers: {
      "x-access-code": code,
      "x-lianxin-client-address": address,
      "x-lianxin-site-secret": SITE_SECRET,
      ...(init.body ? { "content-type": "application/json" } : {}),
    },
  });

describe("wrong access codes", () => {
  it("six wrong codes stop neither the right code from the same address nor from another", async () => {
    const { ledgerNo, accessCode } = await (await submit(api, smellyCreek)).json();
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await from("198.51.100.7", ledgerNo, `WRONG0000${i}`)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    expect((await from("198.51.100.7", ledgerNo, accessCode)).status).toBe(200);
    expect((await from("203.0.113.9", ledgerNo, accessCode)).status).toBe(200);
    const message = await from("198.51.100.7", ledgerNo, accessCode, {
      method: "POST",
      body: JSON.stringify({ text: "补充：今天又闻到臭味。" }),
    });
    expect(message.status).toBe(201);
  });

  it("two residents behind one address each get in, after the other's mistakes", async () => {
    const first = await (await submit(api, smellyCreek)).json();
    const second = await (await submit(api, smellyCreek)).json();
    const shared = "100.64.0.1";
    for (let i = 0; i < 5; i++) await from(shared, first.ledgerNo, `TYPO00000${i}`);
    for (let i = 0; i < 5; i++) await from(shared, second.ledgerNo, `TYPO00000${i}`);
    expect((await from(shared, first.ledgerNo, first.accessCode)).status).toBe(200);
    expect((await from(shared, second.ledgerNo, second.accessCode)).status).toBe(200);
  });

  it("stops one address that keeps guessing, across ledger numbers", async () => {
    const { ledgerNo, accessCode } = await (await submit(api, smellyCreek)).json();
    const guesser = "192.0.2.66";
    let last = 0;
    for (let i = 0; i < 61; i++) {
      last = (await from(guesser, `LS-2026-${String(500_000 + i).padStart(6, "0")}`, "GUESS00000"))
        .status;
    }
    expect(last).toBe(429);
    // The guesser's own address is stopped; the resident's is not.
    expect((await from(guesser, ledgerNo, accessCode)).status).toBe(429);
    expect((await from("192.0.2.67", ledgerNo, accessCode)).status).toBe(200);
  });
});
