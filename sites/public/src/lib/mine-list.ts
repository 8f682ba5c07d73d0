// 我的诉求's list (/mine): the API's answer checked for shape and made into the page's rows.
// Pure.
import type { ResponseOf } from "@lianxin/contract";
import { normaliseLedgerNo } from "./codes";

export type MyConcerns = ResponseOf<"GET /api/resident/concerns">;
export type MyConcernItem = MyConcerns["items"][number];

/** One row of the list, as the page shows it. */
export interface MineRow {
  ledgerNo: string;
  /** The concern's title, else its category's name; null when neither is known. */
  label: string | null;
  status: string;
  createdAt: string;
  awaitingRating: boolean;
  mergedInto: string | null;
  /** `/mine/<ledgerNo>`: the concern's page, opened with the session. */
  href: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** The answer, or null when it is not shaped like the contract's (the page says unavailable). */
export function readMyConcerns(data: unknown): MyConcerns | null {
  if (!isObject(data) || !Array.isArray(data.items) || typeof data.expiresAt !== "string") {
    return null;
  }
  const items = data.items.filter(
    (i): i is MyConcernItem =>
      isObject(i) &&
      typeof i.ledgerNo === "string" &&
      normaliseLedgerNo(i.ledgerNo) !== null &&
      typeof i.status === "string" &&
      typeof i.createdAt === "string",
  );
  return { items, expiresAt: data.expiresAt };
}

/** Whether a row needs its category's name (it has no title): the directory is read only then. */
export const needsCategoryNames = (items: readonly MyConcernItem[]) =>
  items.some((i) => !i.title?.trim());

/** The rows, newest first; `categoryName` names a category code (the public directory's). */
export function mineRows(
  items: readonly MyConcernItem[],
  categoryName: (code: string) => string | undefined,
): MineRow[] {
  return [...items]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((i) => ({
      ledgerNo: i.ledgerNo,
      label: i.title?.trim() || categoryName(i.categoryCode) || null,
      status: i.status,
      createdAt: i.createdAt,
      awaitingRating: i.awaitingRating === true,
      mergedInto: i.mergedInto || null,
      href: `/mine/${encodeURIComponent(i.ledgerNo)}`,
    }));
}
