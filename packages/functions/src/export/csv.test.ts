import { describe, expect, it } from "vitest";
import { csvField, csvRecord } from "./csv.js";

describe("CSV fields", () => {
  it("quotes as RFC 4180: quotes doubled, commas and line breaks enclosed", () => {
    expect(csvField("plain 文本")).toBe("plain 文本");
    expect(csvField('说"好"的')).toBe('"说""好""的"');
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvRecord(["a", 1, null])).toBe("a,1,\r\n");
  });

  it("keeps formulas as text with a leading apostrophe", () => {
    for (const start of ["=", "+", "-", "@", "\t"]) {
      expect(csvField(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`);
    }
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField("a=b")).toBe("a=b");
    expect(csvField(-3)).toBe("-3"); // numbers are the writer's own, never guarded
  });

  it("writes dates as YYYY-MM-DD", () => {
    expect(csvField(new Date("2026-03-10T00:00:00Z"))).toBe("2026-03-10");
  });
});
