import { DomainError } from "@lianxin/core";

/**
 * Page cursors are the last evaluated key, base64url-encoded. A cursor comes back from a
 * client, so it is checked before DynamoDB sees it: exactly the key attributes of the query
 * (the table's, and the index's when it reads one), only strings, and the same partition as
 * the query (anything else is a 400, never a 5xx).
 */
const KEY_ATTRIBUTE = /^(pk|sk|gsi[1-9]pk|gsi[1-9]sk)$/;

/**
 * The attributes a LastEvaluatedKey of this query holds: the table's key, and for an index
 * its own partition and sort key (every index here has both). A cursor with any other set
 * would reach DynamoDB as a ValidationException, a 5xx of ours for a client's input.
 */
function expectedKeys(partition: Record<string, string>): string[] {
  const keys = new Set(["pk", "sk"]);
  for (const name of Object.keys(partition)) {
    keys.add(name);
    keys.add(name.replace(/pk$/, "sk"));
  }
  return [...keys];
}

const sameKeys = (a: string[], b: string[]) =>
  a.length === b.length && b.every((k) => a.includes(k));

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
    Object.entries(partition).every(([k, v]) => (value as Record<string, unknown>)[k] === v) &&
    sameKeys(Object.keys(value), expectedKeys(partition));
  if (!valid) {
    throw new DomainError("validation_failed", {
      fields: {
        cursor: { kind: "invalid", message: { "zh-CN": "翻页参数无效", en: "Invalid cursor" } },
      },
    });
  }
  return value as Record<string, string>;
}
