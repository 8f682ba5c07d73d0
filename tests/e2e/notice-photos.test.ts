import { randomBytes } from "node:crypto";
import type { Browser, Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { phoneJpeg } from "../../packages/functions/src/files/photo-fixtures.js";
import { axeViolations } from "../support/axe.js";
import {
  DESKTOP,
  type PortalForTest,
  signInStaff,
  siteCall,
  staffToken,
  usePortalAndBrowser,
} from "../support/browser.js";

/**
 * Issue 15, a notice's after photos through the real pages: a concern submitted with the
 * resident's photo, answered by the cadre with an "after" photo as evidence (through the API,
 * as the staff site's script would), rated satisfied, so a draft notice exists. Admin sees the
 * after photo (and never the resident's) as a loaded thumbnail in the approve form, ticks it
 * and approves; the public notice page shows it. Any CSP violation fails the test
 * (tests/support/browser.ts).
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

interface Ticket {
  uploadId: string;
  url: string;
  fields: Record<string, string>;
}

/** The bytes sent to the ticket's file store form, then waited for until processed. */
async function land(ticket: Ticket, jpeg: Buffer, name: string): Promise<void> {
  const form = new FormData();
  for (const [field, value] of Object.entries(ticket.fields)) form.append(field, value);
  form.append("file", new Blob([new Uint8Array(jpeg)]), name);
  expect((await fetch(ticket.url, { method: "POST", body: form })).status).toBe(204);
  await expect
    .poll(
      async () => {
        const res = await fetch(`${portal.apiUrl}/api/uploads/${ticket.uploadId}`);
        const { state } = (await res.json()) as { state: string };
        // A cadre's evidence goes on its concern as soon as it is processed.
        return state === "attached" ? "processed" : state;
      },
      { timeout: 20_000, interval: 100 },
    )
    .toBe("processed");
}

/** A concern for 梅泾村 with the resident's photo, as the public site's script sends it. */
async function submitWithPhoto(): Promise<{ ledgerNo: string; accessCode: string }> {
  const formKey = `e2e-${randomBytes(8).toString("hex")}`;
  const jpeg = await phoneJpeg(1200, 900, 6);
  const asked = await fetch(`${portal.apiUrl}/api/uploads`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      name: "IMG_0001.jpg",
      contentType: "image/jpeg",
      size: jpeg.length,
      formKey,
    }),
  });
  expect(asked.status).toBe(201);
  const ticket = (await asked.json()) as Ticket;
  await land(ticket, jpeg, "IMG_0001.jpg");
  const res = await fetch(`${portal.apiUrl}/api/concerns`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": formKey },
    body: JSON.stringify({
      villageId: "meijing",
      groupId: "meijing-01",
      categoryCode: "environment",
      title: "倪巷浜臭水河",
      description: "倪巷浜河水发黑发臭，附现场照片。",
      contactName: "张三",
      contactPhone: "13800138000",
      photos: [ticket.uploadId],
    }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { ledgerNo: string; accessCode: string };
}

/** The cadre signs for it and answers with `n` after photos uploaded as evidence. */
async function answeredWithAfterPhotos(ledgerNo: string, n = 1): Promise<string[]> {
  const token = await staffToken(portal, "cadre");
  const view = await call(`/api/staff/concerns/${ledgerNo}`, { token });
  const accepted = await call(`/api/staff/concerns/${ledgerNo}/actions`, {
    method: "POST",
    token,
    body: { type: "accept", expectedVersion: view.version },
  });
  const uploadIds: string[] = [];
  for (let i = 1; i <= n; i++) {
    const after = await phoneJpeg(800, 600, i);
    const name = `清淤后${i}.jpg`;
    const ticket = (await call(`/api/staff/concerns/${ledgerNo}/uploads`, {
      method: "POST",
      token,
      body: { name, contentType: "image/jpeg", size: after.length, stage: "answer" },
    })) as unknown as Ticket;
    await land(ticket, after, name);
    uploadIds.push(ticket.uploadId);
  }
  await call(`/api/staff/concerns/${ledgerNo}/actions`, {
    method: "POST",
    token,
    body: {
      type: "answer",
      outcome: "resolved",
      publicReply: "已安排清淤，河水已恢复清澈。",
      expectedVersion: accepted.version,
      evidenceFiles: uploadIds,
    },
  });
  return uploadIds;
}

/** The resident rates the answer satisfied: the concern is struck off, its notice drafted. */
async function rateSatisfied(ledgerNo: string, accessCode: string): Promise<void> {
  const rated = await fetch(`${portal.apiUrl}/api/concerns/${ledgerNo}/feedback`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-access-code": accessCode },
    body: JSON.stringify({ rating: "satisfied" }),
  });
  expect(rated.status).toBe(201);
}

/** A checkbox as the page's script would see it. */
type Box = { value: string; checked: boolean };

const naturalWidth = (img: Locator) =>
  img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth);

describe("a notice's after photos", () => {
  it("are chosen by admin from the answer's photos and shown on the public notice", async () => {
    const { ledgerNo, accessCode } = await submitWithPhoto();
    const [afterId] = await answeredWithAfterPhotos(ledgerNo);
    await rateSatisfied(ledgerNo, accessCode);

    // The resident's own photo is on the concern, and the after photo is a different file.
    const adminToken = await staffToken(portal, "admin");
    const concern = await call(`/api/staff/concerns/${ledgerNo}`, { token: adminToken });
    const residentIds = (concern.files as Json[])
      .filter((f) => f.by === "resident")
      .map((f) => f.fileId as string);
    expect(residentIds).toHaveLength(1);
    expect(residentIds).not.toContain(afterId);

    const context = await browser.newContext(DESKTOP);
    const admin = await context.newPage();
    admin.on("dialog", (dialog) => dialog.accept());
    try {
      await signInStaff(admin, portal, "admin");
      const opened = await admin.goto(`${portal.staffUrl}/notices`);

      // The page's img-src lets the file store in (locally the API's origin), once, never `*`.
      const policy = opened?.headers()["content-security-policy"] ?? "";
      const directives = policy.split(";").map((d) => d.trim().split(/\s+/));
      const names = directives.map((d) => d[0]);
      expect(new Set(names).size).toBe(names.length);
      const store = new URL(portal.apiUrl).origin;
      expect(directives.find((d) => d[0] === "img-src")?.slice(1)).toEqual(["'self'", store]);
      expect(policy).not.toMatch(/(^|\s)\*(\s|;|$)/);

      const card = admin.locator("article", { hasText: ledgerNo });
      const box = card.locator("fieldset.notice-photos");
      expect(await box.locator("legend").textContent()).toBe(
        "公示整改后照片（最多3张，居民本人照片不会公示）",
      );
      // Only the answer's photo is offered: the resident's is not among the choices.
      const boxes = box.locator('input[type="checkbox"][name="photos"]');
      expect(await boxes.count()).toBe(1);
      expect(await boxes.first().getAttribute("value")).toBe(afterId);
      for (const id of residentIds) {
        expect(await card.locator(`input[name="photos"][value="${id}"]`).count()).toBe(0);
      }
      // The thumbnail is loaded under the page's policy, sized, named by who added it and when.
      const thumb = box.locator("img");
      await thumb.scrollIntoViewIfNeeded();
      await expect.poll(() => naturalWidth(thumb), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(Number(await thumb.getAttribute("width"))).toBeGreaterThan(0);
      expect(Number(await thumb.getAttribute("height"))).toBeGreaterThan(0);
      expect(await thumb.getAttribute("alt")).toMatch(/^(?!居民).+于.+添加的照片$/);

      expect(await axeViolations(admin)).toEqual([]);

      // The checkbox lies inside the single-notice approve form.
      const form = card.locator("form", {
        has: admin.locator('input[name="intent"][value="publish"]'),
      });
      expect(await form.locator('input[name="photos"]').count()).toBe(1);
      await boxes.first().check();
      await form.getByRole("button", { name: "审核发布" }).click();
      await admin.waitForURL(/publishedOne=/);
    } finally {
      await context.close();
    }

    const published = await call("/api/staff/notices?state=published", { token: adminToken });
    const noticeId =
      ((published.items as Json[]).find((n) => n.ledgerNo === ledgerNo)?.id as string) ?? "";
    expect(noticeId).not.toBe("");
    const notice = await (await fetch(`${portal.apiUrl}/api/notices/${noticeId}`)).json();
    expect((notice.photos as Json[]).map((p) => p.fileId)).toEqual([afterId]);

    // The public notice page shows the photo, loaded under its own policy.
    const visitor = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: "zh-CN",
    });
    try {
      const page = await visitor.newPage();
      await page.goto(`${portal.siteUrl}/notices/${encodeURIComponent(noticeId)}`);
      const photos = page.locator("ul.thumbs img");
      expect(await photos.count()).toBe(1);
      await photos.first().scrollIntoViewIfNeeded();
      await expect.poll(() => naturalWidth(photos.first()), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await photos.first().getAttribute("alt")).toBe("整改后照片 1");
    } finally {
      await visitor.close();
    }
  });

  it("works without JavaScript and shows the API's refusal of more than 3 beside the form", async () => {
    const { ledgerNo, accessCode } = await submitWithPhoto();
    const afterIds = await answeredWithAfterPhotos(ledgerNo, 4);
    await rateSatisfied(ledgerNo, accessCode);

    const context = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    const admin = await context.newPage();
    try {
      await signInStaff(admin, portal, "admin");
      await admin.goto(`${portal.staffUrl}/notices`);
      const card = () => admin.locator("article", { hasText: ledgerNo });
      const boxes = () => card().locator('input[type="checkbox"][name="photos"]');
      expect(
        (await boxes().evaluateAll((els) => els.map((e) => (e as unknown as Box).value))).sort(),
      ).toEqual([...afterIds].sort());
      // All four ticked: the API refuses, its message beside the photos, the ticks kept.
      for (let i = 0; i < 4; i++) await boxes().nth(i).check();
      await card().getByRole("button", { name: "审核发布" }).click();
      const error = card().locator("fieldset.notice-photos .field-error");
      await expect.poll(() => error.count(), { timeout: 10_000 }).toBe(1);
      expect((await error.textContent())?.trim()).not.toBe("");
      for (let i = 0; i < 4; i++) expect(await boxes().nth(i).isChecked()).toBe(true);

      // One unticked: published with the three still ticked.
      await boxes().nth(3).uncheck();
      const kept = await boxes().evaluateAll((els) =>
        els.filter((e) => (e as unknown as Box).checked).map((e) => (e as unknown as Box).value),
      );
      expect(kept).toHaveLength(3);
      await card().getByRole("button", { name: "审核发布" }).click();
      await admin.waitForURL(/publishedOne=/);

      const token = await staffToken(portal, "admin");
      const published = await call("/api/staff/notices?state=published", { token });
      const id = (published.items as Json[]).find((n) => n.ledgerNo === ledgerNo)?.id as string;
      const notice = await (await fetch(`${portal.apiUrl}/api/notices/${id}`)).json();
      expect((notice.photos as Json[]).map((p) => p.fileId).sort()).toEqual([...kept].sort());
    } finally {
      await context.close();
    }
  });
});
