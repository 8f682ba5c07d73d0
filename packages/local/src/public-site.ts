import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { FriendlyError } from "./errors.js";
import { repoRoot } from "./paths.js";
import { superviseChild } from "./supervised-child.js";

/** A built Astro site (standalone Node adapter) that the local portal runs as a child process. */
export interface SiteEntry {
  /** For messages: "the public site". */
  label: string;
  /** The workspace package, for the build hint: "@lianxin/public-site". */
  packageName: string;
  /** The site's directory (the child's working directory). */
  dir: string;
  /** Its built server: `<dir>/dist/server/entry.mjs`. */
  entry: string;
}

function siteEntry(label: string, packageName: string, relativeDir: string): SiteEntry {
  const dir = join(repoRoot, relativeDir);
  return { label, packageName, dir, entry: join(dir, "dist/server/entry.mjs") };
}

/** The residents' site (sites/public). */
export const publicSite: SiteEntry = siteEntry(
  "the public site",
  "@lianxin/public-site",
  "sites/public",
);
/** The staff back office (sites/staff). */
export const staffSite: SiteEntry = siteEntry(
  "the staff site",
  "@lianxin/staff-site",
  "sites/staff",
);

/** The built Astro server of sites/public (run `pnpm --filter @lianxin/public-site build`). */
export const publicSiteEntry = publicSite.entry;
/** The built Astro server of sites/staff (run `pnpm --filter @lianxin/staff-site build`). */
export const staffSiteEntry = staffSite.entry;

export interface StartSiteOptions {
  port: number;
  apiUrl: string;
  siteSecret: string;
  /** Host to bind; default 127.0.0.1. */
  host?: string;
  /** Where the child's output goes; default: inherited (shown in the terminal). */
  stdio?: "inherit" | "pipe" | "ignore";
  timeoutMs?: number;
  /** Called if the process exits before stop() was called (after a successful start). */
  onUnexpectedExit?: (code: number | null) => void;
  /**
   * More environment for the site, over the rest (e.g. `LIANXIN_TRUSTED_PROXIES`, which
   * otherwise comes from this process's environment, unset by default).
   */
  env?: Record<string, string>;
}

export interface SiteHandle {
  url: string;
  stop(): Promise<void>;
}

/** @deprecated names kept for existing imports: use StartSiteOptions / SiteHandle. */
export type StartPublicSiteOptions = StartSiteOptions;
export type PublicSiteHandle = SiteHandle;

/** Spawns the built public site (`node sites/public/dist/server/entry.mjs`) and waits for HTTP. */
export function startPublicSite(options: StartSiteOptions): Promise<SiteHandle> {
  return startSite(publicSite, options);
}

/** Spawns the built staff site (`node sites/staff/dist/server/entry.mjs`) and waits for HTTP. */
export function startStaffSite(options: StartSiteOptions): Promise<SiteHandle> {
  return startSite(staffSite, options);
}

/**
 * Spawns a built site (`node <dir>/dist/server/entry.mjs`) with HOST, PORT, LIANXIN_API_URL,
 * LIANXIN_SITE_SECRET and LIANXIN_SITE_URL (its own address, e.g. for the staff cookie's
 * Secure flag), and waits until it answers HTTP. The built server is site-kit's
 * (node-server.server.ts): it takes the client's address from the socket, and from
 * X-Forwarded-For only behind the proxies in LIANXIN_TRUSTED_PROXIES (inherited; none by default).
 */
export async function startSite(site: SiteEntry, options: StartSiteOptions): Promise<SiteHandle> {
  if (!existsSync(site.entry)) {
    throw new FriendlyError(
      `${site.label} is not built: run \`pnpm --filter ${site.packageName} build\` (npm start does it)`,
    );
  }
  const host = options.host ?? "127.0.0.1";
  const stdio = options.stdio ?? "inherit";
  const child = spawn(process.execPath, [site.entry], {
    cwd: site.dir,
    env: {
      ...process.env,
      HOST: host,
      PORT: String(options.port),
      LIANXIN_API_URL: options.apiUrl,
      LIANXIN_SITE_SECRET: options.siteSecret,
      LIANXIN_SITE_URL: `http://${host}:${options.port}`,
      ...options.env,
    },
    // Own process group: a terminal's Ctrl-C reaches the runner, which stops children in order.
    detached: process.platform !== "win32",
    stdio: ["ignore", stdio, stdio],
  });
  const supervised = superviseChild(child, {
    keepOutputChars: 8_000,
    onUnexpectedExit: options.onUnexpectedExit,
  });
  const { stop } = supervised;

  const url = `http://${host}:${options.port}`;
  try {
    await waitForHttp(url, options.timeoutMs ?? 30_000, supervised.hasExited);
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    const tail = supervised.outputTail();
    throw new Error(
      `${site.label} did not start on ${url}: ${reason}${tail ? `\n--- site output ---\n${tail}` : ""}`,
    );
  }
  supervised.markStarted();
  return { url, stop };
}

/** Polls `url` until any HTTP response arrives (any status), `hasExited()` or the timeout. */
export async function waitForHttp(
  url: string,
  timeoutMs: number,
  hasExited: () => boolean = () => false,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error("the process exited");
    try {
      const response = await fetch(url, {
        redirect: "manual",
        signal: AbortSignal.timeout(2_000),
      });
      await response.body?.cancel();
      return;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`no answer within ${Math.round(timeoutMs / 1000)} s${last ? ` (${last})` : ""}`);
}
