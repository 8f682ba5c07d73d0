import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  DESKTOP,
  type PortalForTest,
  signInStaff,
  submitSmellyCreek,
  usePortalAndBrowser,
} from "../support/browser.js";

/**
 * 在后台生成 on the ledger page: admin asks for the ledger of a range that includes today, lands
 * on the export's page, which updates itself (in place with JavaScript; by a meta refresh in
 * <noscript> without) until the worker has made the file, and downloads it through the staff
 * site, never from the API. Without
 * JavaScript the same post works, a wrong range comes back with what was typed, and another
 * staff member cannot see admin's export.
 */
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

let portal: PortalForTest;
let browser: Browser;

usePortalAndBrowser((p, b) => {
  portal = p;
  browser = b;
});

/** Today in Asia/Shanghai, YYYY-MM-DD (the ledger's days). */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const EXPORT_PAGE = /^\/ledger\/exports\/[^/]+$/;

describe("the ledger, prepared in the background", () => {
  let exportUrl = "";

  it("takes admin from 在后台生成 to the finished file", async () => {
    await submitSmellyCreek(portal);
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    // Everything the browser asks for, and each load of the export's page.
    const requested: string[] = [];
    page.on("request", (r) => requested.push(r.url()));
    const loads: { status: number; refresh: boolean; html: string; reload: boolean }[] = [];
    page.on("response", async (r) => {
      const type = r.request().resourceType();
      if (type !== "document" && type !== "fetch") return;
      if (!EXPORT_PAGE.test(new URL(r.url()).pathname)) return;
      const html = await r.text().catch(() => "");
      const refresh = /http-equiv="refresh"/.test(html);
      loads.push({ status: r.status(), refresh, html, reload: type === "document" });
    });

    await signInStaff(page, portal, "admin");
    await page.goto(`${portal.staffUrl}/ledger`);
    const to = today();
    await page.getByLabel("开始日期").fill(`${to.slice(0, 4)}-01-01`);
    await page.getByLabel("结束日期").fill(to);
    const button = page.getByRole("button", { name: "在后台生成" });
    expect(await button.getAttribute("aria-describedby")).toBe("l-background-hint");
    expect(await page.locator("#l-background-hint").textContent()).toBe(
      "数据量大（几千行以上）时用：生成好后在这里下载。",
    );
    await button.click();
    await page.waitForURL((u) => EXPORT_PAGE.test(u.pathname));
    exportUrl = page.url();

    // With JavaScript the status is fetched again and updated in place, never by reloading the
    // page (a reload would send a screen reader back to the top every few seconds).
    const status = page.getByRole("status");
    await status.getByText("已生成").waitFor({ timeout: 60_000 });
    // The answer that shows it done asks for no more refreshing.
    await expect.poll(() => loads.some((l) => /已生成/.test(l.html) && !l.refresh)).toBe(true);
    expect(loads.every((l) => l.status === 200)).toBe(true);
    expect(loads.filter((l) => l.reload)).toHaveLength(1);
    if (loads[0]?.refresh) {
      // Caught queued or running: it said so, and a later fetch showed it done.
      expect(loads[0].html).toMatch(/排队中|生成中/);
      expect(loads.length).toBeGreaterThan(1);
    }
    expect(await status.textContent()).toMatch(/共 \d+ 行/);
    expect(Number(/共 (\d+) 行/.exec((await status.textContent()) ?? "")?.[1])).toBeGreaterThan(0);

    // The link goes through the staff site, which fetches the file with the token.
    const link = page.getByRole("link", { name: "下载台账文件" });
    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/ledger\/download\?url=/);
    const file = await page.request.get(new URL(href, portal.staffUrl).href);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toContain(XLSX);
    expect((await file.body()).subarray(0, 2).toString("latin1")).toBe("PK");
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(await download.failure()).toBeNull();

    await page.getByRole("link", { name: "返回台账导出" }).click();
    await page.waitForURL((u) => u.pathname === "/ledger");
    // The browser only ever talked to the staff site.
    const staffOrigin = new URL(portal.staffUrl).origin;
    expect(requested.filter((u) => new URL(u).origin !== staffOrigin)).toEqual([]);
    await context.close();
  });

  it("works without JavaScript, keeps what was typed, and shows others a 404", async () => {
    // A post from another site is refused before anything else (as every form of the site).
    const forged = await fetch(`${portal.staffUrl}/ledger`, {
      method: "POST",
      headers: {
        origin: "http://evil.example",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: `from=${today()}&to=${today()}&format=xlsx`,
      redirect: "manual",
    });
    expect(forged.status).toBe(403);

    const context = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    await signInStaff(page, portal, "admin");
    await page.goto(`${portal.staffUrl}/ledger`);
    await page.getByLabel("开始日期").fill("2026-03-01");
    await page.getByLabel("结束日期").fill("2026-02-01");
    await page.getByLabel("CSV（.csv）").check();
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "在后台生成" }).click(),
    ]);
    expect(answer.status()).toBe(400);
    expect(new URL(page.url()).pathname).toBe("/ledger");
    expect(await page.getByRole("alert").textContent()).toContain("结束日期不能早于开始日期");
    expect(await page.getByLabel("开始日期").inputValue()).toBe("2026-03-01");
    expect(await page.getByLabel("结束日期").inputValue()).toBe("2026-02-01");
    expect(await page.getByLabel("CSV（.csv）").isChecked()).toBe(true);

    // The API's own check (at most a year): its message beside the field, the form as typed.
    await page.getByLabel("开始日期").fill("2020-01-01");
    await page.getByLabel("结束日期").fill(today());
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "在后台生成" }).click(),
    ]);
    expect(refused.status()).toBe(400);
    const summary = page.locator(".error-summary li");
    expect(await summary.count()).toBe(1);
    expect(await summary.textContent()).toBe(
      `结束日期：${await page.locator("#l-to-error").textContent()}`,
    );
    expect(await page.getByLabel("结束日期").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("开始日期").inputValue()).toBe("2020-01-01");
    expect(await page.getByLabel("CSV（.csv）").isChecked()).toBe(true);

    await page.getByLabel("开始日期").fill(`${today().slice(0, 4)}-01-01`);
    await page.getByRole("button", { name: "在后台生成" }).click();
    await page.waitForURL((u) => EXPORT_PAGE.test(u.pathname));
    await page.getByRole("status").getByText("已生成").waitFor({ timeout: 60_000 });
    const href =
      (await page.getByRole("link", { name: "下载台账文件" }).getAttribute("href")) ?? "";
    const file = await page.request.get(new URL(href, portal.staffUrl).href);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toContain("text/csv");

    // An unknown export, and admin's export seen by a department head: the site's 404.
    const missing = await page.goto(`${portal.staffUrl}/ledger/exports/no-such-export`);
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("页面不存在");
    await context.close();

    const other = await browser.newContext(DESKTOP);
    const head = await other.newPage();
    await signInStaff(head, portal, "head");
    expect(exportUrl).not.toBe("");
    const theirs = await head.goto(exportUrl);
    expect(theirs?.status()).toBe(404);
    expect(await head.getByRole("heading", { level: 1 }).textContent()).toBe("页面不存在");
    await other.close();
  });
});
