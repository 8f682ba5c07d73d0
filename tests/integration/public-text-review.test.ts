import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi, track } from "../support/api.js";
import { act, loginAs, staff } from "../support/staff.js";

/**
 * 公开前审核 (issue 12): a cadre's public reply passes the masking engine before anyone can
 * read it. What is certain is masked; an uncertain span refuses the answer with 422 and the
 * highlights until the cadre masks or keeps it, and the decision is part of the record.
 */
let api: TestApi;
let cadre: string;
let admin: string;

beforeAll(async () => {
  api = await createTestApi();
  cadre = await loginAs(api, "cadre");
  admin = await loginAs(api, "admin");
});

async function acceptedConcern() {
  const filed = await (
    await submit(api, { ...smellyCreek, contactName: "陈小兰", contactPhone: "13912345678" })
  ).json();
  const accepted = await act(api, cadre, filed.ledgerNo, { type: "accept" });
  expect(accepted.status).toBe(200);
  return { ...filed, version: (await accepted.json()).version as number };
}

describe("the public reply of an answer", () => {
  it("is masked where certain, and the resident reads the masked reply", async () => {
    const filed = await acceptedConcern();
    const res = await act(api, cadre, filed.ledgerNo, {
      type: "answer",
      outcome: "resolved",
      publicReply:
        "经现场查看，系上游一处小作坊(联系人李四，电话13900001111)偷排所致；已告知陈小兰",
      expectedVersion: filed.version,
    });
    expect(res.status).toBe(200);
    const resident = await (await track(api, filed.ledgerNo, filed.accessCode)).json();
    expect(resident.publicReply).toBe(
      "经现场查看，系上游一处小作坊(联系人李某，电话139****1111)偷排所致；已告知陈某",
    );
  });

  it("is refused with its highlights while a span is undecided, then accepted", async () => {
    const filed = await acceptedConcern();
    const answer = {
      type: "answer",
      outcome: "explained",
      publicReply: "已联系王庄组，请拨打83456789咨询",
      expectedVersion: filed.version,
    };
    const refused = await act(api, cadre, filed.ledgerNo, answer);
    expect(refused.status).toBe(422);
    const body = await refused.json();
    expect(body.error.code).toBe("review_required");
    expect(body.error.highlights.publicReply).toEqual([
      { start: 10, end: 18, kind: "phone", text: "83456789" },
    ]);

    const masked = await act(api, cadre, filed.ledgerNo, {
      ...answer,
      review: { mask: ["83456789"], keep: [] },
    });
    expect(masked.status).toBe(200);
    const view = await masked.json();
    expect(view.publicReply).toBe("已联系王庄组，请拨打********咨询");
    expect(view.timeline.at(-1)).toMatchObject({
      type: "answered",
      data: { outcome: "explained", review: { mask: ["83456789"], keep: [] } },
    });
  });

  it("keeps what the answerer says is not personal", async () => {
    const filed = await acceptedConcern();
    const res = await act(api, cadre, filed.ledgerNo, {
      type: "answer",
      outcome: "explained",
      publicReply: "请拨打83456789（镇便民服务中心）咨询",
      expectedVersion: filed.version,
      review: { keep: ["83456789"] },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).publicReply).toBe("请拨打83456789（镇便民服务中心）咨询");
  });
});

/** Answers (keeping a number as not personal), is rated satisfied and so struck off. */
async function struckOff(publicReply: string, keep: string[] = []) {
  const filed = await acceptedConcern();
  const answered = await act(api, cadre, filed.ledgerNo, {
    type: "answer",
    outcome: "resolved",
    publicReply,
    expectedVersion: filed.version,
    review: { keep },
  });
  expect(answered.status).toBe(200);
  const rated = await api.app.request(`/api/concerns/${filed.ledgerNo}/feedback`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-access-code": filed.accessCode },
    body: JSON.stringify({ rating: "satisfied" }),
  });
  expect(rated.status).toBe(201);
  return filed.ledgerNo as string;
}

async function draftOf(ledgerNo: string) {
  const res = await staff(api, admin, "GET", "/api/staff/notices?state=draft");
  const drafts = (await res.json()).items as Array<{ id: string; ledgerNo: string }>;
  return drafts.find((n) => n.ledgerNo === ledgerNo) as Record<string, unknown> & { id: string };
}

describe("a close-out notice", () => {
  it("cannot be published while a highlight is undecided; admin masks it, then it can", async () => {
    const ledgerNo = await struckOff("已清淤；可拨打83456789咨询", ["83456789"]);
    const draft = await draftOf(ledgerNo);
    expect(draft.highlights).toEqual({
      summary: [],
      publicReply: [{ start: 7, end: 15, kind: "phone", text: "83456789" }],
    });

    const refused = await staff(api, admin, "POST", `/api/staff/notices/${draft.id}/publish`);
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.code).toBe("review_required");

    const reviewed = await staff(api, admin, "POST", `/api/staff/notices/${draft.id}/review`, {
      term: "83456789",
      decision: "mask",
    });
    expect(reviewed.status).toBe(200);
    const after = await reviewed.json();
    expect(after.publicReply).toBe("已清淤；可拨打********咨询");
    expect(after.highlights.publicReply).toEqual([]);
    expect(after.decisions).toEqual([
      expect.objectContaining({ term: "83456789", decision: "mask", by: expect.anything() }),
    ]);

    const published = await staff(api, admin, "POST", `/api/staff/notices/${draft.id}/publish`);
    expect(published.status).toBe(200);
    const notice = await (await api.app.request(`/api/notices/${draft.id}`)).json();
    expect(notice.publicReply).toBe("已清淤；可拨打********咨询");
    const concern = await (
      await staff(api, admin, "GET", `/api/staff/concerns/${ledgerNo}`)
    ).json();
    expect(concern.timeline.at(-1)).toMatchObject({ type: "notice_published" });
  });

  it("is approved in a batch only once reviewed", async () => {
    const clean = await struckOff("已清淤，水质好转");
    const unreviewed = await struckOff("已清淤；可拨打83456700咨询", ["83456700"]);
    const [a, b] = [await draftOf(clean), await draftOf(unreviewed)];
    const res = await staff(api, admin, "POST", "/api/staff/notices/publish", {
      ids: [a.id, b.id],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      published: [a.id],
      refused: [{ id: b.id, code: "review_required" }],
    });
  });

  it("keeps what admin says is not personal", async () => {
    const ledgerNo = await struckOff("便民服务中心83456711", ["83456711"]);
    const draft = await draftOf(ledgerNo);
    await staff(api, admin, "POST", `/api/staff/notices/${draft.id}/review`, {
      term: "83456711",
      decision: "keep",
    });
    const published = await staff(api, admin, "POST", `/api/staff/notices/${draft.id}/publish`);
    expect(published.status).toBe(200);
    expect((await published.json()).publicReply).toBe("便民服务中心83456711");
  });
});

/** The concern as Open311 serves it (JSON), and the raw XML document. */
async function open311(ledgerNo: string) {
  const json = await api.app.request(`/open311/v2/requests/${ledgerNo}.json`);
  expect(json.status).toBe(200);
  const xml = await api.app.request(`/open311/v2/requests/${ledgerNo}.xml`);
  expect(xml.status).toBe(200);
  return {
    request: ((await json.json()) as Array<Record<string, unknown>>)[0],
    xml: await xml.text(),
  };
}

describe("a description made public before the notice (Open311)", () => {
  const description = "倪巷浜河水发黑发臭，陈小兰家门口最严重，可拨打83456789找村里反映";
  const path = (ledgerNo: string) => `/api/staff/concerns/${ledgerNo}/public-description`;
  const viewOf = async (ledgerNo: string) =>
    (await staff(api, admin, "GET", `/api/staff/concerns/${ledgerNo}`)).json();

  it("is withheld until admin clears it: refused with its highlights, then reviewed and served", async () => {
    const filed = await (
      await submit(api, {
        ...smellyCreek,
        description,
        contactName: "陈小兰",
        contactPhone: "13912345678",
      })
    ).json();
    const ledgerNo = filed.ledgerNo as string;
    const fresh = await open311(ledgerNo);
    expect(fresh.request).toMatchObject({ description: null, media_url: null });
    expect(fresh.xml).toContain("<description/>");
    const { version } = await viewOf(ledgerNo);

    // Other roles may not, whether or not they handle it (nothing is written).
    for (const who of ["cadre", "head", "leader", "inspector"]) {
      const token = await loginAs(api, who);
      const res = await staff(api, token, "POST", path(ledgerNo), { expectedVersion: version });
      expect(res.status, who).toBe(403);
      expect((await res.json()).error.code).toBe("forbidden");
    }

    // The number may be the village office's: admin must decide. The name is certain.
    const refused = await staff(api, admin, "POST", path(ledgerNo), { expectedVersion: version });
    expect(refused.status).toBe(422);
    const { error } = await refused.json();
    expect(error.code).toBe("review_required");
    expect(error.texts).toEqual({
      text: "倪巷浜河水发黑发臭，陈某家门口最严重，可拨打83456789找村里反映",
    });
    expect(error.highlights).toEqual({
      text: [{ start: 22, end: 30, kind: "phone", text: "83456789" }],
    });
    expect((await viewOf(ledgerNo)).version).toBe(version);
    expect((await open311(ledgerNo)).request?.description).toBeNull();

    // A stale version is a conflict, review or not.
    const stale = await staff(api, admin, "POST", path(ledgerNo), {
      expectedVersion: version - 1,
      review: { mask: ["83456789"] },
    });
    expect(stale.status).toBe(409);

    const cleared = "倪巷浜河水发黑发臭，陈某家门口最严重，可拨打********找村里反映";
    const res = await staff(api, admin, "POST", path(ledgerNo), {
      expectedVersion: version,
      review: { mask: ["83456789"], keep: [] },
    });
    expect(res.status).toBe(200);
    const view = await res.json();
    expect(view).toMatchObject({ version: version + 1, publicDescription: cleared });
    // The description itself is the resident's, untouched; the event records who, when, what.
    expect(view.description).toBe(description);
    expect(view.timeline.at(-1)).toMatchObject({
      seq: version + 1,
      type: "description_published",
      actor: { kind: "staff", name: expect.any(String) },
      public: true,
      text: cleared,
      data: { review: { mask: ["83456789"], keep: [] }, masked: 2, edited: false },
    });
    const resident = await (await track(api, ledgerNo, filed.accessCode)).json();
    expect(resident.timeline.at(-1)).toMatchObject({
      type: "description_published",
      text: cleared,
    });
    expect(JSON.stringify(resident.timeline)).not.toContain("83456789");

    const served = await open311(ledgerNo);
    expect(served.request?.description).toBe(cleared);
    expect(served.xml).toContain(`<description>${cleared}</description>`);
  });

  it("serves the notice's summary once the notice is out, and is refused from then on", async () => {
    const ledgerNo = await struckOff("已清淤，水质好转");
    expect((await open311(ledgerNo)).request?.description).toBeNull();
    const draft = await draftOf(ledgerNo);
    const published = await staff(api, admin, "POST", `/api/staff/notices/${draft.id}/publish`);
    expect(published.status).toBe(200);
    const notice = await (await api.app.request(`/api/notices/${draft.id}`)).json();
    expect((await open311(ledgerNo)).request?.description).toBe(notice.summary);

    const { version } = await viewOf(ledgerNo);
    const refused = await staff(api, admin, "POST", path(ledgerNo), { expectedVersion: version });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe("invalid_transition");
  });
});

describe("names the system knows beyond the concern", () => {
  it("masks a party member of another village, an unrelated colleague and the resident's own phone", async () => {
    const member = await staff(api, admin, "POST", "/api/staff/party-members", {
      name: "钱志刚",
      villageId: "yaxi",
      post: { kind: "group", groupId: "yaxi-01", title: "政策宣讲员" },
    });
    expect(member.status).toBe(201);
    const colleague = await staff(api, admin, "POST", "/api/staff/accounts", {
      username: "liuguilan",
      name: "刘桂兰",
      role: "cadre",
      departmentId: "town-office",
    });
    expect(colleague.status).toBe(201);

    // A landline on file: its local number alone is uncertain to the engine, known here.
    const filed = await (
      await submit(api, { ...smellyCreek, contactName: "陈小兰", contactPhone: "0512-66881234" })
    ).json();
    const accepted = await act(api, cadre, filed.ledgerNo, { type: "accept" });
    expect(accepted.status).toBe(200);
    const reply = "已请雅西社区党员钱志刚与党政办刘桂兰到场协调，并按66881234电话回复";
    const answered = await act(api, cadre, filed.ledgerNo, {
      type: "answer",
      outcome: "resolved",
      publicReply: reply,
      expectedVersion: (await accepted.json()).version,
    });
    // Certain, so masked without a highlight to decide.
    expect(answered.status).toBe(200);
    const cleared = (await answered.json()).publicReply as string;
    expect(cleared).toContain("雅西社区党员钱某");
    expect(cleared).toContain("党政办刘某");
    for (const leak of ["志刚", "桂兰", "66881234"]) expect(cleared).not.toContain(leak);

    const statusNotes = (await open311(filed.ledgerNo)).request?.status_notes as string;
    expect(statusNotes).toContain(cleared);
    for (const leak of ["志刚", "桂兰", "66881234"]) expect(statusNotes).not.toContain(leak);

    const rated = await api.app.request(`/api/concerns/${filed.ledgerNo}/feedback`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-access-code": filed.accessCode },
      body: JSON.stringify({ rating: "satisfied" }),
    });
    expect(rated.status).toBe(201);
    const draft = await draftOf(filed.ledgerNo);
    expect(draft.highlights).toEqual({ summary: [], publicReply: [] });
    // Admin writes the names back in: the edit is masked again.
    const edited = await staff(api, admin, "PATCH", `/api/staff/notices/${draft.id}`, {
      publicReply: `${reply}（钱志刚、刘 桂兰）`,
    });
    expect(edited.status).toBe(200);
    const published = await staff(api, admin, "POST", `/api/staff/notices/${draft.id}/publish`);
    expect(published.status).toBe(200);
    const notice = await (await api.app.request(`/api/notices/${draft.id}`)).json();
    const text = JSON.stringify(notice);
    for (const leak of ["志刚", "桂兰", "刘 桂兰", "66881234"]) expect(text).not.toContain(leak);
    expect(notice.publicReply).toContain("钱某");
    const served = await open311(filed.ledgerNo);
    for (const leak of ["志刚", "桂兰", "66881234"]) expect(served.xml).not.toContain(leak);
  });
});
