import { describe, expect, it } from "vitest";
import { t } from "../i18n/messages";
import { isOutcome, isRating, OUTCOMES, outcomeKey, RATINGS, ratingKey } from "./outcome";

describe("outcomes and ratings", () => {
  it("recognises only the enum values", () => {
    expect(OUTCOMES.every(isOutcome)).toBe(true);
    expect(RATINGS.every(isRating)).toBe(true);
    for (const bad of ["", "Resolved", "solved", null, 1, "satisfied "]) {
      expect(isOutcome(bad)).toBe(false);
      expect(isRating(bad)).toBe(false);
    }
  });
  it("labels outcomes in both languages, with a fallback", () => {
    expect(OUTCOMES.map((o) => t("zh-CN", outcomeKey(o)))).toEqual([
      "解决到位",
      "解释到位",
      "帮扶到位",
    ]);
    expect(OUTCOMES.map((o) => t("en", outcomeKey(o)))).toEqual([
      "Resolved",
      "Explained",
      "Assisted",
    ]);
    expect(outcomeKey("something_new")).toBe("outcome.unknown");
  });
  it("labels ratings exactly as the rating form shows them", () => {
    expect(RATINGS.map((r) => t("zh-CN", ratingKey(r)))).toEqual(["满意", "基本满意", "不满意"]);
    expect(RATINGS.map((r) => t("en", ratingKey(r)))).toEqual([
      "Satisfied",
      "Basically satisfied",
      "Dissatisfied",
    ]);
    expect(ratingKey(undefined)).toBe("rating.unknown");
  });
});
