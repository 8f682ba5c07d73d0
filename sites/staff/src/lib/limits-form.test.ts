import { describe, expect, it } from "vitest";
import {
  LIMIT_MAX,
  limitKey,
  limitsApiErrors,
  limitsValues,
  readLimitsForm,
  validateLimits,
} from "./limits-form";

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
};
const good = {
  signForAmount: "2",
  signForUnit: "hours",
  respondAmount: " 1 ",
  respondUnit: "working_days",
  answerAmount: "１５",
  answerUnit: "days",
};

describe("limits form", () => {
  it("reads the three limits and builds the PATCH body", () => {
    const values = readLimitsForm(form(good));
    expect(values).toEqual({
      signFor: { amount: "2", unit: "hours" },
      respond: { amount: "1", unit: "working_days" },
      answer: { amount: "15", unit: "days" },
    });
    expect(validateLimits(values)).toEqual({
      ok: true,
      limits: {
        signFor: { amount: 2, unit: "hours" },
        respond: { amount: 1, unit: "working_days" },
        answer: { amount: 15, unit: "days" },
      },
    });
  });
  it("needs a whole number in range for the unit, and a known unit", () => {
    const v = validateLimits(
      readLimitsForm(
        form({
          ...good,
          signForAmount: "0",
          respondAmount: "",
          answerAmount: "1.5",
        }),
      ),
    );
    expect(v).toEqual({
      ok: false,
      problems: {
        signFor: { key: "val.integerRange", vars: { min: 1, max: LIMIT_MAX.hours } },
        respond: { key: "val.required" },
        answer: { key: "val.integerRange", vars: { min: 1, max: LIMIT_MAX.days } },
      },
    });
    expect(
      validateLimits(readLimitsForm(form({ ...good, answerUnit: "weeks", signForAmount: "721" }))),
    ).toEqual({
      ok: false,
      problems: {
        signFor: { key: "val.integerRange", vars: { min: 1, max: 720 } },
        answer: { key: "val.choose" },
      },
    });
    expect(validateLimits(readLimitsForm(form({ ...good, signForAmount: "-2" }))).ok).toBe(false);
    expect(validateLimits(readLimitsForm(form({ ...good, signForAmount: "2e1" }))).ok).toBe(false);
    expect(validateLimits(readLimitsForm(form({}))).ok).toBe(false);
  });
  it("fills the form from stored limits, blank where unreadable", () => {
    expect(
      limitsValues({
        signFor: { amount: 2, unit: "hours" },
        respond: { amount: 1, unit: "working_days" },
        answer: { amount: 7, unit: "days" },
      }),
    ).toEqual({
      signFor: { amount: "2", unit: "hours" },
      respond: { amount: "1", unit: "working_days" },
      answer: { amount: "7", unit: "days" },
    });
    expect(limitsValues(undefined).answer).toEqual({ amount: "", unit: "" });
  });
  it("ties the API's field errors to the limits", () => {
    expect(
      limitsApiErrors({
        code: "validation_failed",
        message: "",
        fields: {
          "limits.signFor.amount": "必须是正整数",
          "limits.answer.unit": "无效的选项",
          limits: "缺少字段",
        },
      }),
    ).toEqual({
      fieldErrors: { signFor: "必须是正整数", answer: "无效的选项" },
      loose: ["缺少字段"],
    });
  });
  it("chooses the singular or plural message", () => {
    expect(limitKey({ amount: 1, unit: "working_days" })).toBe("limit.working_days.one");
    expect(limitKey({ amount: 2, unit: "hours" })).toBe("limit.hours.other");
  });
});
