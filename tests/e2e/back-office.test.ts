import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  DESKTOP,
  expectChartsDrawn,
  type PortalForTest,
  signInStaff,
  submitSmellyCreek,
  usePortalAndBrowser,
} from "../support/browser.js";

/**
 * The whole loop through real pages: a cadre signs in and signs for with the keyboard alone,
 * then responds and answers; the resident rates it on the tracking page; admin approves the
 * masked notice; it appears on the public site, with a <script> in the reply shown as text.
 * An answer whose reply may hold personal data waits for the cadre to mask or keep it.
 */
const REPLY = "已完成倪巷浜清淤。联系人张三 13800138000。<script>window.__xss = 1</script>";

let portal: PortalForTest;
let browser: Browser;

usePortalAndBrowser((p, b) => {
  portal = p;
  browser = b;
});

/** What the focused element should be: its tag, name attribute or text (all that are given). */
interface Target {
  tag?: string;
  name?: string;
  text?: string;
}

/** Presses Tab until the focused element is the target (a keyboard user's way there). */
async function tabTo(page: Page, target: Target, what: string) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    const hit = await page.evaluate((t) => {
      // In the page (the tests compile without the DOM's types).
      type Focused = {
        tagName: string;
        textContent: string | null;
        getAttribute(name: string): string | null;
      };
      const page = globalThis as unknown as { document: { activeElement: Focused | null } };
      const el = page.document.activeElement;
      if (!el) return false;
      return (
        (t.tag === undefined || el.tagName === t.tag) &&
        (t.name === undefined || el.getAttribute("name") === t.name) &&
        (t.text === undefined || el.textContent?.trim() === t.text)
      );
    }, target);
    if (hit) return;
  }
  throw new Error(`could not reach ${what} with the Tab key`);
}

/** Signs in with the keyboard alone: Tab to each field, type, Enter. */
async function signInByKeyboard(page: Page, username: string) {
  await page.goto(`${portal.staffUrl}/login`);
  await tabTo(page, { name: "username" }, "the username field");
  await page.keyboard.type(username);
  await tabTo(page, { name: "password" }, "the password field");
  await page.keyboard.type("demo-only-change-me");
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** The number on the badge of 消息 in the navigation; 0 when there is none. */
async function inboxBadge(page: Page): Promise<number> {
  const shown = page.locator('nav a[href="/inbox"] .nav-badge [aria-hidden="true"]');
  if ((await shown.count()) === 0) return 0;
  const text = ((await shown.textContent()) ?? "").trim();
  return text === "99+" ? 100 : Number(text);
}

async function perform(
  page: Page,
  button: string,
  fill: (form: Page) => Promise<void> = async () => {},
) {
  const form = page.getByRole("form", { name: button });
  if (!(await form.isVisible())) await page.getByText(button, { exact: true }).first().click();
  await fill(page);
  await form.getByRole("button", { name: button, exact: true }).click();
  await page.waitForURL(/done=/);
}

describe("the back office, end to end", () => {
  it("handles a concern from sign-for to a published, masked notice", async () => {
    const { ledgerNo, accessCode } = await submitSmellyCreek(portal);

    const staffContext = await browser.newContext(DESKTOP);
    const staff = await staffContext.newPage();
    staff.on("dialog", (dialog) => dialog.accept());
    await signInByKeyboard(staff, "cadre");
    // My queue lists it, with the time left.
    await expect.poll(() => staff.getByRole("link", { name: ledgerNo }).count()).toBeGreaterThan(0);
    // Keyboard only: Tab to the concern's link, Enter; Tab to 签收's button, Enter.
    await tabTo(staff, { tag: "A", text: ledgerNo }, "the concern's link");
    await staff.keyboard.press("Enter");
    await staff.waitForURL(new RegExp(`/concerns/${ledgerNo}`));
    await tabTo(staff, { tag: "BUTTON", text: "签收" }, "the 签收 button");
    await staff.keyboard.press("Enter");
    await staff.waitForURL(/done=accept/);
    await perform(staff, "首次回应", async (p) => {
      await p.getByLabel("回应方式").selectOption({ index: 1 });
      await p.getByLabel("回应情况").fill("已电话联系反映人，约定上门查看。");
    });
    await perform(staff, "答复", async (p) => {
      await p.getByLabel("答复结果").selectOption({ label: "解决到位" });
      await p.getByLabel("公开答复").fill(REPLY);
    });
    await staffContext.close();

    const residentContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      locale: "zh-CN",
    });
    const resident = await residentContext.newPage();
    await resident.goto(`${portal.siteUrl}/track`);
    await resident.getByLabel("台账编号").fill(ledgerNo);
    await resident.getByLabel("查询码").fill(accessCode);
    await resident.getByRole("button", { name: "查询" }).click();
    await resident.getByLabel("满意", { exact: true }).check();
    await resident.getByLabel("评价意见").fill("处理很及时");
    await resident.getByRole("button", { name: "提交评价" }).click();
    await expect.poll(() => resident.getByText("已销号").count()).toBeGreaterThan(0);

    const adminContext = await browser.newContext(DESKTOP);
    const admin = await adminContext.newPage();
    admin.on("dialog", (dialog) => dialog.accept());
    await signInStaff(admin, portal, "admin");
    await admin.goto(`${portal.staffUrl}/notices`);
    const card = admin.locator("article", { hasText: ledgerNo });
    await expect.poll(() => card.count()).toBe(1);
    await card.getByRole("button", { name: "审核发布" }).click();
    await admin.waitForURL(/publishedOne=/);
    await adminContext.close();

    await resident.goto(`${portal.siteUrl}/notices`);
    await resident
      .getByRole("link", { name: new RegExp(ledgerNo) })
      .first()
      .click();
    const text = (await resident.locator("main").textContent()) ?? "";
    expect(text).toContain("<script>window.__xss = 1</script>");
    expect(text).toContain("138****8000");
    expect(text).not.toContain("13800138000");
    expect(text).not.toContain("张三");
    expect(await resident.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    await residentContext.close();
  });

  it("holds an answer until the cadre masks or keeps what may be personal (公开前审核)", async () => {
    const { ledgerNo } = await submitSmellyCreek(portal);
    const context = await browser.newContext(DESKTOP);
    const cadre = await context.newPage();
    await signInStaff(cadre, portal, "cadre");
    await cadre.goto(`${portal.staffUrl}/concerns/${ledgerNo}`);
    await perform(cadre, "签收");
    const form = cadre.getByRole("form", { name: "答复" });
    if (!(await form.isVisible())) await cadre.getByText("答复", { exact: true }).first().click();
    await form.getByLabel("答复结果").selectOption({ label: "解释到位" });
    await form.getByLabel("公开答复").fill("请拨打83456789咨询");
    await form.getByRole("button", { name: "答复", exact: true }).click();

    // Back with the reply as typed, the bare number highlighted and a choice to make.
    await expect.poll(() => form.locator("mark").allTextContents()).toEqual(["83456789"]);
    expect(await form.getByLabel("公开答复").inputValue()).toBe("请拨打83456789咨询");
    const panel = (await form.locator("fieldset.review").textContent()) ?? "";
    expect(panel).toContain("公开答复将显示为：");
    expect(panel).toContain("电话号码");
    const valid = () =>
      form.evaluate((f) => (f as unknown as { checkValidity(): boolean }).checkValidity());
    expect(await valid()).toBe(false);

    await form.getByLabel("遮盖", { exact: true }).check();
    expect(await valid()).toBe(true);
    await form.getByRole("button", { name: "答复", exact: true }).click();
    await cadre.waitForURL(/done=answer/);
    expect(await cadre.locator("main").textContent()).toContain("请拨打********咨询");
    await context.close();
  });

  it("draws the dashboard's charts and wires the report's print button under the CSP", async () => {
    await submitSmellyCreek(portal);
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    try {
      await signInStaff(page, portal, "admin");
      await page.goto(`${portal.staffUrl}/dashboard`);
      await expectChartsDrawn(page, 2);
      // The buttons' script (no inline handlers) shows them.
      await page.goto(`${portal.staffUrl}/reports/quarterly`);
      await page.getByRole("button", { name: "打印", exact: true }).waitFor({ state: "visible" });
    } finally {
      await context.close();
    }
  });

  it("lets admin make a description public before its notice, reviewed, without JavaScript", async () => {
    const { ledgerNo } = await submitSmellyCreek(portal);
    const open311 = async () => {
      const res = await fetch(`${portal.apiUrl}/open311/v2/requests/${ledgerNo}.json`);
      return ((await res.json()) as Array<{ description: string | null }>)[0]?.description;
    };
    expect(await open311()).toBeNull();

    // Other roles have no such panel.
    const cadreContext = await browser.newContext(DESKTOP);
    const cadre = await cadreContext.newPage();
    await signInStaff(cadre, portal, "cadre");
    await cadre.goto(`${portal.staffUrl}/concerns/${ledgerNo}`);
    expect(await cadre.locator("#public-description").count()).toBe(0);
    await cadreContext.close();

    const context = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    const admin = await context.newPage();
    await signInStaff(admin, portal, "admin");
    await admin.goto(`${portal.staffUrl}/concerns/${ledgerNo}`);
    const panel = admin.locator("#public-description");
    await panel.locator("summary").click();
    expect(await panel.textContent()).toContain("未公开：Open311 不显示诉求内容和图片链接。");
    const form = admin.getByRole("form", { name: "公开诉求内容（Open311）" });
    const text = form.getByLabel("公开的内容");
    expect(await text.inputValue()).toBe("倪巷浜河水发黑发臭，夏天气味很大，希望尽快治理。");
    await text.fill("倪巷浜河水发黑发臭，张三家门口最严重，可拨打83456789找村里");
    await form.getByRole("button", { name: "审核后公开" }).click();

    // Back (422) with the text as typed, the certain name masked in the preview, the number marked.
    await expect.poll(() => form.locator("mark").allTextContents()).toEqual(["83456789"]);
    expect(await text.inputValue()).toBe(
      "倪巷浜河水发黑发臭，张三家门口最严重，可拨打83456789找村里",
    );
    const preview = (await form.locator("fieldset.review").textContent()) ?? "";
    expect(preview).toContain("张某家门口");
    expect(preview).toContain("电话号码");
    expect(await open311()).toBeNull();

    await form.getByLabel("遮盖", { exact: true }).check();
    await form.getByRole("button", { name: "审核后公开" }).click();
    await admin.waitForURL(/done=public-description/);
    const cleared = "倪巷浜河水发黑发臭，张某家门口最严重，可拨打********找村里";
    const after = (await admin.locator("#public-description").textContent()) ?? "";
    expect(after).toContain("已公开，Open311 显示为：");
    expect(after).toContain(cleared);
    expect(await admin.locator("main").textContent()).toContain("诉求内容经审核公开");
    expect(await open311()).toBe(cleared);
    await context.close();
  });

  it("lets the contact leader urge (催办) and the department head read it in the inbox", async () => {
    const { ledgerNo } = await submitSmellyCreek(portal);
    const note = "群众又来电，请尽快答复";

    const leaderContext = await browser.newContext(DESKTOP);
    const leader = await leaderContext.newPage();
    await signInStaff(leader, portal, "leader");
    await leader.goto(`${portal.staffUrl}/concerns/${ledgerNo}`);
    await perform(leader, "催办", async (p) => {
      await p.getByLabel("催办意见").fill(note);
    });
    const timeline = (await leader.locator("main").textContent()) ?? "";
    expect(timeline).toContain(note);
    await leaderContext.close();

    const headContext = await browser.newContext(DESKTOP);
    const head = await headContext.newPage();
    await signInStaff(head, portal, "head");
    await head.goto(`${portal.staffUrl}/inbox`);
    // The concern's arrival (新诉求) is in the same inbox: the urging is the item with the note.
    const item = head.locator("li", { hasText: ledgerNo }).filter({ hasText: note });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toContain(`王建国催办：${note}`);

    // The unread count on 消息 is on every page, not only the landing page: the concern's.
    await head.goto(`${portal.staffUrl}/concerns/${ledgerNo}`);
    const before = await inboxBadge(head);
    expect(before, "the arrival and the urging, unread").toBeGreaterThanOrEqual(2);
    const link = head.getByRole("navigation").getByRole("link", { name: /^消息/ });
    expect(await link.textContent()).toContain(`${before} 条未读`);
    // Marking the urging read: the page it returns to counts one fewer.
    await head.goto(`${portal.staffUrl}/inbox`);
    await item.getByRole("button", { name: /^标为已读/ }).click();
    await head.waitForURL(/marked=1/);
    expect(await inboxBadge(head)).toBe(before - 1);
    await headContext.close();
  });

  it("lets admin mark a category urgent (紧急类别) and unmark it, as the directory shows", async () => {
    const context = await browser.newContext(DESKTOP);
    const admin = await context.newPage();
    await signInStaff(admin, portal, "admin");
    const box = admin.getByLabel("紧急类别（立即短信通知部门负责人）");
    const edit = async (code: string) => {
      await admin.goto(`${portal.staffUrl}/directory/edit?kind=categories&id=${code}`);
    };
    await edit("safety_hazard");
    expect(await box.isChecked()).toBe(true);
    for (const urgent of [true, false]) {
      await edit("utilities");
      expect(await box.isChecked()).toBe(!urgent);
      await box.setChecked(urgent);
      await admin.getByRole("button", { name: "保存" }).click();
      await admin.waitForURL(/\/directory\?/);
      const row = admin.locator("tr", { hasText: "utilities" });
      expect(await row.locator(".tag", { hasText: "紧急" }).count()).toBe(urgent ? 1 : 0);
    }
    await context.close();
  });
});
