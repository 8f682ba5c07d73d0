import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { cleanText, textProblem } from "./hygiene.js";

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
});
