import { describe, expect, it } from "vitest";
import { isStaffId, readResetForm, validateReset } from "./password-reset-form";

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
};

describe("password reset form", () => {
  it("reads the id trimmed and the passwords as typed", () => {
    const v = readResetForm(
      form({
        staffId: " staff-cadre-env ",
        newPassword: " ten chars ",
        repeatPassword: " ten chars ",
      }),
    );
    expect(v).toEqual({
      staffId: "staff-cadre-env",
      newPassword: " ten chars ",
      repeatPassword: " ten chars ",
    });
    expect(validateReset(v)).toEqual({});
  });
  it("needs an id, at least 10 characters and the same password twice", () => {
    expect(validateReset({ staffId: "", newPassword: "short", repeatPassword: "other" })).toEqual({
      staffId: { key: "val.required" },
      newPassword: { key: "password.tooShort" },
      repeatPassword: { key: "password.mismatch" },
    });
    expect(
      validateReset({
        staffId: "a/b",
        newPassword: "x".repeat(201),
        repeatPassword: "x".repeat(201),
      }),
    ).toEqual({
      staffId: { key: "reset.badId" },
      newPassword: { key: "val.tooLong", vars: { max: 200, n: 201 } },
    });
  });
  it("knows a plausible staff id", () => {
    expect(isStaffId("staff-admin")).toBe(true);
    expect(isStaffId("../x")).toBe(false);
    expect(isStaffId("a b")).toBe(false);
  });
});
