import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  type PortalForTest,
  signInStaff,
  submitSmellyCreek,
  usePortalAndBrowser,
} from "../support/browser.js";

/**
 * axe-core (WCAG 2.1 A and AA rules) on the pages residents and staff use most, as they
 * render: forms empty and with the server's objections, the receipt, the tracked concern, an
 * invalid SMS link, the notices, and the back office's sign-in, queue, concern page, SMS log,
 * ledger and dashboard. Each page must have no violation at all.
 */
const AXE_SOURCE = createRequire(import.meta.url)("axe-core").source as string;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function violationsOf(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, not added as a <script>: the sites' CSP runs no
  // inline script without its hash (and the browser tests fail on any violation).
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (o: object) => Promise<unknown> } }).axe;
    const result = (await axe.run({
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    })) as { violations: unknown[] };
    return result.violations;
  })) as Violation[];
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

let portal: PortalForTest;
let browser: Browser;

usePortalAndBrowser((p, b) => {
  portal = p;
  browser = b;
});

describe("accessibility (axe-core, WCAG 2.1 AA)", () => {
  it("has no violation on the residents' pages", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    const check = async (name: string) => {
      found[name] = await violationsOf(page);
    };
    try {
      await page.goto(portal.siteUrl);
      await check("home");
      await page.goto(`${portal.siteUrl}/submit`);
      await check("submission form");
      await page.getByRole("button", { name: "提交" }).click();
      await page.waitForLoadState();
      await check("submission form with objections");
      await page.getByLabel("所在村（社区）").selectOption({ label: "梅泾村" });
      await page.getByLabel("问题类别").selectOption({ label: "环境与河道" });
      await page.getByLabel("问题描述").fill("倪巷浜河水发黑发臭，夏天气味很大，希望尽快治理。");
      await page.getByLabel("联系电话").fill("13912345678");
      await page.getByRole("button", { name: "提交" }).click();
      await page.getByText("请保存好编号和查询码").waitFor();
      await check("receipt");
      // The tracked concern, with its 停止短信通知 form.
      await page.getByRole("button", { name: "查看办理进度" }).click();
      await page.getByRole("button", { name: "停止短信通知" }).waitFor();
      await check("tracked concern");
      await page.goto(`${portal.siteUrl}/t/track.LS-2026-000001.zzzzzz.AAAAAAAAAAAAAAAA`);
      await check("invalid SMS link");
      await page.goto(`${portal.siteUrl}/track`);
      await check("tracking form");
      await page.goto(`${portal.siteUrl}/notices`);
      await check("notices");
      await page.goto(`${portal.siteUrl}/statistics`);
      await check("statistics");
      await page.goto(`${portal.siteUrl}/lang?to=en&next=/submit`);
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await check("submission form in English");
    } finally {
      await context.close();
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  });

  it("has no violation on the back office's pages", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    const check = async (name: string) => {
      found[name] = await violationsOf(page);
    };
    try {
      await page.goto(`${portal.staffUrl}/login`);
      await check("sign-in");
      await signInStaff(page, portal, "admin");
      await check("queue");
      await page.goto(`${portal.staffUrl}/triage`);
      await check("triage");
      await page.goto(`${portal.staffUrl}/ledger`);
      await check("ledger");
      await page.goto(`${portal.staffUrl}/dashboard`);
      await check("dashboard");
      await page.goto(`${portal.staffUrl}/notices`);
      await check("notices");
      // A concern's page, with its timeline and one form per allowed action.
      const { ledgerNo } = await submitSmellyCreek(portal);
      await page.goto(`${portal.staffUrl}/concerns/${ledgerNo}`);
      await check("concern page");
      // The local SMS sink's page, its receipt listed.
      await page.goto(`${portal.staffUrl}/dev/sms`);
      await page.locator("tbody tr", { hasText: ledgerNo }).first().waitFor();
      await check("SMS log");
      // A background export's page, and the same in English.
      await page.goto(`${portal.staffUrl}/ledger`);
      await page.getByRole("button", { name: "在后台生成" }).click();
      await page.waitForURL(/\/ledger\/exports\//);
      await check("background export");
      await page.goto(`${portal.staffUrl}/lang?to=en&next=/`);
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await check("queue in English");
    } finally {
      await context.close();
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  });
});
