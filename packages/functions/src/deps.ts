import { randomBytes, randomUUID } from "node:crypto";
import { type HolidayArrangement, officialArrangement, type TownArea } from "@lianxin/core";
import { createDynamoClient, createStore, type Store } from "@lianxin/store";
import type { ApiConfig } from "./config.js";
import { type ExportWorkerPort, lambdaExportWorker, noExportWorker } from "./export/worker-port.js";
import type { FileStore } from "./files/file-store.js";
import { LocalFileStore } from "./files/local-file-store.js";
import { S3FileStore, sdkS3Port } from "./files/s3-file-store.js";
import {
  lambdaSmsSender,
  type SmsSenderPort,
  scheduledSmsSenderOnly,
} from "./notifications/sender-port.js";
import { REQUEST_DEADLINE_MS } from "./request-deadline.js";
import { type PersonTagger, personTagger } from "./text/person-tagger.js";

/**
 * Uploads signed per client address an hour: a resident sends at most 3 photos with a
 * submission, but retries, 补充情况 and many residents behind one carrier address (as for
 * wrong codes) need room; a flood of signed POSTs is still cut off within the hour.
 */
export const UPLOADS_PER_HOUR = 60;

/** What use cases need from the world: the store, the clock, randomness, limits. */
export interface Deps {
  store: Store;
  now: () => Date;
  randomBytes: (n: number) => Uint8Array;
  newId: () => string;
  /** The official holiday arrangement; admin's override is layered on it per request. */
  holidayArrangement: HolidayArrangement;
  limits: {
    submissionsPerHour: number;
    /** Wrong access codes per ledger number per 15 minutes. */
    wrongCodesPer15Minutes: number;
    messagesPerHour: number;
    /** Photos signed for one client address in an hour (its own allowance, issue 15). */
    uploadsPerHour: number;
  };
  siteSecret: string | undefined;
  sessionSigningKey: string;
  /** Large ledger exports: a local folder with DynamoDB Local, the S3 bucket on AWS. */
  files: FileStore;
  /**
   * Builds ledger exports in the background: the worker Lambda on AWS; locally and in tests
   * this process (`withInProcessExports`); otherwise unavailable.
   */
  exportWorker: ExportWorkerPort;
  /** How long a staff session lasts. */
  sessionHours: number;
  /** How long a process may reuse the directory it loaded. */
  directoryCacheMs: number;
  /**
   * Open311: discovery's `type`, "test" locally. (The api_keys that may file requests are
   * issued by admin and kept in the table: store AP-K1..K4.)
   */
  open311: { endpointType: "production" | "test" };
  /**
   * The API's public base URL for public documents; unset, the origin the adapter gives a
   * request: API Gateway's own domain on AWS (not the Host header), the server's locally.
   */
  publicApiUrl: string | undefined;
  /**
   * Person names in text to be published, for core's masking engine (a signal beside its
   * rules): jieba, loaded on the first call with Chinese text, never at init. The API and
   * the job (which strikes off and drafts notices) carry jieba in their packages; the export
   * worker masks nothing and does not (infra/person-tagger.ts): there it would answer [].
   */
  personTagger: PersonTagger;
  /**
   * How long a request may use other systems, from when the app starts answering it
   * (request-deadline.ts): 8 s on AWS, 60 s with DynamoDB Local.
   */
  requestDeadlineMs: number;
  /**
   * Starts the SMS sender after a commit that wrote residents' messages: the sender function
   * on AWS (SMS_SENDER), this process locally (`withInProcessSms`); else the schedule sends.
   */
  smsSender: SmsSenderPort;
  /** Signs residents' links and one-time codes and keys the phone index (RESIDENT_KEY). */
  residentKey: string;
  /** The town's area: portal places outside it are refused (config `TOWN_AREA`). */
  townArea: TownArea;
  /** The public site's origin: where a photo sent by a plain form is confirmed. */
  publicSiteUrl: string | undefined;
  /** Running on DynamoDB Local (npm start, tests): the development pages answer. */
  localStack: boolean;
}

export function createDeps(config: ApiConfig, overrides: Partial<Deps> = {}): Deps {
  const client = createDynamoClient({ endpoint: config.dynamodbEndpoint, region: config.region });
  return {
    store: createStore(client, config.tableName),
    now: () => new Date(),
    randomBytes: (n) => randomBytes(n),
    newId: () => randomUUID(),
    holidayArrangement: officialArrangement,
    limits: {
      submissionsPerHour: config.submissionsPerHour,
      wrongCodesPer15Minutes: 5,
      messagesPerHour: 20,
      uploadsPerHour: UPLOADS_PER_HOUR,
    },
    siteSecret: config.siteSecret,
    sessionSigningKey: config.sessionSigningKey,
    files:
      config.dynamodbEndpoint && config.filesDir
        ? new LocalFileStore({ dir: config.filesDir, signingKey: config.sessionSigningKey })
        : new S3FileStore(config.filesBucket, sdkS3Port(config.region)),
    sessionHours: 8,
    directoryCacheMs: 30_000,
    open311: { endpointType: config.dynamodbEndpoint ? "test" : "production" },
    publicApiUrl: config.publicApiUrl,
    personTagger: personTagger(),
    requestDeadlineMs: config.dynamodbEndpoint
      ? REQUEST_DEADLINE_MS.local
      : REQUEST_DEADLINE_MS.aws,
    exportWorker: config.exportWorker
      ? lambdaExportWorker(config.exportWorker, config.region)
      : noExportWorker,
    smsSender: config.smsSender
      ? lambdaSmsSender(config.smsSender, config.region)
      : scheduledSmsSenderOnly,
    residentKey: config.residentKey,
    townArea: config.townArea,
    publicSiteUrl: config.publicSiteUrl,
    localStack: Boolean(config.dynamodbEndpoint),
    ...overrides,
  };
}
