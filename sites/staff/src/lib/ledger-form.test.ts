import { describe, expect, it } from "vitest";
import {
  apiUrlOf,
  defaultLedgerForm,
  downloadHref,
  fileHeaders,
  isDate,
  isSubmitted,
  ledgerQuery,
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
