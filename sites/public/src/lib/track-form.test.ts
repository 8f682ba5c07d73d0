import { describe, expect, it } from "vitest";
import { readTrackInput } from "./track-form";

describe("readTrackInput", () => {
  it("normalises both values", () => {
    expect(readTrackInput(" ls-2026-000123 ", "7kq2-m9x4-pa")).toEqual({
      ok: true,
      ledgerNo: "LS-2026-000123",
      accessCode: "7KQ2M9X4PA",
    });
  });
  it("says which field is missing or malformed", () => {
    expect(readTrackInput("", "")).toEqual({
      ok: false,
      problems: {
        ledgerNo: { key: "val.ledgerNoRequired" },
        accessCode: { key: "val.accessCodeRequired" },
      },
    });
    expect(readTrackInput("123", "7KQ2M9X4PA")).toEqual({
      ok: false,
      problems: { ledgerNo: { key: "val.ledgerNoInvalid" } },
    });
    expect(readTrackInput("LS-2026-000123", "short")).toEqual({
      ok: false,
      problems: { accessCode: { key: "val.accessCodeInvalid" } },
    });
  });
});
