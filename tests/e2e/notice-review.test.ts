import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  type PortalForTest,
  signInStaff,
  siteCall,
  staffToken,
  submitSmellyCreek,
  usePortalAndBrowser,
} from "../support/browser.js";

/**
 * 公示审核 through the real page (issue 12): a draft notice with a span the masking engine is
 * unsure of cannot be approved; admin masks the span, then approves it, and the public notice
 * shows it masked.
 */
let portal: PortalForTest;
let browser: Browser;

usePortalAndBrowser((p, b) => {
  portal = p;
  browser = b;
});

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies read by tests
type Json = Record<string, any>;
const call = (path: string, init?: Parameters<typeof siteCall>[2]) =>
  siteCall<Json>(portal, path, init);

/** A concern answered with a bare number the cadre kept, rated satisfied: struck off. */
async function struckOffWithBareNumber(): Promise<string> {
  const { ledgerNo, accessCode } = await submitSmellyCreek(portal);
  const token = await staffToken(portal, "cadre");
  const view = await call(`/api/staff/concerns/${ledgerNo}`, { token });
  const accepted = await call(`/api/staff/concerns/${ledgerNo}/actions`, {
    method: "POST",
    token,
    body: { type: "accept", expectedVersion: view.version },
  });
  await call(`/api/staff/concerns/${ledgerNo}/actions`, {
    method: "POST",
    token,
    body: {
      type: "answer",
      outcome: "resolved",
      publicReply: "已完成清淤，可拨打83456789咨询",
      expectedVersion: accepted.version,
      review: { keep: ["83456789"] },
    },
  });
  const rated = await fetch(`${portal.apiUrl}/api/concerns/${ledgerNo}/feedback`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-access-code": accessCode },
    body: JSON.stringify({ rating: "satisfied" }),
  });
  expect(rated.status).toBe(201);
  return ledgerNo;
}

describe("approving a close-out notice", () => {
  it("is impossible with an undecided highlight, and done after masking it", async () => {
    const ledgerNo = await struckOffWithBareNumber();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: "zh-CN",
    });
    const admin = await context.newPage();
    admin.on("dialog", (dialog) => dialog.accept());
    await signInStaff(admin, portal, "admin");
    await admin.goto(`${portal.staffUrl}/notices`);
    const card = admin.locator("article", { hasText: ledgerNo });
    await expect.poll(() => card.locator("mark").allTextContents()).toEqual(["83456789"]);
    // The approve button is disabled while the highlight is undecided.
    expect(await card.getByRole("button", { name: "审核发布" }).isDisabled()).toBe(true);

    await card.getByLabel("遮盖").check();
    await card.getByRole("button", { name: "保存审核决定" }).click();
    await admin.waitForURL(/reviewedOne=/);
    const reviewed = admin.locator("article", { hasText: ledgerNo });
    expect(await reviewed.locator("mark").count()).toBe(0);
    expect(await reviewed.getByLabel("公开答复").inputValue()).toBe(
      "已完成清淤，可拨打********咨询",
    );
    await reviewed.getByRole("button", { name: "审核发布" }).click();
    await admin.waitForURL(/publishedOne=/);
    await context.close();

    const notice = await (await fetch(`${portal.apiUrl}/api/notices/${ledgerNo}`)).json();
    expect(notice.publicReply).toBe("已完成清淤，可拨打********咨询");
  });
});
