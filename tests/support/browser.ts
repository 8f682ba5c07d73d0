import { randomBytes } from "node:crypto";
import { prepareLocalDatabase, startLocalApi } from "@lianxin/functions/local";
import { findFreePort, startPublicSite } from "@lianxin/local";
import { type Browser, chromium } from "playwright-core";

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

/** Launches headless Chromium through playwright-core. Close it in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface PortalForTest {
  /** The public site, e.g. http://127.0.0.1:41234 */
  siteUrl: string;
  /** The API, e.g. http://127.0.0.1:41235 */
  apiUrl: string;
  siteSecret: string;
  stop(): Promise<void>;
}

/**
 * The local portal on free ports against a test table: prepares the table (demo directory),
 * starts the API in this process and the built public site (sites/public/dist) as a child.
 */
export async function startPortalForTest(options: {
  endpoint: string;
  tableName: string;
}): Promise<PortalForTest> {
  const { endpoint, tableName } = options;
  const siteSecret = randomBytes(24).toString("base64url");
  await prepareLocalDatabase({ endpoint, tableName });
  const api = await startLocalApi({ port: await findFreePort(), endpoint, tableName, siteSecret });
  try {
    const site = await startPublicSite({
      port: await findFreePort(),
      apiUrl: api.url,
      siteSecret,
      stdio: "pipe",
    });
    return {
      siteUrl: site.url,
      apiUrl: api.url,
      siteSecret,
      async stop() {
        await site.stop();
        await api.close();
      },
    };
  } catch (error) {
    await api.close();
    throw error;
  }
}
