import { describe, expect, it } from "vitest";
import { checkMineInput, looksLikeMobile, readMineForm } from "./mine-form";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("the 我的诉求 sign-in form", () => {
  it("reads the intent and keeps the values as typed", () => {
    expect(readMineForm(form({ intent: "verify", phone: " 138 0013 8000", code: " 12 " }))).toEqual(
      { intent: "verify", values: { phone: " 138 0013 8000", code: " 12 " } },
    );
    expect(readMineForm(form({ intent: "signout" })).intent).toBe("signout");
    expect(readMineForm(form({ intent: "other" }))).toEqual({
      intent: "send",
      values: { phone: "", code: "" },
    });
    expect(readMineForm(form({ phone: "1".repeat(100) })).values.phone).toHaveLength(40);
  });
  it("needs a mobile to send a code", () => {
    expect(checkMineInput("send", { phone: " 138-0013-8000 ", code: "" })).toEqual({
      ok: true,
      phone: "138-0013-8000",
      code: "",
    });
    expect(checkMineInput("send", { phone: "  ", code: "" })).toEqual({
      ok: false,
      problems: { phone: { key: "val.phoneRequired" } },
    });
    expect(checkMineInput("send", { phone: "0510-83312345", code: "" })).toEqual({
      ok: false,
      problems: { phone: { key: "mine.mobileInvalid" } },
    });
    expect(checkMineInput("send", { phone: "12", code: "" })).toEqual({
      ok: false,
      problems: { phone: { key: "mine.mobileInvalid" } },
    });
  });
  it("needs the code as well to sign in", () => {
    expect(checkMineInput("verify", { phone: "13912345678", code: "" })).toEqual({
      ok: false,
      problems: { code: { key: "val.codeRequired" } },
    });
    expect(checkMineInput("verify", { phone: "13912345678", code: "12345" })).toEqual({
      ok: false,
      problems: { code: { key: "val.codeInvalid" } },
    });
    expect(checkMineInput("verify", { phone: "", code: "１２３ ４５６" })).toEqual({
      ok: false,
      problems: { phone: { key: "val.phoneRequired" } },
    });
    expect(checkMineInput("verify", { phone: "13912345678", code: "１２３ ４５６" })).toEqual({
      ok: true,
      phone: "13912345678",
      code: "123456",
    });
  });
  it("takes mainland mobiles however they are written", () => {
    for (const ok of [
      "13800138000",
      "+86 138 0013 8000",
      "8613800138000",
      "１３８００１３８０００",
    ]) {
      expect(looksLikeMobile(ok), ok).toBe(true);
    }
    for (const no of ["12800138000", "1380013800", "0510-83312345", "138001380001", ""]) {
      expect(looksLikeMobile(no), no).toBe(false);
    }
  });
});
