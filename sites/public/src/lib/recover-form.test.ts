import { describe, expect, it } from "vitest";
import { checkRecoverInput, normaliseOneTimeCode, readRecoverForm } from "./recover-form";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("the recovery form", () => {
  it("reads the intent and keeps the values as typed", () => {
    expect(
      readRecoverForm(form({ intent: "verify", ledgerNo: "ls-2026-1", code: " 12 " })),
    ).toEqual({ intent: "verify", values: { ledgerNo: "ls-2026-1", phone: "", code: " 12 " } });
    expect(readRecoverForm(form({ intent: "other" })).intent).toBe("request");
  });
  it("needs the number and phone for a code, and the code to verify", () => {
    expect(
      checkRecoverInput("request", {
        ledgerNo: "ls 2026 000123",
        phone: "139 1234 5678",
        code: "",
      }),
    ).toEqual({ ok: true, ledgerNo: "LS-2026-000123", phone: "139 1234 5678", code: "" });
    expect(checkRecoverInput("request", { ledgerNo: "", phone: "12", code: "" })).toEqual({
      ok: false,
      problems: { ledgerNo: { key: "val.ledgerNoRequired" }, phone: { key: "val.mobileInvalid" } },
    });
    expect(
      checkRecoverInput("verify", { ledgerNo: "LS-2026-000123", phone: "13912345678", code: "" }),
    ).toEqual({ ok: false, problems: { code: { key: "val.codeRequired" } } });
    expect(
      checkRecoverInput("verify", {
        ledgerNo: "LS-2026-000123",
        phone: "13912345678",
        code: "１２３ ４５６",
      }),
    ).toMatchObject({ ok: true, code: "123456" });
  });
  it("takes six digits, full-width or spaced, as the code", () => {
    expect(normaliseOneTimeCode("12345")).toBeNull();
    expect(normaliseOneTimeCode("12345a")).toBeNull();
    expect(normaliseOneTimeCode(" 654 321 ")).toBe("654321");
  });
});
