import {
  CategoryCode,
  type Concern,
  DomainError,
  type FieldProblem,
  fromOpen311Post,
  LedgerNo,
  type Locale,
  monthsNewestFirst,
  namedRefs,
  OPEN311_MAX_PAGE_SIZE,
  type Open311PostForm,
  open311ReadRange,
  open311ServiceNotice,
  open311Status,
  open311Window,
  parseW3cDateTime,
  requestFingerprint,
  shanghaiMonth,
  toOpen311Request,
  type XmlValue,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { submitConcern } from "../concerns/submit-concern.js";
import { currentDirectory } from "../directory/current-directory.js";
import { knownPeople } from "../directory/known-people.js";
import { checkOpen311ApiKey } from "./api-keys.js";

/** Conduct complaints (纪委) are for inspectors and admin only: never in Open311. */
const isPublic = (concern: Concern) => concern.routing.visibility !== "discipline";

/**
 * POST requests: files a concern through the portal's own use case (same validation,
 * routing, limits, ledger number), on the "open311" channel. Open311 has no idempotency
 * header, so the key is derived from the api_key and the request itself: a client that
 * retries an identical request (a timeout, a lost answer) within 24 hours gets the same
 * service_request_id, never a second ledger item. The rate limit counts per api_key.
 */
export async function fileOpen311Request(
  deps: Deps,
  request: { form: Open311PostForm; queryApiKey: string | undefined; locale: Locale },
): Promise<XmlValue[]> {
  const keyId = await checkOpen311ApiKey(deps, request.form.fields.api_key ?? request.queryApiKey);
  const index = await currentDirectory(deps);
  const body = fromOpen311Post(index, request.form);
  const { receipt } = await submitConcern(deps, {
    idempotencyKey: `open311-${requestFingerprint({ keyId, body })}`,
    body,
    clientAddress: `open311:${keyId}`,
    channel: "open311",
  });
  const refs = namedRefs(index, request.locale);
  const department = refs.department(
    receipt.routing.department.id,
    receipt.routing.department.name,
  );
  return [
    {
      service_request_id: receipt.ledgerNo,
      service_notice: open311ServiceNotice(
        { department, contactLeader: receipt.routing.contactLeader },
        receipt.dueAt,
        request.locale,
      ),
    },
  ];
}

/** GET requests/{service_request_id}: one public concern, or 404. */
export async function getOpen311Request(
  deps: Deps,
  id: string,
  options: { locale: Locale; query: Record<string, string[]> },
): Promise<XmlValue[]> {
  const extensions = parseExtensions(options.query);
  const ledgerNo = id.trim().toUpperCase();
  if (!LedgerNo.safeParse(ledgerNo).success) throw new DomainError("not_found");
  const found = await deps.store.getConcernWithEvents(ledgerNo);
  if (!found || !isPublic(found.concern)) throw new DomainError("not_found");
  const [index, people] = await Promise.all([currentDirectory(deps), knownPeople(deps)]);
  return [
    toOpen311Request(found.concern, index, options.locale, { extensions, knownPeople: people }),
  ];
}

const MAX_IDS = 100;
/** The statuses Open311 calls `closed` (core's open311Status): struck off, or merged. */
const CLOSED_STATUSES = ["struck_off", "merged"];
const PAGE_READ = 500;

/**
 * GET requests: the spec's filters (service_request_id overrides the rest; service_code,
 * status, start_date/end_date over requested_datetime, at most 90 days, the most recent
 * 90 by default) and the pagination extension (page from 1, page_size up to 1,000, the
 * spec's default limit). Newest first. Reads the registration-month index (gsi4) newest
 * month first, only the window's keys, and stops once the page is full: no Scan.
 */
export async function listOpen311Requests(
  deps: Deps,
  query: Record<string, string[]>,
  locale: Locale,
): Promise<XmlValue[]> {
  const problems: Record<string, FieldProblem> = {};
  const extensions = parseExtensions(query);
  const [index, people] = await Promise.all([currentDirectory(deps), knownPeople(deps)]);
  const show = (concerns: Concern[]) =>
    concerns.map((c) => toOpen311Request(c, index, locale, { extensions, knownPeople: people }));

  const ids = list(query, "service_request_id");
  if (ids.length) {
    const unique = [...new Set(ids.map((id) => id.toUpperCase()))];
    if (unique.length > MAX_IDS || unique.some((id) => !LedgerNo.safeParse(id).success)) {
      throw invalidParameter(
        "service_request_id",
        `须为台账编号（如 LS-2026-000123），逗号分隔，最多 ${MAX_IDS} 个`,
        `Ledger numbers (like LS-2026-000123), comma-separated, at most ${MAX_IDS}`,
      );
    }
    const found = await Promise.all(unique.map((id) => deps.store.getConcernWithEvents(id)));
    return show(found.flatMap((f) => (f && isPublic(f.concern) ? [f.concern] : [])));
  }

  const codes = new Set(list(query, "service_code"));
  if ([...codes].some((code) => !CategoryCode.safeParse(code).success)) {
    problems.service_code = invalid("不是有效的 service_code", "Not a valid service_code");
  }
  const statuses = new Set(list(query, "status").map((s) => s.toLowerCase()));
  if ([...statuses].some((s) => s !== "open" && s !== "closed")) {
    problems.status = invalid("只能是 open 或 closed", "Only open or closed");
  }
  const date = (name: string) => {
    const value = single(query, name, problems);
    if (value === undefined) return null;
    const parsed = parseW3cDateTime(value);
    if (!parsed) {
      problems[name] = invalid(
        "须为 W3C 日期时间，含时区，如 2026-01-01T00:00:00Z",
        "Must be a W3C date-time with a time zone, e.g. 2026-01-01T00:00:00Z",
      );
    }
    return parsed;
  };
  const start = date("start_date");
  const end = date("end_date");
  const page = count(query, "page", 1, 10_000, 1, problems);
  const pageSize = count(
    query,
    "page_size",
    1,
    OPEN311_MAX_PAGE_SIZE,
    OPEN311_MAX_PAGE_SIZE,
    problems,
  );
  const window = open311Window(start, end, deps.now());
  if ("problem" in window && !problems.start_date && !problems.end_date) {
    problems.end_date =
      window.problem === "reversed"
        ? invalid("end_date 早于 start_date", "end_date is before start_date")
        : invalid("时间范围不能超过 90 天", "The range may not span more than 90 days");
  }
  if (Object.keys(problems).length || "problem" in window) {
    throw new DomainError("validation_failed", { fields: problems });
  }

  const keep = (c: Concern) =>
    isPublic(c) &&
    (codes.size === 0 || codes.has(c.categoryCode)) &&
    (statuses.size === 0 || statuses.has(open311Status(c)));
  // The same filters, applied by DynamoDB: a filtered list reads the window's items but no
  // longer sends, unmarshals and checks each one here (an anonymous `status=closed` took
  // seconds over 1,500 concerns; found by the fuzz suite, issue 12). Only the codes of
  // categories that exist can match: none of them, nothing to read.
  const knownCodes = [...codes].filter((code) => index.category(code));
  if (codes.size && !knownCodes.length) return [];
  const byStatus = statuses.size === 1;
  const where =
    codes.size || byStatus
      ? {
          notVisibility: "discipline",
          ...(codes.size ? { categoryCodes: knownCodes } : {}),
          ...(byStatus
            ? {
                status: statuses.has("closed")
                  ? { in: CLOSED_STATUSES }
                  : { notIn: CLOSED_STATUSES },
              }
            : {}),
        }
      : undefined;
  const skip = (page - 1) * pageSize;
  // Only the part of the window the ledger can hold anything in (1970 to now) is read.
  const range = open311ReadRange(window, deps.now());
  if (!range) return [];
  const fromIso = range.from.toISOString();
  // Both ends are included: the sort key range is half-open, so end one millisecond later.
  const toIso = new Date(range.to.getTime() + 1).toISOString();
  const items: Concern[] = [];
  let matched = 0;
  for (const month of monthsNewestFirst(shanghaiMonth(range.from), shanghaiMonth(range.to))) {
    let cursor: string | undefined;
    do {
      const result = await deps.store.queryConcernsByMonth(month, {
        fromIso,
        toIso,
        cursor,
        limit: PAGE_READ,
        descending: true,
        ...(where ? { where } : {}),
      });
      for (const concern of result.items) {
        if (!keep(concern)) continue;
        matched += 1;
        if (matched > skip) items.push(concern);
        if (items.length >= pageSize) return show(items);
      }
      cursor = result.nextCursor ?? undefined;
    } while (cursor);
  }
  return show(items);
}

const invalid = (zh: string, en: string): FieldProblem => ({
  kind: "invalid",
  message: { "zh-CN": zh, en },
});

const invalidParameter = (name: string, zh: string, en: string) =>
  new DomainError("validation_failed", { fields: { [name]: invalid(zh, en) } });

/** A comma-list parameter, which may also be given several times. */
function list(query: Record<string, string[]>, name: string): string[] {
  return (query[name] ?? [])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

function single(
  query: Record<string, string[]>,
  name: string,
  problems: Record<string, FieldProblem>,
): string | undefined {
  const values = (query[name] ?? []).map((v) => v.trim()).filter(Boolean);
  if (values.length > 1) problems[name] = invalid("只能给一次", "Give it once");
  return values[0];
}

function count(
  query: Record<string, string[]>,
  name: string,
  min: number,
  max: number,
  fallback: number,
  problems: Record<string, FieldProblem>,
): number {
  const value = single(query, name, problems);
  if (value === undefined) return fallback;
  const n = /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max)) {
    problems[name] = invalid(`须为 ${min}–${max} 的整数`, `An integer from ${min} to ${max}`);
    return fallback;
  }
  return n;
}

/** The extended-attributes extension: `extensions=true`, given once. */
function parseExtensions(query: Record<string, string[]>): boolean {
  const problems: Record<string, FieldProblem> = {};
  const value = single(query, "extensions", problems)?.toLowerCase();
  if (Object.keys(problems).length)
    throw new DomainError("validation_failed", { fields: problems });
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  throw invalidParameter("extensions", "只能是 true 或 false", "Only true or false");
}
