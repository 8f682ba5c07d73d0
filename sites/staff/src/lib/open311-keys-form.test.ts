import { describe, expect, it } from "vitest";
import { isKeyId, keyHint, readKeyForm, validateIssue, validateRevoke } from "./open311-keys-form";

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
};

describe("Open311 key forms", () => {
  it("reads an issue form, the label trimmed", () => {
    const v = readKeyForm(form({ op: "issue", label: "  市12345平台 " }));
    expect(v).toEqual({ op: "issue", label: "市12345平台" });
    expect(v?.op === "issue" && validateIssue(v)).toEqual({});
  });

  it("reads a revoke form; anything else is not a form of this page", () => {
    const id = "0b6f7c1e-2a4d-4c3b-9f5e-8d7a6b5c4d3e";
    expect(
      readKeyForm(form({ op: "revoke", id, label: "市12345平台", reason: " 合同到期 " })),
    ).toEqual({ op: "revoke", id, label: "市12345平台", reason: "合同到期" });
    expect(readKeyForm(form({ op: "delete", id }))).toBeNull();
    expect(readKeyForm(form({}))).toBeNull();
  });

  it("needs a client name of at most 60 characters", () => {
    expect(validateIssue({ label: "" })).toEqual({ label: { key: "val.required" } });
    expect(validateIssue({ label: "平".repeat(60) })).toEqual({});
    expect(validateIssue({ label: "平".repeat(61) })).toEqual({
      label: { key: "val.tooLong", vars: { max: 60, n: 61 } },
    });
  });

  it("needs a key id and a reason of 2–500 characters to revoke", () => {
    const id = "0b6f7c1e-2a4d-4c3b-9f5e-8d7a6b5c4d3e";
    expect(validateRevoke({ id, reason: "合同到期" })).toEqual({});
    expect(validateRevoke({ id, reason: "" })).toEqual({ reason: { key: "val.required" } });
    expect(validateRevoke({ id, reason: "停" })).toEqual({
      reason: { key: "val.tooShort", vars: { min: 2, n: 1 } },
    });
    expect(validateRevoke({ id: "../x", reason: "x".repeat(501) })).toEqual({
      id: { key: "o311.notFound" },
      reason: { key: "val.tooLong", vars: { max: 500, n: 501 } },
    });
  });

  it("knows a plausible key id and shows a key by its prefix only", () => {
    expect(isKeyId("0b6f7c1e-2a4d-4c3b-9f5e-8d7a6b5c4d3e")).toBe(true);
    expect(isKeyId("a b")).toBe(false);
    expect(isKeyId("")).toBe(false);
    expect(keyHint("k3m9qz")).toBe("lx311_k3m9qz…");
  });
});
