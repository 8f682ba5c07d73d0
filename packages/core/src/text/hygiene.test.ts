import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import {
  cleanText,
  freeText,
  isBlankText,
  optionalFreeText,
  plainText,
  textProblem,
  visibleLength,
} from "./hygiene.js";

describe("text hygiene", () => {
  it("keeps ordinary text, tabs and line breaks (forms send CRLF)", () => {
    for (const ok of ["倪巷浜河水发臭", "第一行\r\n第二行\t完", "emoji 🙂 ok", "林 安全"]) {
      expect(textProblem(ok)).toBeNull();
    }
  });

  it("refuses control characters, bidi overrides and lone surrogates", () => {
    expect(textProblem("\u0000".repeat(11))).toBe("control");
    expect(textProblem("abc\u001Bdef")).toBe("control");
    expect(textProblem("name\u202Etxt.exe")).toBe("bidi");
    expect(textProblem("\u2066x\u2069")).toBe("bidi");
    expect(textProblem("half \uD83D")).toBe("surrogate");
    expect(textProblem("\uDE42 half")).toBe("surrogate");
  });

  it("is a schema check that carries its words in both languages", () => {
    const schema = z.string().check(cleanText());
    expect(schema.safeParse("fine").success).toBe(true);
    const refused = schema.safeParse("bad\u202E");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.code).toBe("custom");
    expect(
      (refused.error?.issues[0] as { params?: { words?: { en?: string } } })?.params?.words?.en,
    ).toMatch(/control/);
  });

  it("counts a text of only white space and invisible format characters as empty", () => {
    for (const blank of [
      "",
      "   ",
      "\u200B".repeat(20),
      "\uFEFF",
      "\u2060\u2060",
      "\u3000\u200D\n\t",
    ]) {
      expect(isBlankText(blank)).toBe(true);
    }
    expect(visibleLength("\u200B倪巷浜\u200B")).toBe(3);
    expect(visibleLength("  路灯坏了 请修理\u2060 ")).toBe(8);
    expect(isBlankText("\u200Ba")).toBe(false);
  });

  it("refuses a blank required field with the too-short words, not the hygiene ones", () => {
    const required = freeText(50);
    for (const blank of ["\u200B".repeat(20), "\uFEFF", "\u2060 \u2060"]) {
      const refused = required.safeParse(blank);
      expect(refused.success).toBe(false);
      expect(refused.error?.issues[0]).toMatchObject({ code: "too_small", minimum: 1 });
    }
    const tenAtLeast = freeText(4000, 10);
    expect(tenAtLeast.safeParse(`${"\u200B".repeat(30)}河水发臭`).error?.issues[0]).toMatchObject({
      code: "too_small",
      minimum: 10,
    });
    expect(tenAtLeast.safeParse("倪巷浜河水发臭，气味很大").success).toBe(true);
    expect(required.safeParse("  林安全  ").data).toBe("林安全");
    expect(required.safeParse("林\u202E安全").error?.issues[0]?.code).toBe("custom");
  });

  it("takes an optional field that shows nothing as absent, and keeps notes empty", () => {
    const optional = optionalFreeText(50);
    expect(optional.safeParse("\u200B\u200B").data).toBeUndefined();
    expect(optional.safeParse(" 倪巷组 ").data).toBe("倪巷组");
    expect(optional.safeParse("a\u0000").success).toBe(false);
    const notes = plainText(100);
    expect(notes.safeParse("\u2060\u200B").data).toBe("");
    expect(notes.safeParse("").data).toBe("");
    expect(notes.safeParse("x\u202Dy").success).toBe(false);
  });
});
