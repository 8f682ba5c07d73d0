import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import {
  hashOpen311ApiKey,
  isOpen311ApiKeyFormat,
  issueOpen311ApiKey,
  Open311ApiKeyRecord,
  Open311KeyIssue,
  Open311KeyRevoke,
  open311ApiKeyFromBytes,
  open311KeyPrefix,
  revokeOpen311ApiKey,
  toOpen311KeyView,
} from "./api-key.js";

const bytes = (f: (i: number) => number) => Uint8Array.from({ length: 32 }, (_, i) => f(i));
const admin = { id: "staff-admin", name: "党政办" };

describe("Open311 api keys", () => {
  it("are lx311_ and 32 lower-case Crockford base32 characters, from the injected bytes", () => {
    const key = open311ApiKeyFromBytes(bytes((i) => i));
    expect(key).toBe("lx311_0123456789abcdefghjkmnpqrstvwxyz");
    expect(key).toHaveLength(38);
    expect(isOpen311ApiKeyFormat(key)).toBe(true);
    // Only the low five bits count: 32 symbols, 256 byte values, no bias.
    expect(open311ApiKeyFromBytes(bytes((i) => i + 32))).toBe(key);
    expect(open311ApiKeyFromBytes(bytes(() => 255))).toBe(`lx311_${"z".repeat(32)}`);
    expect(() => open311ApiKeyFromBytes(new Uint8Array(31))).toThrow(RangeError);
  });

  it("tells a key's shape from anything else", () => {
    for (const bad of [
      "",
      "lx311_",
      `lx311_${"a".repeat(31)}`,
      `lx311_${"a".repeat(33)}`,
      `LX311_${"a".repeat(32)}`,
      `lx311_${"A".repeat(32)}`,
      `lx311_${"i".repeat(32)}`,
      `lx312_${"a".repeat(32)}`,
      ` lx311_${"a".repeat(32)}`,
    ]) {
      expect(isOpen311ApiKeyFormat(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it("is stored as its SHA-256 hex and a six-character prefix, never the secret", () => {
    const { record, secret } = issueOpen311ApiKey({
      id: "k1",
      label: "市12345平台",
      at: "2026-12-01T02:00:00.000Z",
      actor: admin,
      randomBytes: bytes((i) => i * 7),
    });
    expect(isOpen311ApiKeyFormat(secret)).toBe(true);
    expect(record.hash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(record.hash).toBe(hashOpen311ApiKey(secret));
    expect(record.prefix).toBe(open311KeyPrefix(secret));
    expect(secret.startsWith(`lx311_${record.prefix}`)).toBe(true);
    expect(record.prefix).toHaveLength(6);
    expect(JSON.stringify(record)).not.toContain(secret.slice(6));
    expect(Open311ApiKeyRecord.parse(record)).toEqual(record);
    // Different randomness, different key.
    const other = issueOpen311ApiKey({
      id: "k2",
      label: "x",
      at: record.createdAt,
      actor: admin,
      randomBytes: bytes((i) => i * 7 + 1),
    });
    expect(other.secret).not.toBe(secret);
    expect(other.record.hash).not.toBe(record.hash);
  });

  it("revokes once, keeping the record; the view never has the hash", () => {
    const { record } = issueOpen311ApiKey({
      id: "k1",
      label: "市12345平台",
      at: "2026-12-01T02:00:00.000Z",
      actor: admin,
      randomBytes: bytes((i) => i),
    });
    const view = toOpen311KeyView(record);
    expect(view).toEqual({
      id: "k1",
      label: "市12345平台",
      prefix: "012345",
      createdAt: "2026-12-01T02:00:00.000Z",
      createdBy: admin,
      revokedAt: null,
      revokedBy: null,
      revokeReason: null,
    });
    expect(JSON.stringify(view)).not.toContain(record.hash);
    const revoked = revokeOpen311ApiKey(record, {
      at: "2026-12-02T02:00:00.000Z",
      actor: admin,
      reason: "合同到期",
    });
    expect(revoked).toMatchObject({
      hash: record.hash,
      revokedAt: "2026-12-02T02:00:00.000Z",
      revokedBy: admin,
      revokeReason: "合同到期",
    });
    expect(() =>
      revokeOpen311ApiKey(revoked, {
        at: "2026-12-03T00:00:00.000Z",
        actor: admin,
        reason: "再次",
      }),
    ).toThrow(DomainError);
  });

  it("checks the admin's requests", () => {
    expect(Open311KeyIssue.parse({ label: "  市12345平台 " })).toEqual({ label: "市12345平台" });
    expect(Open311KeyIssue.safeParse({ label: " " }).success).toBe(false);
    expect(Open311KeyIssue.safeParse({ label: "x".repeat(61) }).success).toBe(false);
    expect(Open311KeyIssue.safeParse({ label: "x", hash: "y" }).success).toBe(false);
    expect(Open311KeyRevoke.safeParse({ reason: "合同到期" }).success).toBe(true);
    expect(Open311KeyRevoke.safeParse({ reason: "" }).success).toBe(false);
    expect(Open311KeyRevoke.safeParse({}).success).toBe(false);
  });
});
