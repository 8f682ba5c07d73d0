import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi, track } from "../support/api.js";
import { act, loginAs } from "../support/staff.js";

/**
 * 公开前审核 (issue 12): a cadre's public reply passes the masking engine before anyone can
 * read it. What is certain is masked; an uncertain span refuses the answer with 422 and the
 * highlights until the cadre masks or keeps it, and the decision is part of the record.
 */
let api: TestApi;
let cadre: string;

beforeAll(async () => {
  api = await createTestApi();
  cadre = await loginAs(api, "cadre");
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
