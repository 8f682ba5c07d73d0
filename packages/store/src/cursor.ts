import { DomainError } from "@lianxin/core";

/**
 * Page cursors are the last evaluated key, base64url-encoded. A cursor comes back from a
 * client, so it is checked before DynamoDB sees it: exactly the key attributes of the query
 * (the table's, and the index's when it reads one), only strings, the same partition as the
 * query and a sort key within the query's condition (anything else is a 400, never a 5xx).
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

/**
 * The sort key condition of the query a cursor continues. DynamoDB refuses a start key whose
 * sort key falls outside it ("The provided starting key does not match the range key
 * predicate", a ValidationException): such a cursor is the client's mistake, not ours.
 */
export type SortKeyRange = { name: string } & ({ prefix: string } | { from: string; to: string });

/** DynamoDB orders strings by their UTF-8 bytes (not JavaScript's UTF-16 units). */
const compareBytes = (a: string, b: string) =>
  Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

function withinRange(value: unknown, range: SortKeyRange): boolean {
  if (typeof value !== "string") return false;
  if ("prefix" in range) return value.startsWith(range.prefix);
  return compareBytes(value, range.from) >= 0 && compareBytes(value, range.to) <= 0;
}

export function decodeCursor(
  cursor: string | undefined,
  partition: Record<string, string>,
  sortKey?: SortKeyRange,
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
    sameKeys(Object.keys(value), expectedKeys(partition)) &&
    (sortKey === undefined ||
      withinRange((value as Record<string, unknown>)[sortKey.name], sortKey));
  if (!valid) {
    throw new DomainError("validation_failed", {
      fields: {
        cursor: { kind: "invalid", message: { "zh-CN": "翻页参数无效", en: "Invalid cursor" } },
      },
    });
  }
  return value as Record<string, string>;
}
