import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe.js";
import {
  DESKTOP,
  type PortalForTest,
  signInStaff,
  submitSmellyCreek,
  usePortalAndBrowser,
} from "../support/browser.js";

/**
 * 答复模板 (issue 16) through real pages: admin writes a template for 环境与河道 on
 * /reply-templates and edits it (the history shows the old and the new text); a cadre signs
 * for a 梅泾村 concern and answers it from the template, without JavaScript (a link reloads
 * the page with the text and outcome filled in, still editable) and with it (the select fills
 * the text in place). Any CSP violation on the way fails the test (tests/support/browser.ts).
 */
let portal: PortalForTest;
let browser: Browser;

usePortalAndBrowser((p, b) => {
  portal = p;
  browser = b;
});

const TITLE = "河道已清淤（测试）";

describe("reply templates on the staff site", () => {
  it("admin writes and edits a template; its history keeps the old text", async () => {
    // With JavaScript (axe runs in the page); the forms are plain posts either way.
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    try {
      await signInStaff(page, portal, "admin");
      await page.getByRole("link", { name: "答复模板" }).first().click();
      await page.waitForURL(/\/reply-templates$/);
      const create = page.locator("section#create form");
      await create.getByLabel("标题").fill(TITLE);
      // A typo in a placeholder is named beside the field, and what was typed is kept.
      await create.getByLabel("模板文字").fill("{village}的河道已清淤，{resident}请监督。");
      await create.getByLabel("问题类别").selectOption({ label: "环境与河道" });
      await create.getByLabel("解决到位").check();
      await create.getByLabel("答复", { exact: true }).check();
      await create.getByRole("button", { name: "保存模板" }).click();
      expect(await page.locator("#new-body-error").textContent()).toContain("{resident}");
      expect(await axeViolations(page)).toEqual([]);
      await create
        .getByLabel("模板文字")
        .fill("您反映的{village}河道问题（{ledgerNo}）已由{department}于{today}清淤。");
      await create.getByRole("button", { name: "保存模板" }).click();
      await page.waitForURL(/created=/);
      expect(await page.getByRole("status").first().textContent()).toContain(TITLE);

      await page.getByRole("link", { name: `修改「${TITLE}」` }).click();
      const edit = page.locator("section#edit form").first();
      await edit
        .getByLabel("模板文字")
        .fill("您反映的{village}河道问题（{ledgerNo}）已由{department}于{today}清淤，请监督。");
      await edit.getByLabel("修改原因").fill("加一句请监督");
      await edit.getByRole("button", { name: "保存修改" }).click();
      await page.waitForURL(/saved=/);

      await page.getByRole("link", { name: `「${TITLE}」的修改记录` }).click();
      const history = page.locator("section#history");
      expect(await history.textContent()).toContain("加一句请监督");
      expect(await history.locator("dd").first().textContent()).toContain("于{today}清淤。");
      expect(await history.locator("dd").nth(1).textContent()).toContain("清淤，请监督。");
      expect(await axeViolations(page)).toEqual([]);
      // On a phone the list and the forms fit the screen (no sideways scrolling).
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(
        `${portal.staffUrl}/reply-templates?edit=${new URL(page.url()).searchParams.get("history")}#edit`,
      );
      const overflow = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
            .document.documentElement.scrollWidth,
      );
      expect(overflow).toBeLessThanOrEqual(390);
    } finally {
      await context.close();
    }
  });

  it("a cadre answers from the template without JavaScript, the text still editable", async () => {
    const { ledgerNo } = await submitSmellyCreek(portal);
    const context = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await signInStaff(page, portal, "cadre");
      await page.goto(`${portal.staffUrl}/concerns/${ledgerNo}`);
      await page.getByRole("button", { name: "签收", exact: true }).click();
      await page.waitForURL(/done=accept/);
      const answer = page.locator("details#action-answer");
      if (!(await answer.getAttribute("open"))) await answer.locator("summary").click();
      await answer.getByRole("link", { name: `使用「${TITLE}」` }).click();
      await page.waitForURL(/template=.*for=answer/);
      const form = page.getByRole("form", { name: "答复" });
      const reply = form.getByLabel("公开答复");
      expect(await reply.inputValue()).toMatch(
        new RegExp(
          `^您反映的梅泾村河道问题（${ledgerNo}）已由环保分局于\\d{1,2}月\\d{1,2}日清淤，请监督。$`,
        ),
      );
      expect(await form.getByLabel("答复结果").inputValue()).toBe("resolved");
      // Nothing was sent: the concern is still waiting for its answer.
      expect(await page.locator(".status-now").textContent()).not.toBe("已答复");
      await reply.fill(`${await reply.inputValue()}感谢支持。`);
      await form.getByRole("button", { name: "答复", exact: true }).click();
      await page.waitForURL(/done=answer/);
      expect(await page.locator("p.description").last().textContent()).toContain("感谢支持。");
    } finally {
      await context.close();
    }
  });

  it("with JavaScript, the select fills the text in place", async () => {
    const { ledgerNo } = await submitSmellyCreek(portal);
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    try {
      await signInStaff(page, portal, "cadre");
      await page.goto(`${portal.staffUrl}/concerns/${ledgerNo}`);
      await page.getByRole("button", { name: "签收", exact: true }).click();
      await page.waitForURL(/done=accept/);
      const answer = page.locator("details#action-answer");
      if (!(await answer.getAttribute("open"))) await answer.locator("summary").click();
      const picker = answer.getByLabel("选择模板");
      await picker.waitFor({ state: "visible", timeout: 20_000 });
      const url = page.url();
      await picker.selectOption({ label: TITLE });
      const form = page.getByRole("form", { name: "答复" });
      expect(await form.getByLabel("公开答复").inputValue()).toContain(`（${ledgerNo}）`);
      expect(await form.getByLabel("答复结果").inputValue()).toBe("resolved");
      expect(page.url()).toBe(url);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
