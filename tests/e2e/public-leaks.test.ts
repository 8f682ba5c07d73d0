import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type PortalForTest,
  siteCall,
  staffToken,
  startPortalForTest,
} from "../support/browser.js";
import { createTestTable } from "../support/database.js";
import {
  leaksIn,
  type PlantedPerson,
  plantedPerson,
  type Random,
  seeded,
  textWithPlanted,
  writtenMobile,
} from "../support/planted-pii.js";

/**
 * No planted personal data reaches the public (issue 12). Residents submit concerns carrying
 * their own and others' phones, ID numbers, e-mail addresses and names, written with varied
 * separators; cadres answer with more of it, masking whatever the engine highlights; residents
 * rate; admin reviews and publishes the notices. Then every public response (the public API,
 * Open311 in JSON and XML, the public site's pages) is searched for the planted values after
 * normalising digits and removing separators. The search does not use the masking engine.
 */
const SEED = Number(process.env.LEAK_SEED ?? 20261206);
const SUBMISSIONS = 14;
const PROCESSED = 8;

let portal: PortalForTest;
const people: PlantedPerson[] = [];
const ledgerNos: string[] = [];
const published: string[] = [];
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies read by tests
type Json = Record<string, any>;

const call = (path: string, init?: Parameters<typeof siteCall>[2]) =>
  siteCall<Json>(portal, path, init);

/** Every review_required answer's highlights, masked; other failures are thrown. */
async function withHighlightsMasked(send: (review?: { mask: string[] }) => Promise<Json>) {
  try {
    return await send();
  } catch (error) {
    const body = (error as { body?: Json }).body;
    if (body?.error?.code !== "review_required") throw error;
    const mask = Object.values(body.error.highlights as Record<string, Array<{ text: string }>>)
      .flat()
      .map((h) => h.text);
    return send({ mask });
  }
}

async function submitPlanted(r: Random, i: number) {
  const resident = plantedPerson(r);
  const other = plantedPerson(r);
  people.push(resident, other);
  const receipt = await call("/api/concerns", {
    method: "POST",
    headers: {
      "idempotency-key": `leak-${SEED}-${i}`,
      // Each resident from their own address, as on a real day (the limit is per address).
      "x-lianxin-client-address": `198.51.100.${i + 1}`,
    },
    body: {
      villageId: "meijing",
      groupId: "meijing-01",
      categoryCode: "environment",
      title: `${resident.name}家门口河道发臭`,
      description: textWithPlanted(
        other,
        r,
        `河水发黑发臭，我是${resident.name}，手机${writtenMobile(resident.mobile, r)}`,
      ),
      address: `梅泾村倪巷组${1 + r.int(60)}号`,
      contactName: resident.name,
      contactPhone: resident.mobile,
    },
  });
  ledgerNos.push(receipt.ledgerNo);
  return { ledgerNo: receipt.ledgerNo as string, accessCode: receipt.accessCode as string };
}

async function answerAndStrikeOff(
  receipt: { ledgerNo: string; accessCode: string },
  r: Random,
  cadre: string,
) {
  const { ledgerNo } = receipt;
  const view = await call(`/api/staff/concerns/${ledgerNo}`, { token: cadre });
  const accepted = await call(`/api/staff/concerns/${ledgerNo}/actions`, {
    method: "POST",
    token: cadre,
    body: { type: "accept", expectedVersion: view.version },
  });
  const third = plantedPerson(r);
  people.push(third);
  const publicReply = textWithPlanted(third, r, "经现场查看，系上游小作坊偷排所致，已责令整改");
  await withHighlightsMasked((review) =>
    call(`/api/staff/concerns/${ledgerNo}/actions`, {
      method: "POST",
      token: cadre,
      body: {
        type: "answer",
        outcome: "resolved",
        publicReply,
        expectedVersion: accepted.version,
        ...(review ? { review } : {}),
      },
    }),
  );
  await call(`/api/concerns/${ledgerNo}/feedback`, {
    method: "POST",
    headers: { "x-access-code": receipt.accessCode },
    body: { rating: "satisfied" },
  });
}

/** Admin masks every highlight of every draft, then publishes it. */
async function reviewAndPublishAll(admin: string) {
  const drafts = await call("/api/staff/notices?state=draft", { token: admin });
  for (const draft of drafts.items as Json[]) {
    const terms = [...draft.highlights.summary, ...draft.highlights.publicReply].map(
      (h: { text: string }) => h.text,
    );
    for (const term of new Set(terms)) {
      await call(`/api/staff/notices/${draft.id}/review`, {
        method: "POST",
        token: admin,
        body: { term, decision: "mask" },
      });
    }
    await call(`/api/staff/notices/${draft.id}/publish`, {
      method: "POST",
      token: admin,
      body: {},
    });
    published.push(draft.id);
  }
}

/** Every public response there is to read, by where it came from. */
async function publicResponses(): Promise<Array<[string, string]>> {
  const api = [
    "/api/notices",
    "/api/statistics",
    "/api/statistics/field-work",
    "/api/directory",
    "/api/villages/meijing",
    "/open311/v2/requests.json",
    "/open311/v2/requests.xml",
    "/open311/v2/requests.json?extensions=true",
    "/open311/v2/requests.xml?extensions=true",
    ...published.map((id) => `/api/notices/${id}`),
    ...ledgerNos.flatMap((no) => [
      `/open311/v2/requests/${no}.json`,
      `/open311/v2/requests/${no}.xml`,
    ]),
  ].map((path) => `${portal.apiUrl}${path}`);
  const pages = [
    "/",
    "/notices",
    "/statistics",
    "/villages/meijing",
    "/notices?lang=en",
    ...published.map((id) => `/notices/${id}`),
  ].map((path) => `${portal.siteUrl}${path}`);
  const out: Array<[string, string]> = [];
  for (const url of [...api, ...pages]) {
    const res = await fetch(url);
    expect(res.status, url).toBeLessThan(400);
    out.push([url, await res.text()]);
  }
  return out;
}

beforeAll(async () => {
  portal = await startPortalForTest(await createTestTable());
});

afterAll(async () => {
  await portal?.stop();
});

describe("planted personal data", () => {
  it("never reaches a public response", async () => {
    const baseline = (await publicResponses()).map(([, body]) => body).join("\n");
    const r = seeded(SEED);
    const cadre = await staffToken(portal, "cadre");
    const admin = await staffToken(portal, "admin");
    const receipts = [];
    for (let i = 0; i < SUBMISSIONS; i++) receipts.push(await submitPlanted(r, i));
    for (const receipt of receipts.slice(0, PROCESSED)) await answerAndStrikeOff(receipt, r, cadre);
    await reviewAndPublishAll(admin);
    expect(published.length).toBe(PROCESSED);

    // A value the public could read before anything was planted is not a leak (a name that
    // happens to be in the directory): none should be, but say so if one is.
    const planted = people.filter((p) => leaksIn(baseline, [p]).length === 0);
    expect(planted.length, `seed ${SEED}`).toBe(people.length);

    const leaks = (await publicResponses()).flatMap(([url, body]) =>
      leaksIn(body, planted).map((leak) => `${leak} in ${url}`),
    );
    expect(leaks, `seed ${SEED}`).toEqual([]);
    // The search can find what it looks for: the residents' own pages show their data.
    const own = await call(`/api/concerns/${receipts[0]?.ledgerNo}`, {
      headers: { "x-access-code": receipts[0]?.accessCode ?? "" },
    });
    expect(leaksIn(JSON.stringify(own), planted).length).toBeGreaterThan(0);
  });
});
