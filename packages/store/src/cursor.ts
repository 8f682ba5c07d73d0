import { DomainError } from "@lianxin/core";

/**
 * Page cursors are the last evaluated key, base64url-encoded. A cursor comes back from a
 * client, so it is checked before DynamoDB sees it: only key attributes, only strings, and
 * the same partition as the query (anything else is a 400, never a 5xx).
 */
const KEY_ATTRIBUTE = /^(pk|sk|gsi[1-9]pk|gsi[1-9]sk)$/;

export const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString("base64url") : null;

export function decodeCursor(
  cursor: string | undefined,
  partition: Record<string, string>,
): Record<string, string> | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = null;
  }
  const valid =
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    Object.entries(value).every(
      ([k, v]) => KEY_ATTRIBUTE.test(k) && typeof v === "string" && v.length > 0 && v.length < 1024,
    ) &&
    Object.entries(partition).every(([k, v]) => (value as Record<string, unknown>)[k] === v);
  if (!valid) {
    throw new DomainError("validation_failed", {
      fields: {
        cursor: { kind: "invalid", message: { "zh-CN": "翻页参数无效", en: "Invalid cursor" } },
      },
    });
  }
  return value as Record<string, string>;
}
