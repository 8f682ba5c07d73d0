import { once } from "node:events";
import { createReadStream } from "node:fs";
import { finished } from "node:stream/promises";
import {
  addCalendarDays,
  ConcernStatus,
  type DirectoryIndex,
  DomainError,
  EXPORT_JOB_DAYS,
  type ExportJobState,
  inScope,
  type LedgerExportJob,
  type LedgerRow,
  type LedgerVoid,
  type Locale,
  ledgerScope,
  ledgerYear,
  mayReadExportJob,
  monthsBetween,
  type StaffUser,
  seesWholeLedger,
  toLedgerRow,
  toLedgerVoidRow,
} from "@lianxin/core";
import * as z from "zod/mini";
import type { Deps } from "../../deps.js";
import { csvHeader, csvRow } from "../../export/csv.js";
import { SpillSink } from "../../export/spill-sink.js";
import { openLedgerXlsx, XLSX_CONTENT_TYPE } from "../../export/xlsx.js";
import { EXPORTS_PREFIX, type StoredFile } from "../../files/file-store.js";
import { LocalFileStore, type SignedLinkQuery } from "../../files/local-file-store.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";

/**
 * Size rule. An export comes back in the response when it has at most DIRECT_MAX_ROWS rows
 * and at most DIRECT_MAX_BYTES bytes; otherwise it goes to the file store and the answer is
 * a short-lived link. The count is not known before the rows are read, so the output is
 * written to a SpillSink: memory up to DIRECT_MAX_BYTES, then a temporary file, and the
 * row count moves it to the file at once when it passes DIRECT_MAX_ROWS. One pass over the
 * data, never a whole large export in memory, and no second query to count first.
 * 4 MB, not 6: a Lambda response is capped at 6 MB and a binary body travels base64 (4/3).
 * 2,000 rows keep a CSV (about 400 bytes a row) well under that too, and a download small.
 */
export const DIRECT_MAX_ROWS = 2_000;
export const DIRECT_MAX_BYTES = 4 * 1024 * 1024;
/** How long a link to a large export works. */
export const LINK_SECONDS = 15 * 60;
const PAGE = 500;
/** A background export notes its progress every so many rows. */
export const PROGRESS_ROWS = 1_000;
const MAX_RANGE_DAYS = 366;

const optional = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(
    z.transform((v): unknown => (v === "" || v === null ? undefined : v)),
    z.optional(schema),
  );

const Day = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/),
  z.refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().startsWith(d);
  }, "not a calendar date"),
);

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

export const LedgerParams = z
  .object({
    from: Day,
    to: Day,
    village: optional(z.string().check(z.maxLength(64))),
    department: optional(z.string().check(z.maxLength(64))),
    status: optional(ConcernStatus),
    format: z._default(optional(z.enum(["xlsx", "csv"])), "xlsx"),
  })
  .check(
    z.superRefine((p, ctx) => {
      const days = dayNumber(p.to) - dayNumber(p.from) + 1;
      // The words travel with the issue (http/messages.ts words a custom issue by them).
      if (days < 1) {
        ctx.addIssue({
          code: "custom",
          path: ["to"],
          message: "to is before from",
          params: { words: { "zh-CN": "结束日期早于开始日期", en: "The end is before the start" } },
        });
      } else if (days > MAX_RANGE_DAYS) {
        ctx.addIssue({
          code: "custom",
          path: ["to"],
          message: `at most ${MAX_RANGE_DAYS} days`,
          params: {
            words: {
              "zh-CN": `一次最多导出 ${MAX_RANGE_DAYS} 天`,
              en: `At most ${MAX_RANGE_DAYS} days at a time`,
            },
          },
        });
      }
    }),
  );
export type LedgerParams = z.output<typeof LedgerParams>;

/** The UTC instant at which a Shanghai date begins. */
const startOfShanghaiDay = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

export type LedgerExport =
  | { kind: "file"; body: Uint8Array; contentType: string; fileName: string; rows: number }
  | { kind: "link"; url: string; expiresAt: string; rows: number };

const CONTENT_TYPES = { xlsx: XLSX_CONTENT_TYPE, csv: "text/csv; charset=utf-8" } as const;

/** Waits while the sink's buffer is full, so rows are not produced faster than written. */
async function drained(sink: SpillSink): Promise<void> {
  if (sink.writableNeedDrain) await once(sink, "drain");
}

/**
 * The void numbers (作废) voided within the range (Asia/Shanghai days, as for concerns), in
 * number order. One Query per ledger year from the year before the range's first to its
 * last: a number reserved late on New Year's Eve can be voided in the new year (the job
 * audits last year too), and voids are a handful a year, so the extra Query costs nothing.
 */
async function voidsInRange(deps: Deps, fromIso: string, toIso: string): Promise<LedgerVoid[]> {
  const first = ledgerYear(new Date(fromIso)) - 1;
  const last = ledgerYear(new Date(Date.parse(toIso) - 1));
  const out: LedgerVoid[] = [];
  for (let year = first; year <= last; year++) {
    for (const v of await deps.store.listLedgerVoids(year)) {
      if (v.voidedAt >= fromIso && v.voidedAt < toIso) out.push(v);
    }
  }
  // Ledger numbers sort as strings: one prefix, a four-digit year, six-digit sequences.
  return out.sort((a, b) => (a.ledgerNo < b.ledgerNo ? -1 : a.ledgerNo > b.ledgerNo ? 1 : 0));
}

/** Every row the user may see, written to the sink as xlsx or CSV; the number of rows. */
async function writeLedger(
  deps: Deps,
  user: StaffUser,
  params: LedgerParams,
  index: DirectoryIndex,
  locale: Locale,
  sink: SpillSink,
  /** After each page read: the rows written so far. */
  onPage?: (rows: number) => Promise<void>,
): Promise<number> {
  const scope = ledgerScope(user, params, index);
  const now = deps.now();
  const fromIso = startOfShanghaiDay(params.from);
  const toIso = startOfShanghaiDay(addCalendarDays(params.to, 1));
  // A town-wide export also lists the numbers voided in the range, so that the ledger it
  // gives has no silent gaps; a narrower one does not (a void has no village, department or
  // status: core's `seesWholeLedger`). They are merged in number order, each where its
  // number falls among the concerns: the ledger reads as the numbered sequence it is, and a
  // reader checking for gaps finds the void at the gap. Cheap: the concerns come in
  // registration order, which is number order but for requests racing within a moment, and
  // the voids (a handful) are held in memory and taken off the front as the numbers pass.
  const voids = seesWholeLedger(scope) ? await voidsInRange(deps, fromIso, toIso) : [];
  let nextVoid = 0;
  let rows = 0;
  const xlsx = params.format === "xlsx" ? await openLedgerXlsx(sink, locale) : null;
  if (!xlsx) sink.write(csvHeader(locale));
  const write = (row: LedgerRow) => {
    if (xlsx) xlsx.add(row);
    else sink.write(csvRow(row));
    rows += 1;
    if (rows === DIRECT_MAX_ROWS + 1) sink.spill();
  };
  /** The voids numbered before `ledgerNo` (all that are left, without one). */
  const writeVoidsBefore = (ledgerNo?: string) => {
    for (; nextVoid < voids.length; nextVoid++) {
      const entry = voids[nextVoid] as LedgerVoid;
      if (ledgerNo !== undefined && entry.ledgerNo > ledgerNo) break;
      write(toLedgerVoidRow(entry, locale));
    }
  };
  for (const month of monthsBetween(params.from, params.to)) {
    let cursor: string | undefined;
    do {
      const page = await deps.store.queryConcernsByMonth(month, {
        fromIso,
        toIso,
        cursor,
        limit: PAGE,
      });
      for (const concern of page.items) {
        if (!inScope(scope, user, concern)) continue;
        writeVoidsBefore(concern.ledgerNo);
        write(toLedgerRow(concern, index, locale, now));
      }
      await drained(sink);
      await onPage?.(rows);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  writeVoidsBefore();
  if (xlsx) await xlsx.finish();
  else {
    sink.end();
    await finished(sink);
  }
  return rows;
}

const fileNameOf = (params: LedgerParams) => `台账-${params.from}-${params.to}.${params.format}`;

/** The spilled export into the file store, under a new key. */
async function store(deps: Deps, sink: SpillSink, params: LedgerParams): Promise<string> {
  const key = `${EXPORTS_PREFIX}${deps.newId()}.${params.format}`;
  const path = sink.path as string;
  await deps.files.put(
    key,
    { stream: createReadStream(path), length: sink.size },
    CONTENT_TYPES[params.format],
  );
  return key;
}

async function linkTo(deps: Deps, key: string, fileName: string) {
  const url = await deps.files.link(key, LINK_SECONDS, fileName);
  const expiresAt = new Date(deps.now().getTime() + LINK_SECONDS * 1000).toISOString();
  return { url, expiresAt };
}

/**
 * 台账导出: every concern registered in the date range (Asia/Shanghai days, both included)
 * that the user may see, with the filters, as xlsx or CSV, and in a town-wide export the
 * numbers voided in the range (作废). Reads the months of the range from the month index
 * page by page and writes each row as it comes.
 */
export async function exportLedger(
  deps: Deps,
  auth: StaffAuth,
  query: Record<string, string>,
  locale: Locale,
): Promise<LedgerExport> {
  const params = parseInput(LedgerParams, query);
  const index = await currentDirectory(deps);
  ledgerScope(auth.user, params, index);
  const sink = new SpillSink(DIRECT_MAX_BYTES);
  try {
    const rows = await writeLedger(deps, auth.user, params, index, locale, sink);
    const contentType = CONTENT_TYPES[params.format];
    const fileName = fileNameOf(params);
    if (!sink.spilled) {
      return { kind: "file", body: sink.buffer(), contentType, fileName, rows };
    }
    const key = await store(deps, sink, params);
    return { kind: "link", ...(await linkTo(deps, key, fileName)), rows };
  } catch (error) {
    sink.destroy();
    throw error;
  } finally {
    await sink.cleanup();
  }
}

/** What the export page shows of a background export. */
export interface LedgerExportStatus {
  id: string;
  state: ExportJobState;
  rows?: number;
  fileName?: string;
  url?: string;
  expiresAt?: string;
  error?: string;
}

/**
 * 后台生成: checks the filters and the user's scope now (a refusal is immediate), records the
 * request and starts the worker; the answer comes at once. For exports too large to build
 * within a request (the API's 10 s): a year of a city's ledger.
 */
export async function requestLedgerExport(
  deps: Deps,
  auth: StaffAuth,
  body: unknown,
  locale: Locale,
): Promise<LedgerExportStatus> {
  const params = parseInput(LedgerParams, body);
  ledgerScope(auth.user, params, await currentDirectory(deps));
  const now = deps.now();
  const job: LedgerExportJob = {
    id: deps.newId(),
    state: "queued",
    requestedBy: auth.user,
    params: Object.fromEntries(
      Object.entries(params).filter((e): e is [string, string] => typeof e[1] === "string"),
    ),
    locale,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const expiresAt = Math.ceil(now.getTime() / 1000) + EXPORT_JOB_DAYS * 86_400;
  await deps.store.putExportJob(job, expiresAt);
  await deps.exportWorker.start(job.id);
  return { id: job.id, state: job.state };
}

/** The export page: the job's state, and a fresh link once the file is there. */
export async function readLedgerExport(
  deps: Deps,
  auth: StaffAuth,
  id: string,
): Promise<LedgerExportStatus> {
  const job = /^[\w-]{1,64}$/.test(id) ? await deps.store.getExportJob(id) : null;
  // Someone else's export does not exist, as far as this user can tell.
  if (!job || !mayReadExportJob(auth.user, job)) throw new DomainError("not_found");
  const status: LedgerExportStatus = { id: job.id, state: job.state };
  if (job.error) status.error = job.error;
  // While running, `rows` is how far it has got.
  if (job.state === "running" && job.progressRows !== undefined) status.rows = job.progressRows;
  if (job.file) {
    status.rows = job.file.rows;
    status.fileName = job.file.fileName;
    Object.assign(status, await linkTo(deps, job.file.key, job.file.fileName));
  }
  return status;
}

/**
 * The worker's part: builds the file of a queued job into the file store. Each step is
 * conditional on the one before, so a second invocation for the same job does nothing.
 */
export async function runLedgerExportJob(deps: Deps, jobId: string): Promise<void> {
  const job = await deps.store.getExportJob(jobId);
  if (!job) return;
  const step = (next: Parameters<Deps["store"]["advanceExportJob"]>[2]) =>
    deps.store.advanceExportJob(jobId, next.state === "running" ? "queued" : "running", next);
  if (!(await step({ state: "running", updatedAt: deps.now().toISOString() }))) return;
  const sink = new SpillSink(DIRECT_MAX_BYTES);
  try {
    sink.spill();
    const params = parseInput(LedgerParams, job.params);
    const index = await currentDirectory(deps);
    // Progress for the export page: whenever another PROGRESS_ROWS rows are written.
    let reported = 0;
    const progress = async (rows: number) => {
      if (rows - reported < PROGRESS_ROWS) return;
      reported = rows - (rows % PROGRESS_ROWS);
      await deps.store.recordExportProgress(jobId, rows, deps.now().toISOString());
    };
    const rows = await writeLedger(
      deps,
      job.requestedBy,
      params,
      index,
      job.locale,
      sink,
      progress,
    );
    const key = await store(deps, sink, params);
    await step({
      state: "done",
      updatedAt: deps.now().toISOString(),
      file: { key, fileName: fileNameOf(params), contentType: CONTENT_TYPES[params.format], rows },
    });
  } catch (error) {
    sink.destroy();
    console.error(
      JSON.stringify({ level: "error", msg: "export job failed", jobId, error: String(error) }),
    );
    await step({
      state: "failed",
      updatedAt: deps.now().toISOString(),
      error: job.locale === "en" ? "The export could not be made: try again" : "导出失败，请重试",
    });
  } finally {
    await sink.cleanup();
  }
}

/**
 * A large export served back by the API (the local file store; on AWS the link goes to S3).
 * Wants both the staff session (checked by the route) and a valid, unexpired signature.
 */
export async function openExportDownload(
  deps: Deps,
  name: string,
  query: SignedLinkQuery,
): Promise<StoredFile & { downloadName: string }> {
  const files = deps.files;
  if (!(files instanceof LocalFileStore)) throw new DomainError("not_found");
  const link = files.verify(name, query);
  if (!link) throw new DomainError("forbidden");
  const file = await files.get(link.key);
  if (!file) throw new DomainError("not_found");
  return { ...file, downloadName: link.downloadName };
}
