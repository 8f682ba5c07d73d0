import { beforeAll, describe, expect, it } from "vitest";
import {
  duplicateSuggestions,
  termsOnTheSpot,
  withIndexedTerms,
} from "../../packages/functions/src/use-cases/search/duplicates.js";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { act, loginAs, staff } from "../support/staff.js";

/**
 * 可能重复 (issue 16) on DynamoDB Local: the opened concern's village's open concerns and its
 * closings of the last 90 days, ranked by their text, the same category first; one click
 * merges into the chosen one through the existing merge action, its reason recorded.
 */
const DAY = 86_400_000;
let api: TestApi;
let offsetMs = 0;
let admin: string;

beforeAll(async () => {
  api = await createTestApi({
    now: () => new Date(Date.now() + offsetMs),
    limits: {
      submissionsPerHour: 10_000,
      wrongCodesPer15Minutes: 5,
      messagesPerHour: 20,
      uploadsPerHour: 60,
    },
  });
  admin = await loginAs(api, "admin");
});

/** Files a concern (as a resident of the village) `daysAgo` days ago. */
async function file(body: Record<string, unknown>, daysAgo = 0): Promise<string> {
  offsetMs = -daysAgo * DAY;
  try {
    const res = await submit(api, {
      ...smellyCreek,
      groupId: undefined,
      contactName: "李四",
      contactPhone: "13900139000",
      address: "洛社园区",
      ...body,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()).ledgerNo;
  } finally {
    offsetMs = 0;
  }
}

/** Admin answers and strikes it off `daysAgo` days ago. */
async function close(ledgerNo: string, daysAgo: number) {
  offsetMs = -daysAgo * DAY;
  try {
    for (const action of [
      { type: "accept" },
      { type: "answer", outcome: "resolved", publicReply: "路灯已修复。" },
      { type: "strike_off", verificationNote: "现场核实已亮" },
    ]) {
      const res = await act(api, admin, ledgerNo, action);
      expect(res.status, await res.clone().text()).toBe(200);
    }
  } finally {
    offsetMs = 0;
  }
}

const lights = (title: string, description: string, villageId = "park") => ({
  villageId,
  categoryCode: "roads_lighting",
  title,
  description,
});

interface Suggestion {
  ledgerNo: string;
  title: string | null;
  summary: string;
  village: { id: string; name: string };
  category: { code: string; name: string };
  status: string;
  createdAt: string;
  score: number;
  mayMerge: boolean;
}

describe("possible duplicates", () => {
  it("lists the alike concern of the village first with its score, never another village's or an old closing", async () => {
    const oldClosed = await file(
      lights("洛杨路路灯不亮", "洛杨路东门到桥头这段路灯坏了，晚上一片漆黑。"),
      101,
    );
    await close(oldClosed, 100);
    const recentClosed = await file(lights("枫杨路路灯不亮", "枫杨路口两盏路灯晚上不亮。"), 20);
    await close(recentClosed, 10);
    const otherVillage = await file(
      lights("洛杨路路灯不亮", "洛杨路东门到桥头这段路灯坏了，晚上一片漆黑。", "yaxi"),
    );
    const noise = await file({
      villageId: "park",
      categoryCode: "environment",
      title: "园区工厂夜里噪音大",
      description: "园区西片一家机械厂晚上开冲床，咚咚响到凌晨，宿舍的工人睡不着。",
    });
    const alike = await file(
      lights("洛杨路路灯不亮", "洛杨路从东门到桥头这段路灯坏了一个多月，晚上漆黑一片。"),
    );
    const opened = await file(
      lights("洛杨路路灯坏了", "洛杨路东门到桥头一段的路灯坏了一个多月，晚上下班一片漆黑。"),
    );

    const res = await staff(api, admin, "GET", `/api/staff/concerns/${opened}/duplicates`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ledgerNo: string; mayMerge: boolean; items: Suggestion[] };
    expect(body.ledgerNo).toBe(opened);
    expect(body.mayMerge).toBe(true);
    const listed = body.items.map((i) => i.ledgerNo);
    expect(listed[0]).toBe(alike);
    expect(body.items[0]).toMatchObject({
      title: "洛杨路路灯不亮",
      village: { id: "park", name: "洛社园区" },
      category: { code: "roads_lighting", name: "道路与路灯" },
      status: "assigned",
      mayMerge: true,
    });
    const first = body.items[0] as Suggestion;
    expect(first.score).toBeGreaterThan(30);
    expect(first.score).toBeLessThanOrEqual(100);
    for (const other of body.items.slice(1)) expect(other.score).toBeLessThanOrEqual(100);
    // Closed 10 days ago: suggested, but nothing merges into a closed concern.
    expect(body.items.find((i) => i.ledgerNo === recentClosed)).toMatchObject({
      status: "struck_off",
      mayMerge: false,
    });
    expect(listed).not.toContain(oldClosed);
    expect(listed).not.toContain(otherVillage);
    expect(listed).not.toContain(opened);
    // The same category first: the noise complaint, if listed at all, comes after the lights.
    const categories = body.items.map((i) => i.category.code);
    expect(categories).toEqual(
      [...categories].sort(
        (a, b) => Number(a !== "roads_lighting") - Number(b !== "roads_lighting"),
      ),
    );
    if (listed.includes(noise)) expect(listed.indexOf(noise)).toBe(listed.length - 1);

    // In English, names in English.
    const en = await api.app.request(`/api/staff/concerns/${opened}/duplicates`, {
      headers: { authorization: `Bearer ${admin}`, "accept-language": "en" },
    });
    expect((await en.json()).items[0].category.name).toBe("Roads and street lights");
  });

  it("leaves out what the user may not see, and answers 404 for a concern the user may not see", async () => {
    const opened = await file(lights("洛杨路路灯又坏了", "洛杨路桥头路灯坏了，晚上漆黑。"));
    // 环保分局's cadre sees neither the park's lights nor their suggestions.
    const cadre = await loginAs(api, "cadre");
    expect(
      (await staff(api, cadre, "GET", `/api/staff/concerns/${opened}/duplicates`)).status,
    ).toBe(404);
    // The park's director (its contact leader) sees them but may not merge.
    const park = await loginAs(api, "park");
    const res = await staff(api, park, "GET", `/api/staff/concerns/${opened}/duplicates`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.mayMerge).toBe(false);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((i: Suggestion) => i.village.id === "park" && !i.mayMerge)).toBe(true);
    expect(
      (await staff(api, admin, "GET", "/api/staff/concerns/LS-2026-999999/duplicates")).status,
    ).toBe(404);
  });

  it("merges through the suggested form's fields: the existing merge action, its reason on both events", async () => {
    const target = await file(
      lights("枫杨路路灯工程", "枫杨路的路灯又少又暗，洛安能源正在做路灯工程，洛杨路也是一样。"),
    );
    const opened = await file(
      lights("洛杨路路灯坏了很久", "洛杨路的路灯坏了很久，能不能和枫杨路的路灯工程一起修。"),
    );
    const list = await (
      await staff(api, admin, "GET", `/api/staff/concerns/${opened}/duplicates`)
    ).json();
    const suggestion = (list.items as Suggestion[]).find((i) => i.ledgerNo === target);
    expect(suggestion?.mayMerge).toBe(true);
    const view = await (await staff(api, admin, "GET", `/api/staff/concerns/${opened}`)).json();

    // What DuplicateSuggestions.astro posts (lib/duplicates mergeFormFields), as the page's
    // action handler sends it on: type, version, target and the reason written out.
    const reason = `与 ${target} 反映同一问题（相似度 ${suggestion?.score}%）`;
    const res = await staff(api, admin, "POST", `/api/staff/concerns/${opened}/actions`, {
      type: "merge",
      expectedVersion: view.version,
      targetLedgerNo: target,
      reason,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const merged = await res.json();
    expect(merged).toMatchObject({ status: "merged", mergedInto: target });
    expect(merged.timeline.at(-1)).toMatchObject({ type: "merged", reason });
    const into = await (await staff(api, admin, "GET", `/api/staff/concerns/${target}`)).json();
    expect(into.mergedFrom).toContain(opened);
    expect(into.timeline.at(-1)).toMatchObject({ type: "merged_in", reason });

    // Merged away: no longer suggested to the others of the village.
    const again = await (
      await staff(api, admin, "GET", `/api/staff/concerns/${target}/duplicates`)
    ).json();
    expect((again.items as Suggestion[]).map((i) => i.ledgerNo)).not.toContain(opened);
  });
});

describe("terms of the word index, or on the spot", () => {
  it("takes indexed terms where there are some and computes the rest when the concern is opened", async () => {
    const alike = await file(
      lights("洛杨路路灯全灭", "洛杨路桥头到东门路灯全灭了，晚上一片漆黑。"),
    );
    const opened = await file(
      lights("洛杨路路灯全灭了", "洛杨路桥头到东门的路灯全灭了，晚上一片漆黑。"),
    );
    const me = await (await staff(api, admin, "GET", "/api/staff/me")).json();
    const auth = { user: me.user, sessionId: "test", mustChangePassword: false };
    // The index knows the alike concern only (as the indexer wrote it: the same keyed terms).
    const found = await api.deps.store.getConcernWithEvents(alike);
    if (!found) throw new Error("the alike concern is missing");
    const stored = await termsOnTheSpot(api.deps, [found.concern]);
    const asked: string[][] = [];
    const lookup = async (nos: string[]) => {
      asked.push(nos);
      return new Map([...stored].filter(([no]) => nos.includes(no)));
    };
    const body = await duplicateSuggestions(
      api.deps,
      auth,
      opened,
      "zh-CN",
      withIndexedTerms(lookup),
    );
    expect(asked[0]).toContain(opened);
    expect(body.items[0]?.ledgerNo).toBe(alike);
    // The same score as with every concern's terms computed on the spot.
    const spot = await duplicateSuggestions(api.deps, auth, opened, "zh-CN");
    expect(body.items[0]?.score).toBe(spot.items[0]?.score);
  });
});
