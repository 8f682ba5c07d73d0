import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PHONE, type PortalForTest, usePortalAndBrowser } from "../support/browser.js";
import { useTextedCodes } from "../support/sms-sink.js";

/**
 * 我的诉求 on a phone, with JavaScript on and off: a resident who submitted two concerns with
 * one mobile (a third came from another mobile) signs in with that mobile and the code texted
 * to it (read from the local sink's line in the API's output), sees exactly their two
 * concerns, opens one (its status and timeline, and adds information with the session alone),
 * cannot open the other mobile's, and signs out, after which the session is over on the API
 * too and /mine/<ledgerNo> sends them back to sign in. An ended session (a stale cookie) is
 * told to sign in again.
 */
let portal: PortalForTest;
let browser: Browser;
usePortalAndBrowser((p, b) => {
  portal = p;
  browser = b;
});
const sms = useTextedCodes();

/** A concern submitted straight to the API (as the site would) with this mobile. */
async function submit(fields: {
  contactPhone: string;
  title?: string;
  description: string;
}): Promise<{ ledgerNo: string; accessCode: string }> {
  const res = await fetch(`${portal.apiUrl}/api/concerns`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "idempotency-key": `e2e-${randomBytes(8).toString("hex")}`,
    },
    body: JSON.stringify({
      villageId: "meijing",
      groupId: "meijing-01",
      categoryCode: "environment",
      contactName: "王芳",
      ...fields,
    }),
  });
  if (res.status !== 201) throw new Error(`submission: ${res.status} ${await res.text()}`);
  return (await res.json()) as { ledgerNo: string; accessCode: string };
}

const rows = (page: Page) => page.locator(".mine-list > li");

/** The session cookie as the browser holds it. */
async function sessionCookie(context: BrowserContext) {
  return (await context.cookies(portal.siteUrl)).find((c) => c.name === "lx_resident");
}

describe("我的诉求", () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`lists the concerns of the signed-in mobile and opens them (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      let context: BrowserContext | undefined;
      try {
        context = await browser.newContext({ ...PHONE, javaScriptEnabled });
        const page = await context.newPage();
        // Mobiles of this run only (the file's table is shared by both runs).
        const mine = javaScriptEnabled ? "13700000001" : "13700000003";
        const other = javaScriptEnabled ? "13700000002" : "13700000004";
        const first = await submit({
          contactPhone: mine,
          title: "倪巷浜臭水河",
          description: "倪巷浜河水发黑发臭，夏天气味很大，希望尽快治理。",
        });
        const second = await submit({
          contactPhone: `+86 ${mine.slice(0, 3)} ${mine.slice(3, 7)} ${mine.slice(7)}`,
          description: "村口垃圾桶好几天没人清运，苍蝇很多。",
        });
        const theirs = await submit({
          contactPhone: other,
          title: "别人的诉求",
          description: "路灯坏了一个多月，晚上走路看不清。",
        });

        // From /track's link to the sign-in; a landline is refused by the site itself.
        await page.goto(`${portal.siteUrl}/track`);
        await page.getByRole("link", { name: "用手机号查看我的全部诉求" }).click();
        await page.waitForURL((url) => url.pathname === "/mine");
        const nav = page.getByRole("navigation", { name: "主导航" });
        expect(await nav.getByRole("link", { name: "我的诉求" }).getAttribute("aria-current")).toBe(
          "page",
        );
        await page.getByLabel("手机号").fill("0510-83312345");
        await page.getByRole("button", { name: "获取验证码" }).click();
        await expect.poll(() => page.getByText("请填写11位手机号").count()).toBe(2);
        expect(await page.getByLabel("手机号").inputValue()).toBe("0510-83312345");

        const before = sms.mark();
        await page.getByLabel("手机号").fill(`${mine.slice(0, 3)} ${mine.slice(3)}`);
        await page.getByRole("button", { name: "获取验证码" }).click();
        await expect
          .poll(() => page.getByText("如该号码提交过诉求，验证码已发送（5分钟内有效）").count())
          .toBe(1);
        const code = await sms.codeTextedTo(`${mine.slice(0, 3)}****${mine.slice(7)}`, before);
        const codeField = page.getByLabel("验证码", { exact: true });
        expect(await codeField.getAttribute("inputmode")).toBe("numeric");
        expect(await codeField.getAttribute("autocomplete")).toBe("one-time-code");

        // A wrong code is refused and stays as typed; the right one signs in.
        const wrong = code.replace(/.$/, (d) => String((Number(d) + 1) % 10));
        await codeField.fill(wrong);
        await page.getByRole("button", { name: "登录" }).click();
        await expect.poll(() => page.getByText("验证码不正确或已失效，请重新获取").count()).toBe(2);
        expect(await page.getByLabel("验证码", { exact: true }).inputValue()).toBe(wrong);
        await page.getByLabel("验证码", { exact: true }).fill(code);
        await page.getByRole("button", { name: "登录" }).click();
        await expect.poll(() => rows(page).count()).toBe(2);
        expect(new URL(page.url()).pathname).toBe("/mine");
        expect(page.url()).not.toContain(code);

        // The cookie: httpOnly, SameSite=Strict, not Secure on the local plain http, 30 minutes.
        const cookie = await sessionCookie(context);
        if (!cookie) throw new Error("no session cookie");
        expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", secure: false });
        const left = cookie.expires - Date.now() / 1000;
        expect(left).toBeGreaterThan(25 * 60);
        expect(left).toBeLessThanOrEqual(30 * 60 + 5);
        expect(await page.content()).not.toContain(cookie.value);

        // Exactly the two, newest first; the one without a title shows its category.
        const listed = await rows(page).allTextContents();
        expect(listed[0]).toContain(second.ledgerNo);
        expect(listed[0]).toContain("环境与河道");
        expect(listed[1]).toContain(first.ledgerNo);
        expect(listed[1]).toContain("倪巷浜臭水河");
        expect(listed.join("\n")).not.toContain(theirs.ledgerNo);
        expect(listed.join("\n")).not.toContain("别人的诉求");
        expect(await page.getByText("共 2 件诉求").count()).toBe(1);
        expect(await page.getByText(/登录有效至\s*\d{2}:\d{2}/).count()).toBe(1);
        const status = (await rows(page).nth(1).locator("dd").first().textContent())?.trim() ?? "";
        expect(status).not.toBe("");

        // One of them: its status and timeline, and information added with the session alone.
        await rows(page).nth(1).getByRole("link").click();
        await page.waitForURL((url) => url.pathname === `/mine/${first.ledgerNo}`);
        expect(await page.locator("h1").textContent()).toContain(first.ledgerNo);
        expect(await page.locator(".status-now").textContent()).toBe(status);
        expect(await page.getByRole("heading", { name: "办理记录" }).count()).toBe(1);
        expect(await page.locator(".timeline li", { hasText: "群众提交诉求" }).count()).toBe(1);
        await page.getByLabel("补充说明").fill("今天又去看了，河面上漂着死鱼。");
        await page.getByRole("button", { name: "补充", exact: true }).click();
        await expect.poll(() => page.getByText("已补充，感谢您提供情况。").count()).toBe(1);
        expect(new URL(page.url()).pathname).toBe(`/mine/${first.ledgerNo}`);
        expect(await page.getByText("今天又去看了，河面上漂着死鱼。").count()).toBe(1);

        // The other mobile's concern is not this session's.
        const refused = await page.goto(`${portal.siteUrl}/mine/${theirs.ledgerNo}`);
        expect(refused?.status()).toBe(404);
        expect(await page.getByText("在您的诉求中没有找到这个编号").count()).toBe(1);
        expect(await page.getByText("别人的诉求").count()).toBe(0);

        // Sign out: the session ends on the API, the cookie goes, the concern no longer opens.
        await page.getByRole("link", { name: "返回我的诉求" }).first().click();
        await page.waitForURL((url) => url.pathname === "/mine");
        await page.getByRole("button", { name: "退出" }).click();
        await expect.poll(() => page.getByText("您已退出登录。").count()).toBe(1);
        expect(await page.getByLabel("手机号").count()).toBe(1);
        expect(await sessionCookie(context)).toBeUndefined();
        const ended = await fetch(`${portal.apiUrl}/api/resident/concerns`, {
          headers: { "x-resident-session": cookie.value },
        });
        expect(ended.status).toBe(401);
        await page.goto(`${portal.siteUrl}/mine/${first.ledgerNo}`);
        expect(new URL(page.url()).pathname).toBe("/mine");
        expect(await page.getByText("倪巷浜臭水河").count()).toBe(0);
        expect(await rows(page).count()).toBe(0);

        // A cookie whose session is over (held on from before): told to sign in again.
        await context.addCookies([{ ...cookie, expires: Date.now() / 1000 + 600 }]);
        await page.goto(`${portal.siteUrl}/mine/${first.ledgerNo}`);
        await page.waitForURL((url) => url.pathname === "/mine");
        expect(await page.getByText("登录已过期，请重新获取验证码").count()).toBe(1);
        expect(await sessionCookie(context)).toBeUndefined();
        await context.addCookies([{ ...cookie, expires: Date.now() / 1000 + 600 }]);
        await page.goto(`${portal.siteUrl}/mine`);
        expect(await page.getByText("登录已过期，请重新获取验证码").count()).toBe(1);
        expect(await sessionCookie(context)).toBeUndefined();
      } finally {
        await context?.close();
      }
    });
  }

  it("answers no-store and refuses a post from another site", async () => {
    const page = await fetch(`${portal.siteUrl}/mine`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const concern = await fetch(`${portal.siteUrl}/mine/LS-2026-000001`, { redirect: "manual" });
    expect(concern.status).toBe(303);
    expect(concern.headers.get("location")).toBe("/mine");
    expect(concern.headers.get("cache-control")).toBe("no-store");
    const crossSite = await fetch(`${portal.siteUrl}/mine`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
      },
      body: "intent=send&phone=13700000001",
      redirect: "manual",
    });
    expect(crossSite.status).toBe(403);
  });
});
