/**
 * The local portal: DynamoDB Local (data kept in .data/dynamodb) + the API + the public site +
 * the staff site.
 * Run through `npm start` (packages/local/bin/start.mjs), which installs and builds first.
 *
 * Environment: API_PORT (3000), PUBLIC_PORT (4321), STAFF_PORT (4322),
 * DYNAMODB_PORT (8000), DYNAMODB_ENDPOINT
 * (use an existing DynamoDB instead of starting one), TABLE_NAME (lianxin-local),
 * LIANXIN_SITE_SECRET (random per run when unset), JOB_INTERVAL_SECONDS (120; 0 turns the
 * escalation job off).
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { prepareLocalDatabase, startLocalApi } from "@lianxin/functions/local";
import { startDynamoDbLocal, useLocalAwsDefaults } from "./dynamodb-local.js";
import { isFriendlyError } from "./errors.js";
import { repoRoot } from "./paths.js";
import { assertPortFree, portFromEnv } from "./ports.js";
import { publicSite, type SiteEntry, staffSite, startSite } from "./public-site.js";

// The lockfile pins the AWS SDK; its "Node 22 needed after January 2027" warning is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

type Stop = () => Promise<void>;

const stops: { name: string; stop: Stop }[] = [];
let shuttingDown = false;
let apiPortInUse = -1;
let publicPortInUse = -1;
let staffPortInUse = -1;

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    const force = setTimeout(() => process.exit(code), 15_000);
    force.unref();
    // Stop in reverse order of start: sites, API, then the database.
    for (const { name, stop } of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        process.stderr.write(`could not stop ${name}: ${String(error)}\n`);
      }
    }
  }
  process.exit(code);
}

function crashed(name: string, code: number | null): void {
  if (shuttingDown) return;
  process.stderr.write(`✗ ${name} stopped unexpectedly (exit code ${code ?? "none"}); stopping\n`);
  void shutdown(1);
}

async function main(): Promise<void> {
  const apiPort = portFromEnv("API_PORT", 3000);
  const publicPort = portFromEnv("PUBLIC_PORT", 4321);
  const staffPort = portFromEnv("STAFF_PORT", 4322);
  apiPortInUse = apiPort;
  publicPortInUse = publicPort;
  staffPortInUse = staffPort;
  const tableName = process.env.TABLE_NAME?.trim() || "lianxin-local";
  const siteSecret =
    process.env.LIANXIN_SITE_SECRET?.trim() || randomBytes(24).toString("base64url");
  const externalEndpoint = process.env.DYNAMODB_ENDPOINT?.trim() || undefined;

  if (apiPort !== 0) await assertPortFree(apiPort, "API_PORT");
  if (publicPort !== 0) await assertPortFree(publicPort, "PUBLIC_PORT");
  if (staffPort !== 0) await assertPortFree(staffPort, "STAFF_PORT");

  let endpoint: string;
  if (externalEndpoint) {
    endpoint = externalEndpoint;
    log(`▸ using DynamoDB at ${endpoint} (DYNAMODB_ENDPOINT)`);
  } else {
    const dataDir = join(repoRoot, ".data", "dynamodb");
    log("▸ starting DynamoDB Local…");
    const started = Date.now();
    const db = await startDynamoDbLocal({
      port: portFromEnv("DYNAMODB_PORT", 8000),
      dataDir,
      onUnexpectedExit: (code) => crashed("DynamoDB Local", code),
    });
    stops.push({ name: "DynamoDB Local", stop: db.stop });
    endpoint = db.endpoint;
    log(
      `  DynamoDB Local ready in ${((Date.now() - started) / 1000).toFixed(1)} s (data in .data/dynamodb)`,
    );
  }
  if (shuttingDown) return;
  useLocalAwsDefaults(endpoint);

  const summary = await prepareLocalDatabase({
    endpoint,
    tableName,
    demoCampaign: true,
    recentDemo: true,
    log,
  });

  // Links in residents' SMS (shown by the local sink) lead to this public site.
  if (publicPort !== 0) process.env.LIANXIN_PUBLIC_SITE_URL ??= `http://localhost:${publicPort}`;
  // Photos are posted from both sites straight to the API's local file store (CORS).
  if (staffPort !== 0) process.env.LIANXIN_STAFF_SITE_URL ??= `http://localhost:${staffPort}`;
  // The escalation job runs every few minutes, as the Cron does on AWS.
  const jobIntervalSeconds = Number(process.env.JOB_INTERVAL_SECONDS ?? 120);
  const api = await startLocalApi({
    port: apiPort,
    endpoint,
    tableName,
    siteSecret,
    jobIntervalSeconds,
    onJobRun: (s) => {
      if (s.changed)
        log(`▸ escalation job: ${s.changed} concerns escalated, ${s.notifications} notifications`);
    },
  });
  stops.push({ name: "the API", stop: api.close });
  if (shuttingDown) return;

  const launch = async (entry: SiteEntry, port: number) => {
    log(`▸ starting ${entry.label}…`);
    const handle = await startSite(entry, {
      port,
      apiUrl: api.url,
      siteSecret,
      onUnexpectedExit: (code) => crashed(entry.label, code),
    });
    stops.push({ name: entry.label, stop: handle.stop });
    return handle;
  };
  const site = await launch(publicSite, publicPort);
  if (shuttingDown) return;
  const staff = await launch(staffSite, staffPort);
  if (shuttingDown) return;

  const counts = `${summary.villages} areas (villages, communities, the park), ${summary.categories} categories`;
  const demo = summary.seeded
    ? `seeded the demo directory: ${counts}`
    : `kept the existing directory: ${counts}`;
  log("");
  log("  连心 Lianxin is running");
  log(`  Portal    ${site.url}/`);
  log(`  Staff     ${staff.url}/`);
  log(`  API       ${api.url}/api/health`);
  log(`  DynamoDB  ${endpoint}  (table ${tableName}${summary.created ? ", created now" : ""})`);
  log(`  Demo data ${demo}; demo data is labelled demo`);
  log("");
  log(`  Demo staff accounts (password: ${summary.demoPassword}; set DEMO_PASSWORD to change):`);
  for (const a of summary.demoAccounts)
    log(`    ${a.username.padEnd(10)} ${a.role.padEnd(10)} ${a.name}`);
  log("");
  log("  Press Ctrl-C to stop.");
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (!shuttingDown) log(`\n▸ stopping (${signal})…`);
    void shutdown(0);
  });
}

main().catch((error: unknown) => {
  if (shuttingDown) return;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const port = (error as { port?: number } | null)?.port;
  if (isFriendlyError(error)) {
    process.stderr.write(`✗ ${error.message}\n`);
  } else if (code === "EADDRINUSE" && port !== undefined) {
    const envName =
      port === apiPortInUse
        ? "API_PORT"
        : port === publicPortInUse
          ? "PUBLIC_PORT"
          : port === staffPortInUse
            ? "STAFF_PORT"
            : "DYNAMODB_PORT";
    process.stderr.write(`✗ port ${port} is busy: stop what uses it or set ${envName}\n`);
  } else {
    process.stderr.write(
      `✗ ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  void shutdown(1);
});
