import { randomBytes } from "node:crypto";
import type { Deps } from "@lianxin/functions";
import { prepareLocalDatabase, startLocalApi } from "@lianxin/functions/local";
import { findFreePort, startPublicSite, startStaffSite } from "@lianxin/local";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { createTestTable } from "./database.js";
import { DEMO_PASSWORD } from "./staff.js";

/** Debian's chromium package (npm test installs it through apt where it can). */
export const CHROMIUM_PATH = "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Content-Security-Policy violations reported by any page of any context made through
 * launchBrowser() since the last check. Every test of a file that imports this module fails
 * when one is left at its end (the hooks below), so a page, island or script that the sites'
 * CSP blocks cannot pass unnoticed.
 */
const cspViolations: string[] = [];

/** Chromium's own console report of a violation (also with scripting off). */
const CSP_MESSAGE = /Content[- ]Security[- ]Policy/i;

async function watchForCspViolations(context: BrowserContext): Promise<void> {
  context.on("console", (message) => {
    const text = message.text();
    if (!CSP_MESSAGE.test(text)) return;
    const where = message.location().url || message.page()?.url() || "?";
    cspViolations.push(`${where}: ${text}`);
  });
  // With scripting on, the DOM event also names the directive and what was blocked, and is
  // reported as a console message too (the listener above collects both).
  await context.addInitScript(() => {
    // In the page (the tests compile without the DOM's types).
    type Violation = {
      effectiveDirective: string;
      blockedURI: string;
      sourceFile: string;
      documentURI: string;
      lineNumber: number;
      sample: string;
    };
    const page = globalThis as unknown as {
      document: { addEventListener(type: string, listener: (event: Violation) => void): void };
    };
    page.document.addEventListener("securitypolicyviolation", (event) => {
      console.error(
        `Content-Security-Policy violation: ${event.effectiveDirective} blocked ` +
          `${event.blockedURI || "inline"} at ${event.sourceFile || event.documentURI}:` +
          `${event.lineNumber}${event.sample ? ` (${event.sample})` : ""}`,
      );
    });
  });
}

/** Fails the test (or the file, for what arrives after its last test) on any violation. */
function expectNoCspViolations(): void {
  const found = cspViolations.splice(0);
  expect(found, "Content-Security-Policy violations").toEqual([]);
}
afterEach(expectNoCspViolations);
afterAll(expectNoCspViolations);

/**
 * Launches headless Chromium through playwright-core. Close it in afterAll. Every context it
 * makes (`browser.newContext()`, `browser.newPage()`) reports CSP violations to the hooks above.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchForCspViolations(context);
    return context;
  };
  return browser;
}

/** A resident's phone, as the browser tests' contexts take it. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  locale: "zh-CN",
};

/** A staff desktop. */
export const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: "zh-CN" };

/** The <dd> of a page's <dt> with this text (the first such term). */
export const termValue = (page: Page, term: string) =>
  page.locator("dt", { hasText: term }).first().locator("xpath=following-sibling::dd[1]");

export interface PortalForTest {
  /** The public site, e.g. http://127.0.0.1:41234 */
  siteUrl: string;
  /** The staff back office, e.g. http://127.0.0.1:41236 */
  staffUrl: string;
  /** The API, e.g. http://127.0.0.1:41235 */
  apiUrl: string;
  siteSecret: string;
  stop(): Promise<void>;
}

/**
 * A test file's portal (on a table of its own) and browser: started before its tests, handed
 * to `use`, and stopped after them.
 */
export function usePortalAndBrowser(
  use: (portal: PortalForTest, browser: Browser) => void,
  options: { apiOverrides?: Partial<Deps> } = {},
) {
  let portal: PortalForTest | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    portal = await startPortalForTest({ ...(await createTestTable()), ...options });
    browser = await launchBrowser();
    use(portal, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });
}

/**
 * The local portal on free ports against a test table: prepares the table (demo directory),
 * starts the API in this process and the built sites (sites/public/dist, sites/staff/dist) as
 * children.
 */
export async function startPortalForTest(options: {
  endpoint: string;
  tableName: string;
  /** The API's dependencies replaced (its clock). */
  apiOverrides?: Partial<Deps>;
}): Promise<PortalForTest> {
  const { endpoint, tableName, apiOverrides } = options;
  const siteSecret = randomBytes(24).toString("base64url");
  await prepareLocalDatabase({ endpoint, tableName });
  // Residents' SMS links lead to this portal's public site (read when the API starts).
  const sitePort = await findFreePort();
  const staffPort = await findFreePort();
  process.env.LIANXIN_PUBLIC_SITE_URL = `http://127.0.0.1:${sitePort}`;
  // Photos are posted from both sites to the API's local file store (CORS allows these two).
  process.env.LIANXIN_STAFF_SITE_URL = `http://127.0.0.1:${staffPort}`;
  const api = await startLocalApi({
    port: await findFreePort(),
    endpoint,
    tableName,
    siteSecret,
    ...(apiOverrides ? { overrides: apiOverrides } : {}),
  });
  const stops: (() => Promise<void>)[] = [() => api.close()];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const site = await startPublicSite({
      port: sitePort,
      apiUrl: api.url,
      siteSecret,
      stdio: "pipe",
    });
    stops.push(site.stop);
    const staff = await startStaffSite({
      port: staffPort,
      apiUrl: api.url,
      siteSecret,
      stdio: "pipe",
    });
    stops.push(staff.stop);
    return {
      siteUrl: site.url,
      staffUrl: staff.url,
      apiUrl: api.url,
      siteSecret,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * Every chart on the page is drawn: each box scrolled into view (the islands hydrate when
 * visible) gets its ECharts canvas at the box's own height; the first one is hovered so that its
 * tooltip renders too (any CSP violation on the way fails the test through the hooks above).
 */
export async function expectChartsDrawn(page: Page, atLeast = 1): Promise<void> {
  const boxes = page.locator(".chart-box");
  const count = await boxes.count();
  if (count < atLeast)
    throw new Error(`expected ${atLeast}+ charts on ${page.url()}, saw ${count}`);
  for (let i = 0; i < count; i++) {
    const box = boxes.nth(i);
    await box.scrollIntoViewIfNeeded();
    const canvas = box.locator("canvas").first();
    await canvas.waitFor({ state: "visible", timeout: 20_000 });
    const [outer, drawn] = await Promise.all([box.boundingBox(), canvas.boundingBox()]);
    expect(outer && outer.height > 0 ? Math.round(outer.height) : null).toBe(
      drawn ? Math.round(drawn.height) : undefined,
    );
  }
  const first = boxes.first();
  await first.scrollIntoViewIfNeeded();
  const size = await first.boundingBox();
  if (!size) throw new Error("the first chart has no box");
  await page.mouse.move(size.x + size.width / 2, size.y + size.height / 2);
  await page.waitForTimeout(300);
}

/** Signs a demo account in on the staff site's login page, as a person would. */
export async function signInStaff(page: Page, portal: PortalForTest, username: string) {
  await page.goto(`${portal.staffUrl}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/**
 * The smelly-creek concern for 梅泾村, submitted straight to the API (as a site would), with
 * a mobile unless `contact` gives other contact fields.
 */
export async function submitSmellyCreek(
  portal: PortalForTest,
  contact: { contactName?: string; contactPhone?: string } = {},
): Promise<{ ledgerNo: string; accessCode: string }> {
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
      title: "倪巷浜臭水河",
      description: "倪巷浜河水发黑发臭，夏天气味很大，希望尽快治理。",
      contactName: "张三",
      contactPhone: "13800138000",
      ...contact,
    }),
  });
  if (res.status !== 201) throw new Error(`submission: ${res.status} ${await res.text()}`);
  return (await res.json()) as { ledgerNo: string; accessCode: string };
}

/**
 * A call to the portal's API as a site makes it (the site secret, a bearer token, the client
 * address a site passes on): answers the JSON body, or throws with the status and body.
 */
export async function siteCall<T = Record<string, unknown>>(
  portal: PortalForTest,
  path: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const res = await fetch(`${portal.apiUrl}${path}`, {
    method: init.method ?? "GET",
    headers: {
      "content-type": "application/json",
      "x-lianxin-site-secret": portal.siteSecret,
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const body = await res.json();
  if (!res.ok)
    throw Object.assign(new Error(`${path}: ${res.status} ${JSON.stringify(body)}`), {
      status: res.status,
      body,
    });
  return body as T;
}

/** A demo account's bearer token, signed in through the API. */
export async function staffToken(portal: PortalForTest, username: string): Promise<string> {
  const { token } = await siteCall<{ token: string }>(portal, "/api/staff/session", {
    method: "POST",
    body: { username, password: DEMO_PASSWORD },
  });
  return token;
}

/** One action on a concern at its current version, through the API as the site would. */
export async function staffAct(
  portal: PortalForTest,
  token: string,
  ledgerNo: string,
  action: Record<string, unknown>,
): Promise<void> {
  const { version } = await siteCall<{ version: number }>(
    portal,
    `/api/staff/concerns/${ledgerNo}`,
    { token },
  );
  await siteCall(portal, `/api/staff/concerns/${ledgerNo}/actions`, {
    method: "POST",
    token,
    body: { expectedVersion: version, ...action },
  });
}

/** 环保分局's head signs for the concern and answers it, through the API as the site would. */
export async function signForAndAnswer(portal: PortalForTest, ledgerNo: string): Promise<void> {
  const token = await staffToken(portal, "head");
  const act = (action: Record<string, unknown>) => staffAct(portal, token, ledgerNo, action);
  await act({ type: "accept" });
  await act({ type: "answer", outcome: "resolved", publicReply: "已安排清淤，河水已恢复清澈。" });
}
