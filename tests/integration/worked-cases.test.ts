import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi, track } from "../support/api.js";
import { act, addAccount, loginAs, staff } from "../support/staff.js";

/**
 * The report's five worked cases (DESIGN.md), each end to end through the API: from the
 * resident's submission through the staff's actions to the public notice.
 */
let api: TestApi;
let now = new Date("2026-11-27T02:00:00.000Z");
const later = (hours: number) => {
  now = new Date(now.getTime() + hours * 3_600_000);
};
type Who =
  | "admin"
  | "leader"
  | "park"
  | "cadre"
  | "cadre2"
  | "property"
  | "agri"
  | "civil"
  | "publicity";
let tokens: Record<Who, string>;

beforeAll(async () => {
  api = await createTestApi({
    now: () => now,
    // The cases span months of clock time; sessions are not what they test.
    sessionHours: 24 * 400,
    limits: {
      submissionsPerHour: 1000,
      wrongCodesPer15Minutes: 5,
      messagesPerHour: 20,
      uploadsPerHour: 60,
    },
  });
  tokens = {
    admin: await loginAs(api, "admin"),
    leader: await loginAs(api, "leader"),
    park: await loginAs(api, "park"),
    cadre: await loginAs(api, "cadre"),
    cadre2: await loginAs(api, "cadre2"),
    property: await addAccount(api, {
      id: "t-property",
      username: "property",
      name: "物业办干部",
      role: "cadre",
      departmentId: "property",
    }),
    agri: await addAccount(api, {
      id: "t-agri",
      username: "agri",
      name: "农服中心干部",
      role: "cadre",
      departmentId: "agri-service",
    }),
    civil: await addAccount(api, {
      id: "t-civil",
      username: "civil",
      name: "民政办干部",
      role: "cadre",
      departmentId: "civil-affairs",
    }),
    publicity: await addAccount(api, {
      id: "t-publicity",
      username: "publicity",
      name: "宣传办干部",
      role: "cadre",
      departmentId: "publicity",
    }),
  };
});

async function file(body: Record<string, unknown>) {
  const res = await submit(api, body);
  expect(res.status).toBe(201);
  return res.json();
}

async function ok(res: Response, status = 200) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
}

async function rateIt(receipt: { ledgerNo: string; accessCode: string }, rating: string) {
  const res = await api.app.request(`/api/concerns/${receipt.ledgerNo}/feedback`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-access-code": receipt.accessCode },
    body: JSON.stringify({ rating }),
  });
  return ok(res, 201);
}

async function publishNoticeOf(ledgerNo: string) {
  const drafts = await ok(await staff(api, tokens.admin, "GET", "/api/staff/notices?state=draft"));
  const draft = drafts.items.find((n: { ledgerNo: string }) => n.ledgerNo === ledgerNo);
  expect(draft).toBeDefined();
  await ok(await staff(api, tokens.admin, "POST", `/api/staff/notices/${draft.id}/publish`));
  return ok(await api.app.request(`/api/notices/${draft.id}`));
}

describe("the report's worked cases", () => {
  it("新河花苑 e-bike garage entrance: fixed at once, rated satisfied, struck off, published", async () => {
    const receipt = await file({
      villageId: "xinhe",
      groupId: "xinhe-01",
      categoryCode: "housing",
      title: "电动车库出入口设计不合理",
      description:
        "新河花苑小区电动车库门进出口坡道太陡、转弯太急，电动车进出很危险，请求整改。联系人王先生 13812345678。",
      contactName: "王建华",
      contactPhone: "13812345678",
    });
    expect(receipt.routing.department.name).toBe("物业管理办");
    later(1);
    await ok(await act(api, tokens.property, receipt.ledgerNo, { type: "accept" }));
    await ok(
      await act(api, tokens.property, receipt.ledgerNo, {
        type: "respond",
        method: "visit",
        summary: "现场查看坡道",
      }),
    );
    later(20);
    const answered = await ok(
      await act(api, tokens.property, receipt.ledgerNo, {
        type: "answer",
        outcome: "resolved",
        publicReply: "已重新设计车库出入口坡道并完成施工，王建华反映的问题已整改到位。",
      }),
    );
    expect(answered.status).toBe("answered");
    const view = await (await track(api, receipt.ledgerNo, receipt.accessCode)).json();
    expect(view).toMatchObject({ status: "answered", outcome: "resolved", canRate: true });
    const rated = await api.app.request(`/api/concerns/${receipt.ledgerNo}/feedback`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-access-code": receipt.accessCode },
      body: JSON.stringify({ rating: "satisfied", comment: "很快就改好了" }),
    });
    expect(await ok(rated, 201)).toMatchObject({ status: "struck_off" });
    const notice = await publishNoticeOf(receipt.ledgerNo);
    expect(notice).toMatchObject({
      outcome: "resolved",
      village: { name: "新河社区" },
      department: { name: "物业管理办" },
    });
    expect(notice.publicReply).toContain("王某");
    expect(JSON.stringify(notice)).not.toMatch(/王建华|13812345678/);
  });

  it("洛杨路 street lights: merged into the 枫杨路 lighting works, deferred, done, struck off, published", async () => {
    const works = await file({
      villageId: "park",
      groupId: "park-02",
      categoryCode: "roads_lighting",
      title: "枫杨路路灯工程",
      description: "枫杨路一带路灯缺失，夜间企业员工下班出行不便，希望安装路灯。",
    });
    const lights = await file({
      villageId: "park",
      groupId: "park-01",
      categoryCode: "roads_lighting",
      title: "洛杨路路灯不亮",
      description: "园区洛杨路有一段路灯已经坏了一个多月，晚上漆黑一片。",
    });
    expect(lights.routing).toMatchObject({ department: { name: "园区建设办" } });
    await ok(await act(api, tokens.cadre2, works.ledgerNo, { type: "accept" }));
    await ok(
      await act(api, tokens.cadre2, works.ledgerNo, {
        type: "defer",
        committedDate: "2027-03-31",
        reason: "由洛安能源实施枫杨路路灯工程，预计明年一季度完工",
      }),
    );
    const merged = await ok(
      await act(api, tokens.cadre2, lights.ledgerNo, {
        type: "merge",
        targetLedgerNo: works.ledgerNo,
      }),
    );
    expect(merged).toMatchObject({ status: "merged", mergedInto: works.ledgerNo });
    const target = await ok(
      await staff(api, tokens.park, "GET", `/api/staff/concerns/${works.ledgerNo}`),
    );
    expect(target).toMatchObject({
      status: "deferred",
      mergedFrom: [lights.ledgerNo],
      deadlines: { committedDate: "2027-03-31" },
    });
    const resident = await (await track(api, lights.ledgerNo, lights.accessCode)).json();
    expect(resident).toMatchObject({ status: "merged", mergedInto: works.ledgerNo });
    // The works are done by the committed date: answered, rated, struck off, published.
    later(24 * 90);
    await ok(
      await act(api, tokens.cadre2, works.ledgerNo, {
        type: "answer",
        outcome: "resolved",
        publicReply: "洛安能源已完成枫杨路、洛杨路路灯安装，夜间照明恢复。",
      }),
    );
    expect(await rateIt(works, "satisfied")).toMatchObject({ status: "struck_off" });
    const notice = await publishNoticeOf(works.ledgerNo);
    expect(notice).toMatchObject({ outcome: "resolved", village: { name: "洛社园区" } });
    expect(notice.daysTaken).toBeGreaterThanOrEqual(90);
  });

  it("梅泾村 倪巷浜 smelly creek: deferred with a committed date, answered, struck off by the contact leader", async () => {
    const receipt = await file(smellyCreek);
    await ok(await act(api, tokens.cadre, receipt.ledgerNo, { type: "accept" }));
    await ok(
      await act(api, tokens.cadre, receipt.ledgerNo, {
        type: "respond",
        method: "phone",
        summary: "电话联系反映人",
      }),
    );
    await ok(
      await act(api, tokens.cadre, receipt.ledgerNo, {
        type: "defer",
        committedDate: "2027-06-30",
        reason: "已向上级争取20万元河道治理专项资金，汛期后实施清淤",
      }),
    );
    const deferred = await (await track(api, receipt.ledgerNo, receipt.accessCode)).json();
    expect(deferred).toMatchObject({ status: "deferred", committedDate: "2027-06-30" });
    expect(deferred.timeline.at(-1)).toMatchObject({
      type: "deferred",
      text: expect.stringContaining("20万元"),
    });
    later(24 * 30);
    await ok(
      await act(api, tokens.cadre, receipt.ledgerNo, {
        type: "answer",
        outcome: "resolved",
        publicReply: "倪巷浜清淤和截污工程已完成，水质明显好转。",
        evidence: "验收单",
      }),
    );
    const struck = await ok(
      await act(api, tokens.leader, receipt.ledgerNo, {
        type: "strike_off",
        verificationNote: "现场核实，河水已无异味",
      }),
    );
    expect(struck.status).toBe("struck_off");
    const notice = await publishNoticeOf(receipt.ledgerNo);
    expect(notice.daysTaken).toBeGreaterThanOrEqual(30);
  });

  it("peach and grape growers' technical questions: 农业服务中心 answers with manuals, basically satisfied, published", async () => {
    const receipt = await file({
      villageId: "taoyuan",
      categoryCode: "agriculture",
      description: "水蜜桃今年裂果严重，葡萄也有霜霉病，希望有技术人员指导管理。",
    });
    expect(receipt.routing.department.name).toBe("农业服务中心");
    await ok(await act(api, tokens.agri, receipt.ledgerNo, { type: "accept" }));
    const answered = await ok(
      await act(api, tokens.agri, receipt.ledgerNo, {
        type: "answer",
        outcome: "resolved",
        publicReply:
          "已组织专家编写印制《水蜜桃管理技术》《葡萄管理技术》，送到种植户手中。如有问题请联系农技员李师傅，电话（0510）8345 6789。",
      }),
    );
    expect(answered.status).toBe("answered");
    const view = await (await track(api, receipt.ledgerNo, receipt.accessCode)).json();
    expect(view).toMatchObject({ outcome: "resolved", canRate: true, rating: null });
    expect(await rateIt(receipt, "basically_satisfied")).toMatchObject({ status: "struck_off" });
    const notice = await publishNoticeOf(receipt.ledgerNo);
    expect(notice.publicReply).toContain("李某");
    expect(notice.publicReply).toContain("0510-********");
    expect(JSON.stringify(notice)).not.toMatch(/8345|李师傅/);
  });

  it("struggling peach growers: returned, re-dispatched to 宣传办 (clocks restart), assisted, published", async () => {
    const receipt = await file({
      villageId: "taoyuan",
      categoryCode: "hardship",
      description:
        "村里几户种桃的老人家里困难，桃子卖不出去，希望帮忙找销路。如王大爷（身份证320211194501011234，住桃园组12号），电话0510-83451234。",
    });
    expect(receipt.routing.department.name).toBe("民政办");
    const returned = await ok(
      await act(api, tokens.civil, receipt.ledgerNo, {
        type: "return",
        reason: "销售帮扶不属于民政救助范围",
      }),
    );
    expect(returned.status).toBe("triage");
    const queue = await ok(await staff(api, tokens.admin, "GET", "/api/staff/queue?scope=triage"));
    expect(queue.items.map((i: { ledgerNo: string }) => i.ledgerNo)).toContain(receipt.ledgerNo);
    // Two days in triage: the clocks restart at the re-dispatch; the total time is kept.
    later(48);
    const dispatchedAt = now.getTime();
    const dispatched = await ok(
      await act(api, tokens.admin, receipt.ledgerNo, {
        type: "dispatch",
        departmentId: "publicity",
      }),
    );
    expect(Date.parse(dispatched.deadlines.signForBy)).toBeGreaterThan(dispatchedAt);
    expect(Date.parse(dispatched.deadlines.answerBy)).toBeGreaterThan(
      Date.parse(returned.deadlines.answerBy),
    );
    expect(dispatched.createdAt).toBe(returned.createdAt);
    await ok(await act(api, tokens.publicity, receipt.ledgerNo, { type: "accept" }));
    const done = await ok(
      await act(api, tokens.publicity, receipt.ledgerNo, {
        type: "answer",
        outcome: "assisted",
        publicReply: "已申报“幸福桃乡爱心行”公益牵手项目，帮助困难种桃户联系销路。",
      }),
    );
    expect(done).toMatchObject({ status: "answered", outcome: "assisted" });
    expect(done.timeline.map((e: { type: string }) => e.type)).toEqual([
      "submitted",
      "routed",
      "returned",
      "dispatched",
      "accepted",
      "answered",
    ]);
    later(24);
    expect(await rateIt(receipt, "satisfied")).toMatchObject({ status: "struck_off" });
    const notice = await publishNoticeOf(receipt.ledgerNo);
    expect(notice).toMatchObject({ outcome: "assisted", department: { name: "宣传办" } });
    // Free text in the summary: the name pattern, the ID, the house number and the landline.
    expect(notice.summary).toContain("王某（身份证320211************，住桃园组**号）");
    expect(notice.summary).toContain("0510-********");
    expect(JSON.stringify(notice)).not.toMatch(/王大爷|194501011234|12号|83451234/);
    // Days taken count from the submission, the time in triage included.
    expect(notice.daysTaken).toBeGreaterThanOrEqual(3);
  });
});
