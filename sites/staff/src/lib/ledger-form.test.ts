import type { ApiErrorBody } from "@lianxin/contract";
import type { ApiFailure } from "@lianxin/site-kit/api-result";
import { describe, expect, it } from "vitest";
import {
  apiUrlOf,
  defaultLedgerForm,
  downloadHref,
  fileHeaders,
  isDate,
  isSubmitted,
  ledgerFailure,
  ledgerQuery,
  paramsOf,
  readLedgerForm,
} from "./ledger-form";

const now = new Date("2026-11-30T20:00:00Z"); // 1 December in Shanghai
const q = (s: string) => new URLSearchParams(s);
const API = "http://127.0.0.1:3000";

describe("the export form", () => {
  it("defaults to this month so far, Excel", () => {
    expect(defaultLedgerForm(now)).toMatchObject({
      from: "2026-12-01",
      to: "2026-12-01",
      format: "xlsx",
    });
    expect(isSubmitted(q(""))).toBe(false);
    expect(isSubmitted(q("format=csv"))).toBe(true);
  });
  it("checks dates", () => {
    expect(isDate("2026-02-28")).toBe(true);
    expect(isDate("2026-02-30")).toBe(false);
    expect(readLedgerForm(q("format=xlsx"), now).problems).toEqual({
      from: "required",
      to: "required",
    });
    expect(readLedgerForm(q("from=2026-13-01&to=2026-01-01&format=xlsx"), now).problems).toEqual({
      from: "badDate",
    });
    expect(readLedgerForm(q("from=2026-05-01&to=2026-01-01&format=xlsx"), now).problems).toEqual({
      to: "reversed",
    });
  });
  it("refuses unknown status, format and malformed ids", () => {
    const { problems } = readLedgerForm(
      q("from=2026-01-01&to=2026-01-31&status=done&format=pdf&village=<x>"),
      now,
    );
    expect(problems).toEqual({ status: "badValue", format: "badValue", village: "badValue" });
  });
  it("builds the API query without empty filters", () => {
    const { form, problems } = readLedgerForm(
      q("from=2026-01-01&to=2026-01-31&village=meijing&department=&status=answered&format=csv"),
      now,
    );
    expect(problems).toEqual({});
    expect(ledgerQuery(form)).toEqual({
      from: "2026-01-01",
      to: "2026-01-31",
      village: "meijing",
      department: undefined,
      status: "answered",
      format: "csv",
    });
  });
});

describe("download links", () => {
  it("proxies links on the API's origin, relative ones too", () => {
    expect(apiUrlOf("/api/staff/ledger/files/a.xlsx", API)?.href).toBe(
      "http://127.0.0.1:3000/api/staff/ledger/files/a.xlsx",
    );
    expect(downloadHref("http://127.0.0.1:3000/api/staff/ledger/files/a.xlsx?t=1", API)).toBe(
      `/ledger/download?url=${encodeURIComponent("http://127.0.0.1:3000/api/staff/ledger/files/a.xlsx?t=1")}`,
    );
  });
  it("never sends the token elsewhere", () => {
    expect(apiUrlOf("http://127.0.0.1:3001/x", API)).toBeNull();
    expect(apiUrlOf("https://127.0.0.1:3000/x", API)).toBeNull();
    expect(apiUrlOf("http://evil.example/x", API)).toBeNull();
    expect(apiUrlOf("//evil.example/x", API)).toBeNull();
    expect(apiUrlOf("http://user:pw@127.0.0.1:3000/x", API)).toBeNull();
  });
  it("links pre-signed https files directly, and drops anything else", () => {
    const s3 = "https://bucket.s3.amazonaws.com/ledger.xlsx?X-Amz-Signature=abc";
    expect(downloadHref(s3, API)).toBe(s3);
    expect(downloadHref("http://evil.example/x", API)).toBeNull();
    expect(downloadHref("javascript:alert(1)", API)).toBeNull();
  });
  it("keeps only the file's type, name and length", () => {
    const h = fileHeaders(
      new Headers({
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="ledger.csv"',
        "Set-Cookie": "x=1",
      }),
    );
    expect([...h.keys()].sort()).toEqual(["content-disposition", "content-type"]);
    expect(fileHeaders(new Headers()).get("Content-Disposition")).toBe("attachment");
  });
});

describe("the posted form (在后台生成)", () => {
  it("reads the posted fields like the query's", () => {
    const body = new FormData();
    body.append("from", "2026-01-01");
    body.append("to", "2026-01-31");
    body.append("format", "csv");
    body.append("file", new Blob(["x"]), "x.txt");
    expect(paramsOf(body).toString()).toBe("from=2026-01-01&to=2026-01-31&format=csv");
    expect(readLedgerForm(paramsOf(body), now).problems).toEqual({});
    expect(paramsOf(null).toString()).toBe("");
  });
});

describe("the API's refusals", () => {
  const http = (status: number, error: ApiErrorBody | null = null): ApiFailure => ({
    ok: false,
    kind: "http",
    status,
    error,
    retryAfter: null,
  });
  it("puts field errors beside the fields and the rest in the summary", () => {
    expect(
      ledgerFailure(
        http(400, {
          code: "validation_failed",
          message: "bad",
          fields: { "query.to": "too far", other: "no such filter" },
        }),
      ),
    ).toEqual({
      failure: "invalid",
      fieldErrors: { to: "too far" },
      loose: ["no such filter"],
      status: 400,
    });
  });
  it("shows the message of a 4xx without fields", () => {
    expect(ledgerFailure(http(422, { code: "range_too_long", message: "最多一年" }))).toEqual({
      failure: "invalid",
      fieldErrors: {},
      loose: ["最多一年"],
      status: 400,
    });
    expect(ledgerFailure(http(400)).loose).toEqual([]);
  });
  it("maps scope, limits and outages to the page's status", () => {
    expect(ledgerFailure(http(403, { code: "forbidden", message: "" }))).toMatchObject({
      failure: "forbidden",
      status: 403,
    });
    expect(ledgerFailure(http(429)).status).toBe(429);
    expect(ledgerFailure(http(502)).status).toBe(503);
    expect(ledgerFailure({ ok: false, kind: "network", reason: "timeout" })).toMatchObject({
      failure: "unavailable",
      status: 503,
    });
  });
});
