// 月度达标: a cell in words (for screen readers and the cell's title): its month, its state,
// the days in each required place and what the row's role requires. Pure.

import type { ComplianceView } from "@lianxin/contract";
import { CELL_REQUIREMENT } from "@lianxin/core";
import { type Locale, t } from "../i18n/messages";

export interface CellPlace {
  village: { name: string };
  groups: Array<{ name: string }>;
  days: number;
}

const placeName = (p: CellPlace, locale: Locale) =>
  p.groups.length
    ? `${p.village.name}${locale === "en" ? " " : ""}${p.groups.map((g) => g.name).join(locale === "en" ? ", " : "、")}`
    : p.village.name;

type Row = ComplianceView["rows"][number];

export function cellWords(
  cell: { month: string; state: Row["cells"][number]["state"]; places: CellPlace[] },
  role: Row["role"],
  locale: Locale,
): string {
  const places = cell.places.length
    ? cell.places
        .map((p) => t(locale, "cmp.place", { place: placeName(p, locale), days: p.days }))
        .join(t(locale, "cmp.placeSeparator"))
    : t(locale, "cmp.noPlace");
  return t(locale, "cmp.cell", {
    month: cell.month,
    state: t(locale, `fw.compliance.${cell.state}`),
    places,
    rule: cell.state === "none" ? "" : t(locale, `cmp.rule.${CELL_REQUIREMENT[role]}`),
  });
}
