import { ConcernEventType } from "@lianxin/core";
import * as words from "@lianxin/core/vocabulary";
import { describe, expect, it } from "vitest";
import { messages, translator } from "../i18n/messages";
import { purposeText, reasonText } from "./status";

/**
 * Every code the staff site shows a person is worded in both languages (issue 17: the access
 * log said "view", a timeline `satisfied_rating`): each word list of core's vocabulary that
 * reaches a page, with the prefix its labels live under, and the concern's event types.
 */
const SHOWN: Array<[string, readonly string[], string]> = [
  ["CONCERN_STATUSES", words.CONCERN_STATUSES, "status"],
  ["ACTION_TYPES", words.ACTION_TYPES, "action"],
  ["CHANNELS", words.CHANNELS, "channel"],
  ["RESPONSE_METHODS", words.RESPONSE_METHODS, "method"],
  ["OUTCOMES", words.OUTCOMES, "outcome"],
  ["RATINGS", words.RATINGS, "rating"],
  ["LIMIT_UNITS", words.LIMIT_UNITS, "unit"],
  ["ROLES", words.ROLES, "role"],
  ["VILLAGE_KINDS", words.VILLAGE_KINDS, "dir.villageKind"],
  ["DEPARTMENT_KINDS", words.DEPARTMENT_KINDS, "dir.deptKind"],
  ["POST_KINDS", words.POST_KINDS, "pm"],
  ["FIELD_WORK_KINDS", words.FIELD_WORK_KINDS, "fw.kind"],
  ["INBOX_KINDS", words.INBOX_KINDS, "inbox.kind"],
  ["PERSONAL_DATA_KINDS", words.PERSONAL_DATA_KINDS, "review.kind"],
  ["REPLY_PLACEHOLDERS", words.REPLY_PLACEHOLDERS, "tpl.ph"],
  ["SEARCH_NOTES", words.SEARCH_NOTES, "search.note"],
  ["QUEUE_STAGES", words.QUEUE_STAGES, "stage"],
  ["QUEUE_SORTS", words.QUEUE_SORTS, "queue.sort"],
  ["QUEUE_RATING_FILTERS", words.QUEUE_RATING_FILTERS, "queue.rating"],
  ["SYSTEM_EVENT_REASONS", words.SYSTEM_EVENT_REASONS, "evReason"],
  ["ACCESS_LOG_PURPOSES", words.ACCESS_LOG_PURPOSES, "log.purpose"],
  ["event types", ConcernEventType.options, "ev"],
];

describe("codes shown to people", () => {
  it("has a label for every code of every list, in both languages", () => {
    const missing: string[] = [];
    for (const [name, list, prefix] of SHOWN) {
      for (const code of list) {
        for (const [locale, table] of Object.entries(messages)) {
          const label = (table as Record<string, string>)[`${prefix}.${code}`];
          // "hours" is English for `hours`; a Chinese label, or one with an underscore, is not the code.
          const raw = label === code && (locale === "zh-CN" || code.includes("_"));
          if (!label?.trim() || raw) missing.push(`${name} ${locale} ${prefix}.${code}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("words system reasons and access purposes, and falls back for unknown codes", () => {
    const zh = translator("zh-CN");
    const en = translator("en");
    expect(reasonText("satisfied_rating", zh)).toBe("群众评价满意，自动销号");
    expect(reasonText("satisfied_rating", en)).toBe("Rated satisfied: struck off automatically");
    // A person's reason is free text, shown as written.
    expect(reasonText("群众要求重新核实", zh)).toBe("群众要求重新核实");
    expect(purposeText("view", zh)).toBe("查看诉求详情（含个人信息）");
    expect(purposeText("view", en)).toBe("Viewed the concern (with personal details)");
    expect(purposeText("export_all", zh)).toBe("其他操作（export_all）");
    expect(purposeText("export_all", en)).toBe("Other (export_all)");
  });
});
