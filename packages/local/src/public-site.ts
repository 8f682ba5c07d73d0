import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { FriendlyError } from "./errors.js";
import { repoRoot } from "./paths.js";

export interface StartPublicSiteOptions {
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
}

export interface PublicSiteHandle {
  url: string;
  stop(): Promise<void>;
}

/** The built Astro server of sites/public (run `pnpm --filter @lianxin/public-site build`). */
export const publicSiteEntry = join(repoRoot, "sites/public/dist/server/entry.mjs");

/** Spawns the built public site (`node sites/public/dist/server/entry.mjs`) and waits for HTTP. */
export async function startPublicSite(options: StartPublicSiteOptions): Promise<PublicSiteHandle> {
  if (!existsSync(publicSiteEntry)) {
    throw new FriendlyError(
      "the public site is not built: run `pnpm --filter @lianxin/public-site build` (npm start does it)",
    );
  }
  const host = options.host ?? "127.0.0.1";
  const stdio = options.stdio ?? "inherit";
  const child = spawn(process.execPath, [publicSiteEntry], {
    cwd: join(repoRoot, "sites/public"),
    env: {
      ...process.env,
      HOST: host,
      PORT: String(options.port),
      LIANXIN_API_URL: options.apiUrl,
      LIANXIN_SITE_SECRET: options.siteSecret,
    },
    // Own process group: a terminal's Ctrl-C reaches the runner, which stops children in order.
    detached: process.platform !== "win32",
    stdio: ["ignore", stdio, stdio],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-8_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  let exited = false;
  const exitPromise = new Promise<void>((done) => {
    child.once("exit", () => {
      exited = true;
      done();
    });
    child.once("error", () => {
      exited = true;
      done();
    });
  });
  const killNow = () => {
    if (!exited) child.kill("SIGKILL");
  };
  process.once("exit", killNow);

  let stopping: Promise<void> | null = null;
  let started = false;
  child.once("exit", (code) => {
    if (started && stopping === null) options.onUnexpectedExit?.(code);
  });
  const stop = () => {
    stopping ??= (async () => {
      if (!exited) {
        child.kill("SIGTERM");
        const timer = setTimeout(killNow, 5_000);
        await exitPromise;
        clearTimeout(timer);
      }
      process.removeListener("exit", killNow);
    })();
    return stopping;
  };

  const url = `http://${host}:${options.port}`;
  try {
    await waitForHttp(url, options.timeoutMs ?? 30_000, () => exited);
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    const tail = output.trim();
    throw new Error(
      `the public site did not start on ${url}: ${reason}${tail ? `\n--- site output ---\n${tail}` : ""}`,
    );
  }
  started = true;
  child.unref();
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
