import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe.js";
import {
  PHONE,
  type PortalForTest,
  signInStaff,
  submitSmellyCreek,
  usePortalAndBrowser,
} from "../support/browser.js";

/**
 * 可能重复 on the concern page, on a 390 px phone: a department head sees the alike concern of
 * the village with its similarity and merges into it in one click (after the confirm), with
 * JavaScript and without; the merge's reason is on the timeline.
 */
let portal: PortalForTest;
let browser: Browser;

usePortalAndBrowser((p, b) => {
  portal = p;
  browser = b;
});

/** A concern sent straight to the API (as a site would): the smelly creek unless `body` says. */
async function submitConcern(body: Record<string, unknown>): Promise<{ ledgerNo: string }> {
  const res = await fetch(`${portal.apiUrl}/api/concerns`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "idempotency-key": `e2e-dup-${Math.random().toString(36).slice(2)}`,
    },
    body: JSON.stringify({
      villageId: "meijing",
      groupId: "meijing-01",
      categoryCode: "environment",
      contactName: "王五",
      contactPhone: "13700137000",
      ...body,
    }),
  });
  if (res.status !== 201) throw new Error(`submission: ${res.status} ${await res.text()}`);
  return (await res.json()) as { ledgerNo: string };
}

const alikeCreek = () =>
  submitConcern({
    title: "倪巷浜河水又黑又臭",
    description: "倪巷浜的河水发黑发臭，热天气味很大，请尽快治理倪巷浜。",
  });

/** The page fits the phone's width: nothing scrolls sideways. */
async function fitsWidth(page: Page) {
  const overflow = await page.evaluate(() => {
    const doc = (
      globalThis as unknown as {
        document: { documentElement: { scrollWidth: number; clientWidth: number } };
      }
    ).document.documentElement;
    return doc.scrollWidth - doc.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
}

describe("possible duplicates", () => {
  it("a head merges a suggested duplicate in one click, after confirming", async () => {
    const target = await submitSmellyCreek(portal);
    const opened = await alikeCreek();
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signInStaff(page, portal, "head");
    await page.goto(`${portal.staffUrl}/concerns/${opened.ledgerNo}`);
    const panel = page.getByRole("region", { name: "可能重复" });
    await expect(panel.isVisible()).resolves.toBe(true);
    const row = panel.locator("li", { hasText: target.ledgerNo });
    const scoreText = (await row.locator(".dup-score").textContent()) ?? "";
    expect(scoreText).toMatch(/^相似度 \d+%$/);
    await fitsWidth(page);
    expect(await axeViolations(page)).toEqual([]);

    // The confirm is the island's (client:visible): in view, it hydrates (Astro drops `ssr`).
    await row.scrollIntoViewIfNeeded();
    await row.locator("astro-island:not([ssr])").waitFor({ state: "attached" });
    let asked = "";
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await row.getByRole("button", { name: `合并到此件 ${target.ledgerNo}` }).click();
    await page.waitForURL((url) => url.searchParams.get("done") === "merge");
    expect(asked).toContain(target.ledgerNo);
    await expect(page.locator(".status-now").textContent()).resolves.toBe("已合并");
    const score = scoreText.replace(/\D/g, "");
    await expect(
      page
        .locator(".timeline")
        .getByText(`与 ${target.ledgerNo} 反映同一问题（相似度 ${score}%）`)
        .count(),
    ).resolves.toBeGreaterThan(0);
    await context.close();
  });

  it("works without JavaScript and with the keyboard", async () => {
    const target = await submitSmellyCreek(portal);
    const opened = await alikeCreek();
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await signInStaff(page, portal, "head");
    await page.goto(`${portal.staffUrl}/concerns/${opened.ledgerNo}`);
    const row = page
      .getByRole("region", { name: "可能重复" })
      .locator("li", { hasText: target.ledgerNo });
    await row.getByRole("button", { name: `合并到此件 ${target.ledgerNo}` }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.searchParams.get("done") === "merge");
    await expect(page.locator(".status-now").textContent()).resolves.toBe("已合并");
    await page.goto(`${portal.staffUrl}/concerns/${target.ledgerNo}`);
    await expect(
      page.locator(".timeline").getByText(`与 ${target.ledgerNo} 反映同一问题`).count(),
    ).resolves.toBeGreaterThan(0);
    await context.close();
  });

  it("says so in words when there is none", async () => {
    const { ledgerNo } = await submitConcern({
      villageId: "taoyuan",
      groupId: undefined,
      title: "桃源村有人焚烧秸秆",
      description: "桃源村有人在田里焚烧秸秆，烟很大，公路上都看不清车。",
    });
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signInStaff(page, portal, "admin");
    await page.goto(`${portal.staffUrl}/concerns/${ledgerNo}`);
    await expect(
      page
        .getByRole("region", { name: "可能重复" })
        .getByText("没有发现可能重复的诉求。")
        .isVisible(),
    ).resolves.toBe(true);
    await context.close();
  });
});
