import { LEDGER_EXPORT_STATES } from "@lianxin/contract";
import { describe, expect, it } from "vitest";
import { messages } from "../i18n/messages";
import {
  exportPath,
  exportRequest,
  exportStateKey,
  isExpired,
  isExportId,
  isPending,
  readExportStatus,
  readStartedId,
} from "./ledger-export";
import { downloadHref, readLedgerForm } from "./ledger-form";

const now = new Date("2026-11-30T20:00:00Z");
const API = "http://127.0.0.1:3000";

describe("starting a background export", () => {
  it("posts the form's filters, empty ones left out", () => {
    const { form } = readLedgerForm(
      new URLSearchParams(
        "from=2026-01-01&to=2026-01-31&village=&department=d1&status=&format=csv",
      ),
      now,
    );
    expect(exportRequest(form)).toEqual({
      from: "2026-01-01",
      to: "2026-01-31",
      department: "d1",
      format: "csv",
    });
    const all = readLedgerForm(
      new URLSearchParams(
        "from=2026-01-01&to=2026-01-31&village=meijing&department=d1&status=answered&format=xlsx",
      ),
      now,
    ).form;
    expect(exportRequest(all)).toEqual({
      from: "2026-01-01",
      to: "2026-01-31",
      village: "meijing",
      department: "d1",
      status: "answered",
      format: "xlsx",
    });
  });
  it("reads the new export's id, and only a usable one", () => {
    expect(readStartedId({ id: "01JEXPORT-abc_1", state: "queued" })).toBe("01JEXPORT-abc_1");
    expect(readStartedId({ state: "queued" })).toBeNull();
    expect(readStartedId({ id: 42 })).toBeNull();
    expect(readStartedId({ id: "../admin" })).toBeNull();
    expect(readStartedId({ id: "" })).toBeNull();
    expect(readStartedId(null)).toBeNull();
    expect(readStartedId("01J")).toBeNull();
  });
  it("accepts ids that are a path segment of their own", () => {
    expect(isExportId("e_01JABCDEF")).toBe(true);
    expect(isExportId("a:b.c~d-e")).toBe(true);
    for (const bad of ["", ".", "..", "a/b", "a?b", "a b", "a%2Fb", "x".repeat(201), 7, null]) {
      expect(isExportId(bad), String(bad)).toBe(false);
    }
    expect(exportPath("e_01J:x")).toBe("/ledger/exports/e_01J%3Ax");
  });
});

describe("an export's state", () => {
  it("keeps the well-formed fields of a done export", () => {
    expect(
      readExportStatus({
        id: "e1",
        state: "done",
        rows: 4210,
        fileName: "台账.xlsx",
        url: "/api/staff/exports/e1.xlsx?sig=1",
        expiresAt: "2026-12-01T08:00:00Z",
        extra: "ignored",
      }),
    ).toEqual({
      id: "e1",
      state: "done",
      rows: 4210,
      fileName: "台账.xlsx",
      url: "/api/staff/exports/e1.xlsx?sig=1",
      expiresAt: "2026-12-01T08:00:00Z",
    });
  });
  it("drops malformed fields and refuses unknown states", () => {
    expect(
      readExportStatus({ id: "e1", state: "failed", rows: -1, url: 5, error: "区间过长" }),
    ).toEqual({ id: "e1", state: "failed", error: "区间过长" });
    expect(readExportStatus({ id: "e1", state: "running", rows: 1.5, error: " " })).toEqual({
      id: "e1",
      state: "running",
    });
    expect(readExportStatus({ id: "e1", state: "paused" })).toBeNull();
    expect(readExportStatus({ state: "done" })).toBeNull();
    expect(readExportStatus(null)).toBeNull();
    expect(readExportStatus([])).toBeNull();
  });
  it("refreshes while queued or running, and words every state in both languages", () => {
    expect(LEDGER_EXPORT_STATES.filter(isPending)).toEqual(["queued", "running"]);
    expect(LEDGER_EXPORT_STATES.map((s) => messages["zh-CN"][exportStateKey(s)])).toEqual([
      "排队中",
      "生成中",
      "已生成",
      "生成失败",
    ]);
    for (const s of LEDGER_EXPORT_STATES) expect(messages.en[exportStateKey(s)]).toBeTruthy();
    // The button's accessible name, which the browser test uses.
    expect(messages["zh-CN"]["ledger.background"]).toBe("在后台生成");
  });
  it("knows when the link has run out", () => {
    expect(isExpired("2026-11-30T19:59:59Z", now)).toBe(true);
    expect(isExpired("2026-11-30T20:00:00Z", now)).toBe(true);
    expect(isExpired("2026-11-30T20:00:01Z", now)).toBe(false);
    expect(isExpired(undefined, now)).toBe(false);
    expect(isExpired("soon", now)).toBe(false);
  });
  it("routes a local API path through the site, and an S3 link as it is", () => {
    expect(downloadHref("/api/staff/exports/e1.xlsx?exp=1&sig=ab", API)).toBe(
      `/ledger/download?url=${encodeURIComponent(`${API}/api/staff/exports/e1.xlsx?exp=1&sig=ab`)}`,
    );
    const s3 = "https://b.s3.cn-north-1.amazonaws.com.cn/exports/e1.xlsx?X-Amz-Signature=1";
    expect(downloadHref(s3, API)).toBe(s3);
  });
});
