import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { DEMO_TOWN_AREA, parseTownArea, type TownArea } from "@lianxin/core";

/** Everything the API reads from its environment, read once, here. */
export interface ApiConfig {
  tableName: string;
  /** DynamoDB Local or another endpoint; absent on AWS. */
  dynamodbEndpoint: string | undefined;
  region: string | undefined;
  /** Shared with the sites, so that their forwarded client address can be trusted. */
  siteSecret: string | undefined;
  submissionsPerHour: number;
  /** Signs staff session tokens. Required on AWS (an SST secret); random per process locally. */
  sessionSigningKey: string;
  /** The private bucket for large exports (AWS). */
  filesBucket: string | undefined;
  /** Local stand-in for the bucket: FILES_DIR, else `<repo>/.data/files` (with DynamoDB Local). */
  filesDir: string | undefined;
  /** The Lambda function that builds background exports (AWS); locally they run in-process. */
  exportWorker: string | undefined;
  /**
   * The API's public base URL (`LIANXIN_PUBLIC_API_URL`), which public documents (Open311
   * discovery) name: never the request's Host, which a client chooses.
   */
  publicApiUrl: string | undefined;
  /** The SMS sender function (AWS), started after commits that wrote messages. */
  smsSender: string | undefined;
  /**
   * Signs residents' links and one-time codes, keys the phone index (RESIDENT_KEY, an SST
   * secret on AWS). Locally a fixed development key, so the phone index survives restarts.
   */
  residentKey: string;
  /**
   * The town's area (`TOWN_AREA`: `south,west,north,east` in WGS84 degrees): places sent
   * from the portal outside it are refused. The directory has no town-wide settings item
   * yet, so it is deployment config; unset, the demo's box around Wuxi (core DEMO_TOWN_AREA).
   * Open311 is not held to it (it keeps GeoLocation's world-wide rule).
   */
  townArea: TownArea;
  /** The public site's URL: a photo sent by a plain form is confirmed on its page. */
  publicSiteUrl: string | undefined;
}

/** The local stack's resident key: never used where DynamoDB Local is not. */
export const LOCAL_RESIDENT_KEY = "lianxin-local-resident-key-for-development-only";

export function readConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error("TABLE_NAME is not set");
  return {
    tableName,
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION || undefined,
    siteSecret: env.LIANXIN_SITE_SECRET || undefined,
    submissionsPerHour: positiveInt(env.SUBMISSIONS_PER_HOUR, 10),
    sessionSigningKey: sessionKey(env),
    filesBucket: env.FILES_BUCKET || undefined,
    exportWorker: env.EXPORT_WORKER || undefined,
    publicApiUrl: publicUrl(env.LIANXIN_PUBLIC_API_URL),
    smsSender: env.SMS_SENDER || undefined,
    residentKey: residentKey(env),
    townArea: env.TOWN_AREA ? parseTownArea(env.TOWN_AREA) : DEMO_TOWN_AREA,
    publicSiteUrl: publicSiteUrl(env),
    filesDir:
      env.FILES_DIR ||
      (env.DYNAMODB_ENDPOINT
        ? fileURLToPath(new URL("../../../.data/files", import.meta.url))
        : undefined),
  };
}

/**
 * The public site's origin (LIANXIN_PUBLIC_SITE_URL), without a trailing slash: where SMS links
 * and a plain form's photo lead. Locally the site's default port when unset; elsewhere unset
 * is undefined (what needs it refuses), and a value that is no http(s) URL fails the start.
 */
export function publicSiteUrl(env: Record<string, string | undefined>): string | undefined {
  const local = Boolean(env.DYNAMODB_ENDPOINT);
  const url = (env.LIANXIN_PUBLIC_SITE_URL || (local ? "http://localhost:4321" : "")).replace(
    /\/+$/,
    "",
  );
  if (!url) return undefined;
  if (!/^https?:\/\/[^/]+/.test(url)) {
    throw new Error("LIANXIN_PUBLIC_SITE_URL must be the public site's http(s) URL");
  }
  return url;
}

function publicUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const url = new URL(value);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error("LIANXIN_PUBLIC_API_URL must be an http(s) URL");
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function sessionKey(env: Record<string, string | undefined>): string {
  const key = env.SESSION_SIGNING_KEY;
  if (key && key.length >= 32) return key;
  if (key) throw new Error("SESSION_SIGNING_KEY must be at least 32 characters");
  // Locally (DynamoDB Local) a key per process is fine: sessions end with the process.
  if (env.DYNAMODB_ENDPOINT) return randomBytes(32).toString("base64url");
  throw new Error("SESSION_SIGNING_KEY is not set");
}

/**
 * The resident key (links, one-time codes, the "我的诉求" index): `RESIDENT_KEY`, at least 32
 * characters; the local default only where DynamoDB Local is. The one reading of it, for the
 * API's config and for the functions that bind the real key (the sender, the backfill).
 */
export function residentKey(env: Record<string, string | undefined>): string {
  const key = env.RESIDENT_KEY;
  if (key && key.length >= 32) return key;
  if (key) throw new Error("RESIDENT_KEY must be at least 32 characters");
  if (env.DYNAMODB_ENDPOINT) return LOCAL_RESIDENT_KEY;
  throw new Error("RESIDENT_KEY is not set");
}

/**
 * The config of the background functions (the escalation job, the export worker). They sign
 * and check no sessions, so they are not bound to the session key (least privilege: no SSM
 * read at all) and get a key of their own per process, which nothing ever verifies.
 */
export function readJobConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  return readConfig({
    ...env,
    SESSION_SIGNING_KEY: env.SESSION_SIGNING_KEY || randomBytes(32).toString("base64url"),
    // Messages carry link claims, not links: only the sender signs them (sms-sender.ts).
    RESIDENT_KEY: env.RESIDENT_KEY || randomBytes(32).toString("base64url"),
  });
}
