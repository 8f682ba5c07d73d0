import { describe, expect, it } from "vitest";
import { signLinkToken, verifyLinkToken } from "./link-token.js";

const key = "test-link-key";
const now = new Date("2026-12-07T02:00:00Z");
const expiresAt = new Date("2026-12-14T02:00:00Z");
const token = signLinkToken({ purpose: "rate", ledgerNo: "LS-2026-000123", expiresAt }, key);

describe("link tokens", () => {
  it("are short, URL-safe and carry no access code", () => {
    expect(token).toMatch(/^rate\.LS-2026-000123\.[0-9a-z]+\.[A-Za-z0-9_-]{16}$/);
    expect(token.length).toBeLessThanOrEqual(45);
  });

  it("are accepted for their purpose until they expire", () => {
    expect(verifyLinkToken(token, ["rate"], now, key)).toEqual({
      ok: true,
      ledgerNo: "LS-2026-000123",
      purpose: "rate",
      expiresAt,
    });
    // A rating link also opens the tracking view; a tracking link never rates.
    expect(verifyLinkToken(token, ["track", "rate"], now, key).ok).toBe(true);
    const track = signLinkToken({ purpose: "track", ledgerNo: "LS-2026-000123", expiresAt }, key);
    expect(verifyLinkToken(track, ["rate"], now, key)).toEqual({
      ok: false,
      reason: "wrong_purpose",
    });
    expect(verifyLinkToken(token, ["rate"], expiresAt, key)).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("refuse anything altered or signed with another key", () => {
    const [purpose, ledgerNo, expiry, sig] = token.split(".") as [string, string, string, string];
    const refused = (t: string) => verifyLinkToken(t, ["track", "rate"], now, key);
    expect(refused(`${purpose}.LS-2026-000124.${expiry}.${sig}`)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(
      refused(`${purpose}.${ledgerNo}.${(Number.parseInt(expiry, 36) + 1).toString(36)}.${sig}`),
    ).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(refused(`track.${ledgerNo}.${expiry}.${sig}`)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(verifyLinkToken(token, ["rate"], now, "another-key")).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    for (const bad of [
      "",
      "rate",
      `${purpose}.${ledgerNo.toLowerCase()}.${expiry}.${sig}`,
      `admin.${ledgerNo}.${expiry}.${sig}`,
      `${token}.x`,
      `${purpose}.${ledgerNo}.${expiry}.${sig.slice(1)}`,
    ]) {
      expect(refused(bad)).toEqual({ ok: false, reason: "malformed" });
    }
  });
});
