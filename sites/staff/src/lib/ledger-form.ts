// The ledger export (台账导出) form: read and check the GET form, build the API query, and decide
// how a big export's link reaches the browser. Pure.
import { CONCERN_STATUSES, type ConcernStatus, type LedgerExportRequest } from "@lianxin/contract";
import { type ApiFailure, splitFieldErrors } from "@lianxin/site-kit/api-result";
import { classifyFailure, type FailureKind } from "./failure";

export const LEDGER_FORMATS = ["xlsx", "csv"] as const satisfies readonly NonNullable<
  LedgerExportRequest["format"]
>[];
export type LedgerFormat = (typeof LEDGER_FORMATS)[number];
export const LEDGER_FIELDS = ["from", "to", "village", "department", "status", "format"] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];

export interface LedgerForm {
  from: string;
  to: string;
  village: string;
  department: string;
  status: ConcernStatus | "";
  format: LedgerFormat;
}

export type LedgerProblem = "required" | "badDate" | "reversed" | "badValue";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** A real calendar date written YYYY-MM-DD. */
export function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** Today in Asia/Shanghai, YYYY-MM-DD. */
export function todayOf(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The form before anything is chosen: this month so far, Excel. */
export function defaultLedgerForm(now: Date): LedgerForm {
  const to = todayOf(now);
  return {
    from: `${to.slice(0, 8)}01`,
    to,
    village: "",
    department: "",
    status: "",
    format: "xlsx",
  };
}

/** Whether the address is a submitted form (the format select is always sent). */
export function isSubmitted(params: URLSearchParams): boolean {
  return params.has("format");
}

export function readLedgerForm(
  params: URLSearchParams,
  now: Date,
): { form: LedgerForm; problems: Partial<Record<LedgerField, LedgerProblem>> } {
  const get = (k: LedgerField) => params.get(k)?.trim() ?? "";
  const def = defaultLedgerForm(now);
  const problems: Partial<Record<LedgerField, LedgerProblem>> = {};
  const form: LedgerForm = { ...def, from: get("from"), to: get("to") };
  for (const k of ["from", "to"] as const) {
    if (!form[k]) problems[k] = "required";
    else if (!isDate(form[k])) problems[k] = "badDate";
  }
  if (!problems.from && !problems.to && form.from > form.to) problems.to = "reversed";
  for (const k of ["village", "department"] as const) {
    const v = get(k);
    if (v && !ID.test(v)) problems[k] = "badValue";
    else form[k] = v;
  }
  const status = get("status");
  if (status && !(CONCERN_STATUSES as readonly string[]).includes(status))
    problems.status = "badValue";
  else form.status = status as ConcernStatus | "";
  const format = get("format");
  if (format && !(LEDGER_FORMATS as readonly string[]).includes(format)) {
    problems.format = "badValue";
  } else if (format) {
    form.format = format as LedgerFormat;
  }
  return { form, problems };
}

/** The form as posted (a body of `application/x-www-form-urlencoded` or `multipart/form-data`). */
export function paramsOf(body: FormData | null): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of body?.entries() ?? []) if (typeof v === "string") params.append(k, v);
  return params;
}

/** What the ledger page shows after the API refused an export (the file, or one in the background). */
export interface LedgerFailure {
  failure: FailureKind;
  /** The API's field errors, beside the form's own fields. */
  fieldErrors: Partial<Record<LedgerField, string>>;
  /** Its other messages (a 4xx without fields: its message), for the error summary. */
  loose: string[];
  /** The page's status. */
  status: number;
}

export function ledgerFailure(answer: ApiFailure): LedgerFailure {
  const failure = classifyFailure(answer);
  let fieldErrors: Partial<Record<LedgerField, string>> = {};
  let loose: string[] = [];
  if (failure === "invalid" && answer.kind === "http") {
    ({ fieldErrors, loose } = splitFieldErrors(answer.error, LEDGER_FIELDS));
    const message = answer.error?.message.trim();
    if (Object.keys(fieldErrors).length === 0 && loose.length === 0 && message) loose = [message];
  }
  const status =
    failure === "forbidden"
      ? 403
      : failure === "unavailable"
        ? 503
        : failure === "invalid"
          ? 400
          : failure === "rate_limited"
            ? 429
            : 200;
  return { failure, fieldErrors, loose, status };
}

/** The query for `GET /api/staff/ledger` (empty filters left out). */
export function ledgerQuery(form: LedgerForm): Record<string, string | undefined> {
  return {
    from: form.from,
    to: form.to,
    village: form.village || undefined,
    department: form.department || undefined,
    status: form.status || undefined,
    format: form.format,
  };
}

/** The URL resolved against the API, when it is on the API's own origin; else null. */
export function apiUrlOf(url: string, apiUrl: string): URL | null {
  let api: URL;
  let target: URL;
  try {
    api = new URL(apiUrl);
    target = new URL(url, api);
  } catch {
    return null;
  }
  if (target.origin !== api.origin || target.username || target.password) return null;
  return target;
}

/**
 * Where the "download" link of a big export points. On the API's origin the file needs the
 * bearer token, so the link goes through this site (`/ledger/download?url=…`), which adds it;
 * a pre-signed https link elsewhere (S3) carries its own signature and is used as it is.
 * Anything else (plain http elsewhere, junk) gets no link.
 */
export function downloadHref(url: string, apiUrl: string): string | null {
  const onApi = apiUrlOf(url, apiUrl);
  if (onApi) return `/ledger/download?url=${encodeURIComponent(onApi.href)}`;
  try {
    const u = new URL(url);
    return u.protocol === "https:" && !u.username && !u.password ? u.href : null;
  } catch {
    return null;
  }
}

/** The headers a file answer keeps on its way to the browser. */
export function fileHeaders(upstream: Headers): Headers {
  const out = new Headers();
  for (const name of ["Content-Type", "Content-Disposition", "Content-Length"]) {
    const v = upstream.get(name);
    if (v) out.set(name, v);
  }
  if (!out.has("Content-Type")) out.set("Content-Type", "application/octet-stream");
  if (!out.has("Content-Disposition")) out.set("Content-Disposition", "attachment");
  return out;
}
