import { randomBytes } from "node:crypto";
import { shanghaiMonth } from "@lianxin/core";
import { buildDemoDirectory } from "@lianxin/core/demo";
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe.js";
import {
  expectChartsDrawn,
  PHONE,
  type PortalForTest,
  signInStaff,
  staffAct,
  staffToken,
  usePortalAndBrowser,
} from "../support/browser.js";

/**
 * 红黑榜 on the dashboard (issue 17), on a 390 px phone: two departments handled differently
 * this month rank apart on the composite score, one with a single concern is listed apart,
 * and with nobody under the threshold the 黑榜 says so.
 */
let portal: PortalForTest;
let browser: Browser;

usePortalAndBrowser((p, b) => {
  portal = p;
  browser = b;
});

const directory = buildDemoDirectory();
const deptName = (id: string) => directory.departments.find((d) => d.id === id)?.name ?? id;
const quiet = directory.villages.find(
  (v) => !["meijing", "doumen", "park", "xinhe", "yaxi"].includes(v.id) && !v.retiredAt,
);

async function file(villageId: string, categoryCode: string, description: string) {
  const res = await fetch(`${portal.apiUrl}/api/concerns`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "idempotency-key": `e2e-${randomBytes(8).toString("hex")}`,
    },
    body: JSON.stringify({ villageId, categoryCode, description }),
  });
  if (res.status !== 201) throw new Error(`submission: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { ledgerNo: string }).ledgerNo;
}

async function handle(token: string, ledgerNo: string, outcome: "resolved" | "explained") {
  for (const action of [
    { type: "accept" },
    { type: "answer", outcome, publicReply: "已按要求办理并答复群众。" },
    { type: "strike_off", verificationNote: "电话核实情况属实" },
  ]) {
    await staffAct(portal, token, ledgerNo, action);
  }
}

describe("the dashboard's 红黑榜", () => {
  it("ranks units apart, lists the few apart, and says when the 黑榜 is empty", async () => {
    if (!quiet) throw new Error("no third village in the demo directory");
    const admin = await staffToken(portal, "admin");
    // 环保分局: four resolved; 城管: two resolved and one only explained; 农业: one, open.
    for (let i = 0; i < 4; i++) {
      const no = await file("meijing", "environment", `倪巷浜第${i + 1}段河水发黑发臭，请治理。`);
      await handle(admin, no, "resolved");
    }
    for (let i = 0; i < 3; i++) {
      const no = await file("doumen", "roads_lighting", `陡门村第${i + 1}处路灯不亮，出行不便。`);
      await handle(admin, no, i === 2 ? "explained" : "resolved");
    }
    await file(quiet.id, "agriculture", "农田灌溉渠堵塞，影响秋播，希望疏通。");

    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    try {
      await signInStaff(page, portal, "admin");
      // This month only: earlier months would judge field-work compliance with no logs at all.
      const month = shanghaiMonth(new Date());
      await page.goto(`${portal.staffUrl}/dashboard?from=${month}&to=${month}`);
      const section = page.locator("section.rankings");
      await section.getByRole("heading", { name: "红黑榜（综合得分）" }).waitFor();
      // The method is on the page: the weights, the minimum and the threshold.
      const method = (await section.locator(".rk-method").textContent()) ?? "";
      expect(method).toContain("响应率20%");
      expect(method).toContain("少于3件");
      expect(method).toContain("低于80分");

      const depts = section.locator('.rk-kind[data-kind="departments"]');
      const rows = depts.getByRole("table").locator("tbody tr");
      expect(await rows.count()).toBe(2);
      const cells = async (i: number) =>
        (await rows.nth(i).locator("th, td").allTextContents()).map((s) => s.trim());
      const [first, second] = [await cells(0), await cells(1)];
      expect(first.slice(0, 3)).toEqual(["1", deptName("env-bureau"), "100.0"]);
      expect(second.slice(0, 2)).toEqual(["2", deptName("urban-management")]);
      const score = Number(second[2]);
      expect(score).toBeGreaterThanOrEqual(80);
      expect(score).toBeLessThan(100);

      // The one-concern department is listed apart, not in the chart or the table.
      const apart = depts.locator(".rk-insufficient");
      expect(await apart.getByRole("heading").textContent()).toBe("件数不足，不参加排名");
      expect(await apart.textContent()).toContain(`${deptName("agri-service")}：收到1件`);
      // Nobody below 80 and nothing overdue: the 黑榜 says so, for both kinds.
      expect(await section.locator(".rk-black .rk-empty").count()).toBe(2);
      expect(await depts.locator(".rk-black").textContent()).toContain("黑榜为空");
      expect(await depts.locator(".rk-red li").count()).toBe(2);

      // The table scrolls in its own focusable box; nothing spills past the phone's width.
      const region = depts.getByRole("region", { name: "部门综合得分排名" });
      const box = await region.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(390);
      expect(
        await region.evaluate((el) => {
          const e = el as unknown as { scrollWidth: number; clientWidth: number };
          return e.scrollWidth > e.clientWidth;
        }),
      ).toBe(true);
      expect(await depts.locator(".rk-scroll-hint").isVisible()).toBe(true);
      await region.focus();
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      await expect
        .poll(() => region.evaluate((el) => (el as unknown as { scrollLeft: number }).scrollLeft))
        .toBeGreaterThan(0);

      await expectChartsDrawn(page, 1);
      // This section's own markup (the rest of the page is the overview's, tested there).
      expect(await axeViolations(page, "section.rankings")).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
