import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { phoneJpeg } from "../../packages/functions/src/files/photo-fixtures.js";
import {
  DESKTOP,
  type PortalForTest,
  signInStaff,
  usePortalAndBrowser,
} from "../support/browser.js";

/**
 * Issue 15 on the staff site, through real pages: a concern submitted with a resident's photo
 * (through the API, as the public site's script would); the cadre of 梅泾村's environment
 * concerns opens it and sees the thumbnail (loaded under the page's CSP); signs for it and
 * answers with an "after" photo and a PDF chosen in the answer form (uploaded by the page's
 * script straight to the file store, progress and status shown); the page then shows both, the
 * PDF as a download; the resident's view lists the two photos and never the PDF. Any CSP
 * violation on the way fails the test (tests/support/browser.ts).
 */
let portal: PortalForTest;
let browser: Browser;

usePortalAndBrowser((p, b) => {
  portal = p;
  browser = b;
});

const PDF = Buffer.from(
  "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);

interface Ticket {
  uploadId: string;
  url: string;
  fields: Record<string, string>;
}

/** A concern for 梅泾村 with one photo, as the public site's script sends it. */
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
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(jpeg)]), "IMG_0001.jpg");
  expect((await fetch(ticket.url, { method: "POST", body: form })).status).toBe(204);
  await expect
    .poll(
      async () => {
        const res = await fetch(`${portal.apiUrl}/api/uploads/${ticket.uploadId}`);
        return ((await res.json()) as { state: string }).state;
      },
      { timeout: 20_000, interval: 100 },
    )
    .toBe("processed");
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

/** The photos of one stage's group in 照片与附件, loaded (naturalWidth > 0) once scrolled to. */
async function loadedThumbnails(page: Page, stage: string): Promise<number[]> {
  const imgs = page.locator("section.file-group", { hasText: stage }).locator("img");
  const widths: number[] = [];
  for (let i = 0; i < (await imgs.count()); i++) {
    const img = imgs.nth(i);
    await img.scrollIntoViewIfNeeded();
    await expect
      .poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    widths.push(
      await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth),
    );
  }
  return widths;
}

describe("evidence on the staff site", () => {
  it("shows the resident's photo and answers with an after photo and a PDF", async () => {
    const { ledgerNo, accessCode } = await submitWithPhoto();
    const context = await browser.newContext(DESKTOP);
    const cadre = await context.newPage();
    try {
      await signInStaff(cadre, portal, "cadre");
      const opened = await cadre.goto(`${portal.staffUrl}/concerns/${ledgerNo}`);

      // The page's policy lets the file store in (locally the API's origin) for images and
      // the upload, each directive once (Astro 5.18 repeats inserted ones: the middleware
      // folds them), and never `*`.
      const policy = opened?.headers()["content-security-policy"] ?? "";
      const directives = policy.split(";").map((d) => d.trim().split(/\s+/));
      const names = directives.map((d) => d[0]);
      expect(new Set(names).size).toBe(names.length);
      const store = new URL(portal.apiUrl).origin;
      const sources = (name: string) => directives.find((d) => d[0] === name)?.slice(1) ?? [];
      expect(sources("img-src")).toEqual(["'self'", store]);
      expect(sources("connect-src")).toEqual(["'self'", store]);
      expect(sources("form-action")).toEqual(["'self'"]);
      expect(policy).not.toMatch(/(^|\s)\*(\s|;|$)/);

      // 照片与附件: the resident's photo as a loaded thumbnail, named by who added it, linking
      // to the full photo in a new tab.
      const files = cadre.locator("section.files");
      await expect.poll(() => files.locator("h2").textContent()).toBe("照片与附件");
      expect(await loadedThumbnails(cadre, "居民提交")).toHaveLength(1);
      const thumb = files.locator("img").first();
      expect(await thumb.getAttribute("alt")).toMatch(/^居民于.+添加的照片$/);
      expect(await thumb.getAttribute("loading")).toBe("lazy");
      expect(Number(await thumb.getAttribute("width"))).toBeGreaterThan(0);
      const link = files.locator("ul.thumbs a").first();
      expect(await link.getAttribute("target")).toBe("_blank");
      expect(await link.getAttribute("href")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/local-files\//);

      // 签收, then 答复 with two files chosen in the form.
      await cadre.getByRole("button", { name: "签收", exact: true }).click();
      await cadre.waitForURL(/done=accept/);
      const form = cadre.getByRole("form", { name: "答复" });
      if (!(await form.isVisible())) await cadre.getByText("答复", { exact: true }).first().click();
      await form.getByLabel("答复结果").selectOption({ label: "解决到位" });
      await form.getByLabel("公开答复").fill("已安排清淤，河水已恢复清澈。");
      const box = form.locator("fieldset.evidence-upload");
      expect(await box.locator("legend").textContent()).toBe(
        "上传现场照片或文件（照片、PDF，每个不超过20MB）",
      );
      // A HEIC photo is refused before anything is signed (the site passes the API's 400 on);
      // a file whose bytes are no PDF reaches the file store and the processor refuses it.
      // Each message names its file; 移除 takes the rows away.
      await box.getByLabel("选择文件").setInputFiles([
        { name: "IMG_0002.heic", mimeType: "image/heic", buffer: Buffer.from("heic-ish") },
        {
          name: "坏文件.pdf",
          mimeType: "application/pdf",
          buffer: Buffer.from("not a pdf at all"),
        },
      ]);
      for (const name of ["IMG_0002.heic", "坏文件.pdf"]) {
        const refused = box.locator(".upload-list li", { hasText: name });
        await expect
          .poll(() => refused.locator(".upload-error").count(), { timeout: 30_000 })
          .toBe(1);
        expect(await refused.locator(".upload-error").textContent()).toContain(`「${name}」`);
        await refused.getByRole("button", { name: "移除" }).click();
      }
      expect(await box.locator(".upload-list li").count()).toBe(0);

      const after = await phoneJpeg(800, 600, 1);
      await box.getByLabel("选择文件").setInputFiles([
        { name: "清淤后.jpg", mimeType: "image/jpeg", buffer: after },
        { name: "资金文件.pdf", mimeType: "application/pdf", buffer: PDF },
      ]);
      await expect
        .poll(() => box.locator(".upload-list .upload-ok").count(), { timeout: 30_000 })
        .toBe(2);
      expect(await box.locator(".upload-error").count()).toBe(0);
      expect(await box.locator('input[type="hidden"][name="evidenceFiles"]').count()).toBe(2);
      expect(await box.locator(".upload-wait").isVisible()).toBe(false);
      await form.getByRole("button", { name: "答复", exact: true }).click();
      await cadre.waitForURL(/done=answer/);

      // Both on the page: the after photo under 答复 (by the cadre's name), the PDF a download.
      await expect
        .poll(
          async () => {
            await cadre.reload();
            return cadre.locator("section.file-group", { hasText: "答复" }).locator("li").count();
          },
          { timeout: 20_000, interval: 500 },
        )
        .toBe(2);
      expect(await loadedThumbnails(cadre, "答复")).toHaveLength(1);
      const answerGroup = cadre.locator("section.file-group", { hasText: "答复" });
      expect(await answerGroup.locator("img").getAttribute("alt")).not.toContain("居民");
      const pdf = answerGroup.locator("ul.pdfs a");
      expect(await pdf.textContent()).toContain("资金文件.pdf");
      expect(await pdf.getAttribute("download")).toBe("资金文件.pdf");
      const served = await fetch((await pdf.getAttribute("href")) ?? "");
      expect(served.status).toBe(200);
      expect(served.headers.get("content-disposition")).toMatch(/^attachment/);
    } finally {
      await context.close();
    }

    // The resident sees their photo and the answer's photo, never the PDF.
    const res = await fetch(`${portal.apiUrl}/api/concerns/${ledgerNo}`, {
      headers: { "x-access-code": accessCode },
    });
    expect(res.status).toBe(200);
    const view = (await res.json()) as { files: { kind: string; by: string; stage: string }[] };
    expect(view.files.map((f) => [f.kind, f.by, f.stage]).sort()).toEqual([
      ["photo", "resident", "submission"],
      ["photo", "staff", "answer"],
    ]);
  });

  it("says plainly that uploading needs JavaScript when it is off", async () => {
    const { ledgerNo } = await submitWithPhoto();
    const context = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await signInStaff(page, portal, "cadre");
      await page.goto(`${portal.staffUrl}/concerns/${ledgerNo}`);
      // 签收 as a plain form; then the answer form says it, and the text field stays.
      await page.getByRole("button", { name: "签收", exact: true }).click();
      await page.waitForURL(/done=accept/);
      const upload = page.locator("#action-answer fieldset.evidence-upload");
      expect(await upload.textContent()).toContain("上传文件需要启用 JavaScript");
      expect(await upload.locator(".evidence-js").isHidden()).toBe(true);
      expect(await page.locator("#action-answer textarea[name=evidence]").count()).toBe(1);
      // The thumbnail still shows without script.
      expect(await loadedThumbnails(page, "居民提交")).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});
