import { describe, expect, it } from "vitest";
import { ledgerNoOfLinkToken } from "./link-token";

describe("ledgerNoOfLinkToken", () => {
  it("reads the ledger number of a well-shaped token", () => {
    expect(ledgerNoOfLinkToken("rate.LS-2026-000123.tmb0qz8.abcdefghij_-KLMN")).toBe(
      "LS-2026-000123",
    );
    expect(ledgerNoOfLinkToken("track.LS-2026-000001.1.0123456789abcdef")).toBe("LS-2026-000001");
  });
  it("refuses anything else", () => {
    for (const bad of [
      "",
      "track",
      "track.LS-2026-000123.tmb0qz8",
      "track.ls-2026-000123.tmb0qz8.abcdefghijklmnop",
      "track.LS-2026-123.tmb0qz8.abcdefghijklmnop",
      "track.LS-2026-000123.tmb0qz8.abcdefghijklmno",
      "track.LS-2026-000123.tmb0qz8.abcdefghijklmnop.x",
      "track.LS-2026-000123.TMB0.abcdefghijklmnop",
      "track.LS-2026-000123.tmb0qz8.abcdefghijklmn%2F",
      "Track.LS-2026-000123.tmb0qz8.abcdefghijklmnop",
      `track.LS-2026-000123.${"1".repeat(11)}.abcdefghijklmnop`,
      "track.LS-2026-000123.tmb0qz8.abcdefghijklmnop\n",
    ]) {
      expect(ledgerNoOfLinkToken(bad), bad).toBeNull();
    }
  });
});
