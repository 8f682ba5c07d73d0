import type { Browser, BrowserContext, Page } from "playwright-core";
import { describe, expect, it, vi } from "vitest";
import { phoneJpeg } from "../../packages/functions/src/files/photo-fixtures.js";
import { axeViolations } from "../support/axe.js";
import { PHONE, type PortalForTest, termValue, usePortalAndBrowser } from "../support/browser.js";

/**
 * Issue 15, a resident's photos on a phone: with JavaScript the submission form shrinks,
 * uploads (progress bar, preview) and names the photo; without it the receipt page offers a
 * plain form that posts straight to the file store and lands on /photos/sent. Either way the
 * tracking view shows the thumbnail, and the full photo loads. The file store here is the local
 * API's (a random port), so any CSP gap on these pages fails the test (tests/support/browser.ts).
 */
/** An <img> as the page's scripts see it (the tests compile without the DOM's types). */
interface Img {
  naturalWidth: number;
  naturalHeight: number;
}

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
  await page.getByLabel("问题描述").fill("河边堆满了建筑垃圾，下雨后流进河里，附现场照片。");
}

async function receipt(page: Page): Promise<{ ledgerNo: string; accessCode: string }> {
  await expect
    .poll(() => page.getByText("请保存好编号和查询码").count(), { timeout: 15_000 })
    .toBeGreaterThan(0);
  const ledgerNo = (await termValue(page, "台账编号").textContent())?.trim() ?? "";
  const accessCode = (await termValue(page, "查询码").textContent())?.trim() ?? "";
  expect(ledgerNo).toMatch(/^LS-\d{4}-\d{6}$/);
  return { ledgerNo, accessCode };
}

/** The tracking view, looked up with the ledger number and the code (a fresh render). */
async function lookUp(page: Page, ledgerNo: string, accessCode: string) {
  await page.goto(`${portal.siteUrl}/track`);
  await page.getByLabel("台账编号").fill(ledgerNo);
  await page.getByLabel("查询码").fill(accessCode);
  await page.getByRole("button", { name: "查询" }).click();
  await expect.poll(() => page.locator("#view-title").count()).toBe(1);
}

/** The thumbnails on the tracking view, once there are `n`; each one's picture is drawn. */
async function thumbnailsShown(page: Page, n: number) {
  const thumbs = page.locator("section.files ul.thumbs img");
  await expect.poll(() => thumbs.count()).toBe(n);
  for (const img of await thumbs.all()) {
    await img.scrollIntoViewIfNeeded();
    await expect
      .poll(() => img.evaluate((el) => (el as unknown as Img).naturalWidth))
      .toBeGreaterThan(0);
    expect(await img.getAttribute("width")).toMatch(/^\d+$/);
    expect(await img.getAttribute("alt")).toContain("您提供的照片");
  }
  // The link's full photo loads in the page (its CSP lets the file store's images in).
  const href = (await page.locator("section.files ul.thumbs a").first().getAttribute("href")) ?? "";
  expect(href).toMatch(/^http/);
  const width = await page.evaluate<number>(
    `new Promise((resolve) => {
      const img = new Image();
      img.onload = () => resolve(img.naturalWidth);
      img.onerror = () => resolve(0);
      img.src = ${JSON.stringify(href)};
    })`,
  );
  expect(width).toBeGreaterThan(0);
}

describe("a resident's photos", () => {
  it("with JavaScript: shrunk, uploaded with progress and a preview, shown when tracking", async () => {
    let context: BrowserContext | undefined;
    try {
      context = await browser.newContext(PHONE);
      const page = await context.newPage();
      // The file store answers slowly enough for the progress bar to be seen.
      await page.route("**/local-files/upload", async (route) => {
        if (route.request().method() === "POST") await new Promise((r) => setTimeout(r, 600));
        await route.continue();
      });
      await fillConcern(page);
      const input = page.getByLabel("添加照片（最多3张）");
      await expect.poll(() => input.count()).toBe(1);
      // Whether a progress bar is ever drawn (the upload may be over between two looks).
      await page.evaluate(`
        window.sawProgress = false;
        new MutationObserver(() => {
          if (document.querySelector("progress")) window.sawProgress = true;
        }).observe(document.body, { subtree: true, childList: true });
      `);
      const jpeg = await phoneJpeg(3000, 2000, 6);
      await input.setInputFiles({ name: "IMG_0001.jpg", mimeType: "image/jpeg", buffer: jpeg });
      await expect
        .poll(() => page.getByText("已添加", { exact: true }).count(), { timeout: 20_000 })
        .toBe(1);
      expect(await page.evaluate<boolean>("window.sawProgress")).toBe(true);
      const preview = page.getByAltText("照片预览：IMG_0001.jpg");
      expect(await preview.getAttribute("src")).toMatch(/^blob:/);
      // Shrunk on the phone to at most 2048 px, upright (orientation 6: 2000 × 3000 as seen).
      expect(
        await preview.evaluate((el) => [
          (el as unknown as Img).naturalWidth,
          (el as unknown as Img).naturalHeight,
        ]),
      ).toEqual([1365, 2048]);
      expect(await page.locator('input[type="hidden"][name="photos"]').inputValue()).toMatch(
        /^u[A-Za-z0-9_-]{22}$/,
      );
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole("button", { name: "提交", exact: true }).click();
      const { ledgerNo, accessCode } = await receipt(page);
      // The receipt offers plain forms for the photos still allowed (one was sent).
      expect(await page.getByRole("button", { name: "上传这张照片" }).count()).toBe(2);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole("button", { name: "查看办理进度" }).click();
      await thumbnailsShown(page, 1);
      expect(await page.getByText("照片链接几分钟后失效").count()).toBe(1);

      // 补充情况: one more photo from the tracking view, attached once processed.
      const more = page.getByLabel("添加照片（最多3张）");
      await expect.poll(() => more.count()).toBe(1);
      await more.setInputFiles({
        name: "IMG_0003.jpg",
        mimeType: "image/jpeg",
        buffer: await phoneJpeg(800, 600, 1),
      });
      await expect
        .poll(() => page.getByText("已添加", { exact: true }).count(), { timeout: 20_000 })
        .toBe(1);
      await lookUp(page, ledgerNo, accessCode);
      await thumbnailsShown(page, 2);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context?.close();
    }
  });

  it("without JavaScript: a plain form on the receipt page, then /photos/sent", async () => {
    let context: BrowserContext | undefined;
    let scripted: BrowserContext | undefined;
    try {
      context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
      const page = await context.newPage();
      await fillConcern(page);
      expect(await page.getByLabel("添加照片（最多3张）").count()).toBe(0);
      await page.getByRole("button", { name: "提交", exact: true }).click();
      const { ledgerNo, accessCode } = await receipt(page);
      expect(page.url()).not.toContain(accessCode);

      await expect.poll(() => page.getByRole("heading", { name: "补充现场照片" }).count()).toBe(1);
      expect(await page.getByRole("button", { name: "上传这张照片" }).count()).toBe(3);
      const jpeg = await phoneJpeg(1200, 900, 1);
      await page
        .getByLabel("第1张照片")
        .setInputFiles({ name: "IMG_0002.jpg", mimeType: "image/jpeg", buffer: jpeg });
      const landed = page.waitForResponse((r) => new URL(r.url()).pathname === "/photos/sent");
      await page.getByRole("button", { name: "上传这张照片" }).first().click();
      const sent = await landed;
      expect(sent.status()).toBe(200);
      expect(sent.headers()["referrer-policy"]).toBe("no-referrer");
      expect(sent.headers()["cache-control"]).toContain("no-store");
      expect(sent.headers()["content-security-policy"]).toContain(
        `form-action 'self' ${new URL(portal.apiUrl).origin}`,
      );
      expect(page.url()).not.toContain(accessCode);
      await expect
        .poll(async () => (await page.getByText(/照片已收到|已添加/).count()) > 0)
        .toBe(true);
      // One more photo can be sent from here.
      expect(await page.getByRole("button", { name: "上传这张照片" }).count()).toBe(1);
      // axe needs scripts: the same page in a context that runs them.
      scripted = await browser.newContext(PHONE);
      const again = await scripted.newPage();
      await again.goto(page.url());
      expect(await axeViolations(again)).toEqual([]);

      // Tracking: the photo is there once the processor has attached it.
      let shown = 0;
      for (let i = 0; i < 20 && shown === 0; i++) {
        await lookUp(page, ledgerNo, accessCode);
        shown = await page.locator("section.files ul.thumbs img").count();
        if (shown === 0) await new Promise((r) => setTimeout(r, 250));
      }
      expect(shown).toBe(1);
      const img = page.locator("section.files ul.thumbs img").first();
      await img.scrollIntoViewIfNeeded();
      await expect
        .poll(() => img.evaluate((el) => (el as unknown as Img).naturalWidth))
        .toBeGreaterThan(0);
    } finally {
      await context?.close();
      await scripted?.close();
    }
  });

  it("waits for an upload still running when sent, and refuses a HEIC with core's words", async () => {
    let context: BrowserContext | undefined;
    try {
      context = await browser.newContext(PHONE);
      const page = await context.newPage();
      await page.route("**/local-files/upload", async (route) => {
        if (route.request().method() === "POST") await new Promise((r) => setTimeout(r, 1500));
        await route.continue();
      });
      await fillConcern(page);
      const input = page.getByLabel("添加照片（最多3张）");
      await expect.poll(() => input.count()).toBe(1);
      await input.setInputFiles({
        name: "IMG_0004.HEIC",
        mimeType: "image/heic",
        buffer: Buffer.from("not really a HEIC"),
      });
      await expect.poll(() => page.getByText("是HEIC格式，无法读取").count()).toBe(1);
      await page.getByRole("button", { name: "移除照片 IMG_0004.HEIC" }).click();

      await input.setInputFiles({
        name: "IMG_0005.png",
        mimeType: "image/png",
        buffer: await phoneJpeg(640, 480, 1),
      });
      await expect.poll(() => page.getByText("正在上传…").count()).toBe(1);
      await page.getByRole("button", { name: "提交", exact: true }).click();
      await expect.poll(() => page.getByText("照片还在上传，请稍候").count()).toBe(1);
      // Sent by itself once the upload is done.
      const { ledgerNo, accessCode } = await receipt(page);
      await lookUp(page, ledgerNo, accessCode);
      await thumbnailsShown(page, 1);
    } finally {
      await context?.close();
    }
  });

  it("from an SMS link's view (/t/<token>): 补充情况 adds a photo with the link's token", async () => {
    const output = vi.spyOn(console, "log");
    let context: BrowserContext | undefined;
    try {
      context = await browser.newContext(PHONE);
      const page = await context.newPage();
      await fillConcern(page);
      await page.getByLabel("联系电话").fill("13900139000");
      await page.getByRole("button", { name: "提交", exact: true }).click();
      const { ledgerNo } = await receipt(page);
      // The registration SMS (the local sink prints it) carries the tracking link.
      let link = "";
      await expect
        .poll(() => {
          const line = output.mock.calls
            .map((args) => args.join(" "))
            .find((l) => l.includes(ledgerNo));
          link = /(http\S+\/t\/track\.\S+)/.exec(line ?? "")?.[1] ?? "";
          return link;
        })
        .toMatch(/\/t\/track\./);
      await page.goto(link);
      const more = page.getByLabel("添加照片（最多3张）");
      await expect.poll(() => more.count()).toBe(1);
      await more.setInputFiles({
        name: "IMG_0006.jpg",
        mimeType: "image/jpeg",
        buffer: await phoneJpeg(900, 600, 1),
      });
      await expect
        .poll(() => page.getByText("已添加", { exact: true }).count(), { timeout: 20_000 })
        .toBe(1);
      await page.goto(link);
      await thumbnailsShown(page, 1);
    } finally {
      output.mockRestore();
      await context?.close();
    }
  });

  it("from 我的诉求 (/mine/<ledgerNo>): 补充情况 adds a photo with the session's cookie", async () => {
    const output = vi.spyOn(console, "log");
    let context: BrowserContext | undefined;
    try {
      context = await browser.newContext(PHONE);
      const page = await context.newPage();
      await fillConcern(page);
      await page.getByLabel("联系电话").fill("13700137000");
      await page.getByRole("button", { name: "提交", exact: true }).click();
      const { ledgerNo } = await receipt(page);

      await page.goto(`${portal.siteUrl}/mine`);
      const before = output.mock.calls.length;
      await page.getByLabel("手机号").fill("13700137000");
      await page.getByRole("button", { name: "获取验证码" }).click();
      let code = "";
      await expect
        .poll(
          () => {
            const line = output.mock.calls
              .slice(before)
              .map((args) => args.join(" "))
              .findLast((l) => l.includes("→ 137****7000: "));
            code = /验证码(\d{6})/.exec(line ?? "")?.[1] ?? "";
            return code;
          },
          { timeout: 15_000 },
        )
        .toMatch(/^\d{6}$/);
      await page.getByLabel("验证码", { exact: true }).fill(code);
      await page.getByRole("button", { name: "登录" }).click();
      await expect.poll(() => page.getByRole("button", { name: "退出" }).count()).toBe(1);

      await page.goto(`${portal.siteUrl}/mine/${ledgerNo}`);
      const more = page.getByLabel("添加照片（最多3张）");
      await expect.poll(() => more.count()).toBe(1);
      await more.setInputFiles({
        name: "IMG_0007.jpg",
        mimeType: "image/jpeg",
        buffer: await phoneJpeg(900, 600, 1),
      });
      await expect
        .poll(() => page.getByText("已添加", { exact: true }).count(), { timeout: 20_000 })
        .toBe(1);
      await page.goto(`${portal.siteUrl}/mine/${ledgerNo}`);
      await thumbnailsShown(page, 1);
    } finally {
      output.mockRestore();
      await context?.close();
    }
  });
});
