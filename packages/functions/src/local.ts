import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { buildDemoDirectory, buildDemoGrid, buildDemoStaff } from "@lianxin/core/demo";
import { createDynamoClient, createStore, ensureTable } from "@lianxin/store";
import { createApp } from "./app.js";
import { readConfig, residentKey } from "./config.js";
import { seedDemoCampaign } from "./demo-campaign.js";
import { seedRecentDemo } from "./demo-recent.js";
import { seedDemoReplyTemplates } from "./demo-reply-templates.js";
import { createDeps, type Deps } from "./deps.js";
import { withInProcessExports } from "./export/in-process-worker.js";
import { LocalFileStore } from "./files/local-file-store.js";
import { createNodeServer } from "./http/node-server.js";
import { withInProcessSms } from "./notifications/in-process-sender.js";
import { readSmsSettings } from "./notifications/sms-settings.js";
import { ensureStaffAccount } from "./use-cases/accounts/accounts.js";
import { backfillResidentIndex } from "./use-cases/concerns/resident-index-backfill.js";
import { processUploadedObject } from "./use-cases/files/uploaded-object.js";
import { backfillWatchLists } from "./use-cases/inspection/watch-backfill.js";
import { type JobSummary, runEscalationJob } from "./use-cases/monitoring/escalation-job.js";
import { rebuildSealedMonths } from "./use-cases/monitoring/rebuild-sealed-months.js";
import { runTermIndexer } from "./use-cases/search/term-indexer.js";

/** The recent demo concerns, for the test that checks what they show. */
export { seedRecentDemo } from "./demo-recent.js";
/** The demo reply templates (答复模板), for tests that want them without the whole campaign. */
export { seedDemoReplyTemplates } from "./demo-reply-templates.js";

/** The demo accounts' password: from DEMO_PASSWORD, never used on a deployed stage. */
export const DEMO_PASSWORD_DEFAULT = "demo-only-change-me";

/**
 * Creates the table if missing, seeds the demo directory if the table has none, and
 * creates the demo staff accounts (one per role) that do not exist yet.
 */
export async function prepareLocalDatabase(options: {
  endpoint: string;
  tableName: string;
  demoPassword?: string;
  /** Seed the field-work demo campaign when the directory is seeded now (npm start; not tests). */
  demoCampaign?: boolean;
  /**
   * Seed the recent demo concerns (the last 12 months, played through the use cases) when
   * the directory is seeded now (npm start; not tests: a portal test wants an empty ledger).
   */
  recentDemo?: boolean;
  /** Progress lines (the demo campaign's seeding). */
  log?: (line: string) => void;
}) {
  const client = createDynamoClient({ endpoint: options.endpoint });
  const created = await ensureTable(client, options.tableName);
  const store = createStore(client, options.tableName);
  let seeded = false;
  const directory = buildDemoDirectory();
  if (!(await store.hasDirectory())) {
    await store.putDirectory(directory);
    seeded = true;
  }
  // Demo party members' posts and service days, once (a table from before they existed too).
  if (!(await store.listPartyMembersAt("yaxi")).length) {
    await store.putGridSeed(buildDemoGrid(directory));
  }
  let campaign: Awaited<ReturnType<typeof seedDemoCampaign>> | null = null;
  if (seeded && options.demoCampaign) {
    campaign = await seedDemoCampaign(store, directory, {
      now: new Date(),
      ...(options.log ? { log: options.log } : {}),
    });
  }
  // After the campaign: its counters are written whole, the recent demo's are added to them.
  let recent: Awaited<ReturnType<typeof seedRecentDemo>> | null = null;
  if (seeded && options.recentDemo) {
    const deps = createDeps(
      readConfig({
        ...process.env,
        TABLE_NAME: options.tableName,
        DYNAMODB_ENDPOINT: options.endpoint,
      }),
      { store },
    );
    recent = await seedRecentDemo(deps, directory, {
      now: new Date(),
      ...(options.log ? { log: options.log } : {}),
    });
  }
  // 答复模板: the demo's, once, on a table without templates (npm start, not the tests).
  const replyTemplates = options.demoCampaign
    ? await seedDemoReplyTemplates(store, { now: new Date(), newId: randomUUID })
    : 0;
  // "我的诉求" lists seeded concerns (and any from before the index) by their phone's key.
  const residentIndex = await backfillResidentIndex(
    store,
    residentKey({ ...process.env, DYNAMODB_ENDPOINT: options.endpoint }),
    { now: new Date(), ...(options.log ? { log: options.log } : {}) },
  );
  // The inspectors' kept watch lists list seeded concerns and any from before the lists.
  const watchLists = await backfillWatchLists(store, {
    now: new Date(),
    ...(options.log ? { log: options.log } : {}),
  });
  // 热点: sealed months from before the category fields get them (cheap once done: a marker).
  const sealedMonths = await rebuildSealedMonths(store, {
    now: new Date(),
    ...(options.log ? { log: options.log } : {}),
  });
  const password = options.demoPassword ?? process.env.DEMO_PASSWORD ?? DEMO_PASSWORD_DEFAULT;
  const accounts = buildDemoStaff(directory);
  for (const user of accounts) {
    await ensureStaffAccount(store, user, password, { mustChangePassword: false, now: new Date() });
  }
  return {
    created,
    seeded,
    villages: directory.villages.length,
    categories: directory.categories.length,
    demoAccounts: accounts.map((a) => ({ username: a.username, role: a.role, name: a.name })),
    demoPassword: password,
    campaign,
    recent,
    residentIndex,
    watchLists,
    replyTemplates,
    sealedMonths,
  };
}

/** How often the local server sweeps the SMS outbox (the sender function's schedule on AWS). */
const SMS_SWEEP_MS = 60_000;

/** The sites' origins (LIANXIN_PUBLIC_SITE_URL, LIANXIN_STAFF_SITE_URL) as CORS allows them. */
function localSiteOrigins(env: Record<string, string | undefined>): string[] {
  return [env.LIANXIN_PUBLIC_SITE_URL, env.LIANXIN_STAFF_SITE_URL].flatMap((value) => {
    try {
      return value ? [new URL(value).origin] : [];
    } catch {
      return [];
    }
  });
}

/** Serves the same app the Lambda serves, on a local port (0 picks a free one). */
export async function startLocalApi(options: {
  port: number;
  endpoint: string;
  tableName: string;
  siteSecret?: string | undefined;
  hostname?: string;
  overrides?: Partial<Deps>;
  /** Run the escalation job every so many seconds (as the Cron does on AWS); 0: never. */
  jobIntervalSeconds?: number;
  onJobRun?: (summary: JobSummary) => void;
}): Promise<{ url: string; close(): Promise<void> }> {
  const env = {
    ...process.env,
    TABLE_NAME: options.tableName,
    DYNAMODB_ENDPOINT: options.endpoint,
  };
  const config = readConfig({
    ...env,
    LIANXIN_SITE_SECRET: options.siteSecret ?? process.env.LIANXIN_SITE_SECRET,
  });
  // Photos are posted to this server (the local file store's S3 stand-in), whose address is
  // known once it listens; the sites' scripts may post from their origins (CORS).
  let apiUrl = "http://127.0.0.1";
  const files = config.filesDir
    ? new LocalFileStore({
        dir: config.filesDir,
        signingKey: config.sessionSigningKey,
        baseUrl: () => apiUrl,
        siteOrigins: localSiteOrigins(env),
      })
    : undefined;
  // Residents' SMS go to the local sink (the server's output and the staff site's /dev/sms),
  // sent right after each commit and swept every minute, as the sender function does on AWS.
  const deps = withInProcessSms(
    withInProcessExports(createDeps(config, { ...(files ? { files } : {}), ...options.overrides })),
    readSmsSettings(env, config.residentKey),
  );
  // The processor runs in this process when a photo lands (an S3 event on AWS).
  if (files && deps.files === files) {
    files.setUploadListener((key) => processUploadedObject(deps, key));
  }
  const smsSweep = setInterval(() => void deps.smsSender.kick(), SMS_SWEEP_MS);
  const app = createApp(deps);
  // The job's word-index step once at start (in the background, after the server is up), so
  // seeded and old local data are searchable before the job's first tick; on AWS the job's
  // schedule does it. The first run on a table indexes its last 13 months (term-indexer.ts).
  if (options.jobIntervalSeconds) {
    setTimeout(() => {
      runTermIndexer(deps, { log: (line) => console.log(line), budgetMs: 10 * 60_000 }).catch(
        (error) => console.error(`word index failed: ${String(error)}`),
      );
    }, 1000).unref();
  }
  const timer = options.jobIntervalSeconds
    ? setInterval(() => {
        runEscalationJob(deps)
          .then((summary) => options.onJobRun?.(summary))
          .catch((error) => console.error(`escalation job failed: ${String(error)}`));
      }, options.jobIntervalSeconds * 1000)
    : undefined;
  const hostname = options.hostname ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    const server = createNodeServer(app);
    server.once("error", reject);
    server.listen(options.port, hostname, () => {
      const { port } = server.address() as AddressInfo;
      const url = `http://${hostname}:${port}`;
      apiUrl = url;
      // Public documents name this server, unless LIANXIN_PUBLIC_API_URL says otherwise.
      deps.publicApiUrl ??= url;
      resolve({
        url,
        close: () =>
          new Promise<void>((done) => {
            if (timer) clearInterval(timer);
            clearInterval(smsSweep);
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
