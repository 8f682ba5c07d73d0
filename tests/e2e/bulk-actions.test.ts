import type { Browser, BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe.js";
import {
  PHONE,
  type PortalForTest,
  signInStaff,
  siteCall,
  staffToken,
  submitSmellyCreek,
  usePortalAndBrowser,
} from "../support/browser.js";

/**
 * 批量办理 (/bulk) on a 390 px phone: a selection posted as the queue's form of checkboxes
 * posts it (`item` = `<ledgerNo>:<version>`, `action`, `return`) is signed for at once, with
 * each item's outcome in words (one someone else changed meanwhile: "已被他人处理"); an
 * action with fields asks for them first, the selection carried along; no selection says so.
 * The queue page's own form is another helper's; here the same form is put on a staff page.
 */
let portal: PortalForTest;
let browser: Browser;
usePortalAndBrowser((p, b) => {
  portal = p;
  browser = b;
});

/** Posts a selection from a page of the staff site, as the queue's form does. */
async function postSelection(
  page: Page,
  fields: { items: string[]; action: string; return: string },
): Promise<void> {
  await page.goto(`${portal.staffUrl}/`);
  await page.evaluate((f) => {
    type El = {
      setAttribute(n: string, v: string): void;
      appendChild(c: El): void;
      submit(): void;
    };
    const doc = (globalThis as unknown as { document: { createElement(t: string): El; body: El } })
      .document;
    const form = doc.createElement("form");
    form.setAttribute("method", "post");
    form.setAttribute("action", "/bulk");
    const add = (name: string, value: string) => {
      const input = doc.createElement("input");
      input.setAttribute("type", "hidden");
      input.setAttribute("name", name);
      input.setAttribute("value", value);
      form.appendChild(input);
    };
    for (const item of f.items) add("item", item);
    add("action", f.action);
    add("return", f.return);
    doc.body.appendChild(form);
    form.submit();
  }, fields);
  await page.waitForURL((url) => url.pathname === "/bulk");
}

async function fitsThePhone(page: Page) {
  const width = await page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
        .documentElement.scrollWidth,
  );
  expect(width).toBeLessThanOrEqual(390);
}

async function selectionOf(count: number): Promise<{ ledgerNo: string; version: number }[]> {
  const admin = await staffToken(portal, "admin");
  const out = [];
  for (let i = 0; i < count; i++) {
    const { ledgerNo } = await submitSmellyCreek(portal);
    const view = await siteCall<{ version: number }>(portal, `/api/staff/concerns/${ledgerNo}`, {
      token: admin,
    });
    out.push({ ledgerNo, version: view.version });
  }
  return out;
}

describe("bulk actions on the staff site", () => {
  it("signs for a selection at once and says which item someone else changed", async () => {
    let context: BrowserContext | undefined;
    try {
      const selected = await selectionOf(3);
      const stale = selected[1] as { ledgerNo: string; version: number };
      // The department head adds a note to one after the queue was read.
      await siteCall(portal, `/api/staff/concerns/${stale.ledgerNo}/actions`, {
        method: "POST",
        token: await staffToken(portal, "head"),
        body: { type: "note", text: "先去现场看看", expectedVersion: stale.version },
      });

      context = await browser.newContext(PHONE);
      const page = await context.newPage();
      await signInStaff(page, portal, "cadre");
      await postSelection(page, {
        items: selected.map((s) => `${s.ledgerNo}:${s.version}`),
        action: "accept",
        return: "/?status=assigned",
      });
      await expect
        .poll(async () => (await page.getByRole("status").textContent())?.trim())
        .toBe("已签收 2 件，1 件未成功");
      const staleRow = page.getByRole("row", { name: new RegExp(stale.ledgerNo) });
      expect((await staleRow.locator("td").allTextContents()).map((c) => c.trim())).toEqual([
        "未成功",
        expect.stringMatching(
          new RegExp(`^已被他人处理：当前状态 .+，第 ${stale.version + 1} 版$`),
        ),
      ]);
      for (const s of selected.filter((x) => x !== stale)) {
        const row = page.getByRole("row", { name: new RegExp(s.ledgerNo) });
        expect((await row.locator("td").allTextContents()).map((c) => c.trim())).toEqual([
          "成功",
          "当前状态 已签收",
        ]);
      }
      await fitsThePhone(page);
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole("link", { name: "返回列表" }).last().click();
      await page.waitForURL((url) => url.pathname === "/" && url.search === "?status=assigned");
    } finally {
      await context?.close();
    }
  });

  it("asks for the action's fields first, the selection carried, and takes them by keyboard", async () => {
    let context: BrowserContext | undefined;
    try {
      const selected = await selectionOf(2);
      context = await browser.newContext(PHONE);
      const page = await context.newPage();
      await signInStaff(page, portal, "leader");
      await postSelection(page, {
        items: selected.map((s) => `${s.ledgerNo}:${s.version}`),
        action: "supervise",
        // Another site is never where "back" goes.
        return: "https://evil.example/",
      });
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("批量办理：督办");
      for (const s of selected) {
        expect(await page.getByRole("link", { name: s.ledgerNo }).count()).toBe(1);
      }
      expect(await page.getByRole("link", { name: "取消，返回列表" }).getAttribute("href")).toBe(
        "/",
      );
      await fitsThePhone(page);
      expect(await axeViolations(page)).toEqual([]);

      // The browser's own `required` check holds the empty form back; typed, it goes.
      await page.getByRole("button", { name: "确认督办 2 件" }).click();
      expect(new URL(page.url()).pathname).toBe("/bulk");
      await page.getByLabel("督办意见").focus();
      await page.keyboard.type("请本周内答复");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      await expect
        .poll(async () => (await page.getByRole("status").textContent())?.trim())
        .toBe("已督办 2 件");
      const admin = await staffToken(portal, "admin");
      for (const s of selected) {
        const view = await siteCall<{ flags: { supervised: boolean } }>(
          portal,
          `/api/staff/concerns/${s.ledgerNo}`,
          { token: admin },
        );
        expect(view.flags.supervised).toBe(true);
      }
    } finally {
      await context?.close();
    }
  });

  it("says so when nothing was selected", async () => {
    let context: BrowserContext | undefined;
    try {
      context = await browser.newContext(PHONE);
      const page = await context.newPage();
      await signInStaff(page, portal, "cadre");
      await postSelection(page, { items: [], action: "accept", return: "/" });
      expect(await page.getByRole("alert").textContent()).toContain("没有选择任何诉求");
      await page.goto(`${portal.staffUrl}/bulk`);
      expect(await page.getByRole("alert").textContent()).toContain("没有选择任何诉求");
    } finally {
      await context?.close();
    }
  });
});
