import { buildDemoDirectory } from "@lianxin/core/demo";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  DESKTOP,
  PHONE,
  type PortalForTest,
  signInStaff,
  termValue,
  usePortalAndBrowser,
} from "../support/browser.js";

/**
 * Issue 15's place: a resident on a phone lets the browser say where the problem is
 * ("使用我的位置"); the staff concern page shows the point and its distance from the village's
 * centre. Without JavaScript there is no button and the form still submits, the address
 * naming a landmark.
 */
const centre = buildDemoDirectory().villages.find((v) => v.id === "meijing")?.centre;
if (!centre) throw new Error("梅泾村 has a demo centre");
/** 300 m north of 梅泾村's demo centre. */
const HERE = { latitude: centre.lat + 300 / 111195, longitude: centre.long, accuracy: 25 };

let portal: PortalForTest;
let browser: Browser;

usePortalAndBrowser((p, b) => {
  portal = p;
  browser = b;
});

async function fillConcern(page: Page) {
  await page.goto(`${portal.siteUrl}/submit`);
  await page.getByLabel("所在村（社区）").selectOption({ label: "梅泾村" });
  await page.getByLabel("问题类别").selectOption({ label: "环境与河道" });
  await page.getByLabel("问题描述").fill("桥边的路灯坏了一个多月，晚上很黑，希望尽快修好。");
}

async function submitted(page: Page): Promise<string> {
  await page.getByRole("button", { name: "提交", exact: true }).click();
  await expect.poll(() => page.getByText("请保存好编号和查询码").count()).toBeGreaterThan(0);
  const ledgerNo = (await termValue(page, "台账编号").textContent())?.trim() ?? "";
  expect(ledgerNo).toMatch(/^LS-\d{4}-\d{6}$/);
  return ledgerNo;
}

describe("a resident's place", () => {
  it("comes from the phone's location, and staff see it with the distance", async () => {
    let context: BrowserContext | undefined;
    let staffContext: BrowserContext | undefined;
    try {
      context = await browser.newContext({
        ...PHONE,
        permissions: ["geolocation"],
        geolocation: HERE,
      });
      const page = await context.newPage();
      await fillConcern(page);
      await page.getByRole("button", { name: "使用我的位置" }).click();
      await expect.poll(() => page.getByText("已获取位置（精度约 25 米）").count()).toBe(1);
      // Removed and taken again: the button comes back.
      await page.getByRole("button", { name: "移除位置" }).click();
      await page.getByRole("button", { name: "使用我的位置" }).click();
      await expect.poll(() => page.getByText("已获取位置（精度约 25 米）").count()).toBe(1);
      const ledgerNo = await submitted(page);

      staffContext = await browser.newContext(DESKTOP);
      const staff = await staffContext.newPage();
      await signInStaff(staff, portal, "admin");
      await staff.goto(`${portal.staffUrl}/concerns/${ledgerNo}`);
      const place = termValue(staff, "位置（经纬度）");
      await expect.poll(() => place.count()).toBe(1);
      const text = (await place.textContent()) ?? "";
      expect(text).toContain(HERE.latitude.toFixed(6).slice(0, 7));
      expect(text).toContain("距所在村（社区）中心约 300 米");
      expect(text).toContain("精度约 25 米");
      expect(await staff.getByRole("link", { name: "在高德地图中查看" }).count()).toBeGreaterThan(
        0,
      );
    } finally {
      await context?.close();
      await staffContext?.close();
    }
  });

  it("says so when the resident refuses the location", async () => {
    const context = await browser.newContext(PHONE);
    try {
      const page = await context.newPage();
      await fillConcern(page);
      await page.getByRole("button", { name: "使用我的位置" }).click();
      await expect.poll(() => page.getByText("未获得定位权限").count()).toBe(1);
      // The concern still goes, without a place.
      await submitted(page);
    } finally {
      await context.close();
    }
  });

  it("without JavaScript: no button, and the address says where", async () => {
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await fillConcern(page);
      expect(await page.getByRole("button", { name: "使用我的位置" }).count()).toBe(0);
      await page.getByLabel("地址").fill("梅泾村倪巷组桥边");
      await submitted(page);
    } finally {
      await context.close();
    }
  });
});
