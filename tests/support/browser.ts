import { randomBytes } from "node:crypto";
import { prepareLocalDatabase, startLocalApi } from "@lianxin/functions/local";
import { findFreePort, startPublicSite, startStaffSite } from "@lianxin/local";
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
  /** The staff back office, e.g. http://127.0.0.1:41236 */
  staffUrl: string;
  /** The API, e.g. http://127.0.0.1:41235 */
  apiUrl: string;
  siteSecret: string;
  stop(): Promise<void>;
}

/**
 * The local portal on free ports against a test table: prepares the table (demo directory),
 * starts the API in this process and the built sites (sites/public/dist, sites/staff/dist) as
 * children.
 */
export async function startPortalForTest(options: {
  endpoint: string;
  tableName: string;
}): Promise<PortalForTest> {
  const { endpoint, tableName } = options;
  const siteSecret = randomBytes(24).toString("base64url");
  await prepareLocalDatabase({ endpoint, tableName });
  const api = await startLocalApi({ port: await findFreePort(), endpoint, tableName, siteSecret });
  const stops: (() => Promise<void>)[] = [() => api.close()];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const site = await startPublicSite({
      port: await findFreePort(),
      apiUrl: api.url,
      siteSecret,
      stdio: "pipe",
    });
    stops.push(site.stop);
    const staff = await startStaffSite({
      port: await findFreePort(),
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
