// The holiday-calendar override as the admin edits it: two textareas, one `YYYY-MM-DD 名称`
// per line (holidays; adjusted working days, 调休上班), read into the API's
// `{ holidays: {date: name}, workdays: {date: name} }` with an error per bad line. Pure.
import type { ApiErrorBody } from "@lianxin/contract";
import type { Problem } from "./actions";
import { isLocalDate } from "./actions";

export const CALENDAR_FIELDS = ["holidays", "workdays"] as const;
export type CalendarField = (typeof CALENDAR_FIELDS)[number];

/** The API's limit on a name (core's CalendarOverride: 1–30 characters after trimming). */
export const CALENDAR_NAME_MAX = 30;
/** A sanity bound on the lines of one list (a year has about 30 holiday and workday entries). */
export const CALENDAR_MAX_LINES = 400;

export interface CalendarOverride {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export interface LineProblem {
  /** 1-based line number in the textarea. */
  line: number;
  problem: Problem;
}

export interface ParsedLines {
  /** The good lines: `{ date: name }`. */
  entries: Record<string, string>;
  /** Where each good date was written (1-based line). */
  lineOf: Record<string, number>;
  /** One per bad line; empty when every line is good. */
  problems: LineProblem[];
}

/** A date written loosely (`2027-1-1`, `2027/01/01`, `2027.1.1`, full-width digits) → YYYY-MM-DD. */
export function normalizeDate(input: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(input.normalize("NFKC").trim());
  if (!m) return null;
  const date = `${m[1]}-${(m[2] ?? "").padStart(2, "0")}-${(m[3] ?? "").padStart(2, "0")}`;
  return isLocalDate(date) ? date : null;
}

/** A line starts with the date (ASCII or full-width digits); the rest is the name. */
const DATE_FIRST =
  /^([0-9０-９]{4}[-/.－／．][0-9０-９]{1,2}[-/.－／．][0-9０-９]{1,2})(?![0-9０-９])(.*)$/;

/**
 * One list's lines → `{ date: name }`. Blank lines are skipped; the date and the name are
 * separated by spaces (full-width too), a tab, a comma or nothing at all. Each bad line gives a problem.
 */
export function parseOverrideLines(text: string): ParsedLines {
  const entries: Record<string, string> = {};
  const lineOf: Record<string, number> = {};
  const problems: LineProblem[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines.filter((l) => l.trim()).length > CALENDAR_MAX_LINES) {
    return {
      entries,
      lineOf,
      problems: [{ line: 1, problem: { key: "cal.tooMany", vars: { max: CALENDAR_MAX_LINES } } }],
    };
  }
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (!text) return;
    const m = DATE_FIRST.exec(text);
    const date = m ? normalizeDate(m[1] ?? "") : null;
    if (!m || !date) {
      const value = m?.[1] ?? text.split(/[\s,，、:：]/)[0] ?? text;
      problems.push({ line, problem: { key: "cal.badDate", vars: { value } } });
      return;
    }
    const name = (m[2] ?? "").replace(/^[\s,，、:：]+/, "").trim();
    if (!name) {
      problems.push({ line, problem: { key: "cal.noName", vars: { date } } });
      return;
    }
    if ([...name].length > CALENDAR_NAME_MAX) {
      problems.push({
        line,
        problem: { key: "cal.nameTooLong", vars: { max: CALENDAR_NAME_MAX, n: [...name].length } },
      });
      return;
    }
    const seen = lineOf[date];
    if (seen !== undefined) {
      problems.push({ line, problem: { key: "cal.duplicate", vars: { date, first: seen } } });
      return;
    }
    lineOf[date] = line;
    entries[date] = name;
  });
  return { entries, lineOf, problems };
}

/** `{ date: name }` → the textarea's lines, by date. */
export function formatOverrideLines(entries: Record<string, string> | null | undefined): string {
  return Object.entries(entries ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, name]) => `${date} ${name}`)
    .join("\n");
}

/** The override sorted by date, for tables. */
export function sortedEntries(
  entries: Record<string, string> | null | undefined,
): { date: string; name: string }[] {
  return Object.entries(entries ?? {})
    .filter(([date, name]) => typeof date === "string" && typeof name === "string")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, name]) => ({ date, name }));
}

type FormLike = { get(name: string): FormDataEntryValue | null };

export function readCalendarForm(form: FormLike): Record<CalendarField, string> {
  const get = (n: string) => {
    const v = form.get(n);
    return typeof v === "string" ? v : "";
  };
  return { holidays: get("holidays"), workdays: get("workdays") };
}

export type ValidatedCalendar =
  | { ok: true; body: CalendarOverride }
  | { ok: false; problems: Record<CalendarField, LineProblem[]> };

/**
 * Both lists → the PUT body. A date may not be both a holiday and a working day (the
 * working day would win silently); the clash is reported on the working-day line.
 */
export function validateCalendar(raw: Record<CalendarField, string>): ValidatedCalendar {
  const holidays = parseOverrideLines(raw.holidays);
  const workdays = parseOverrideLines(raw.workdays);
  const problems: Record<CalendarField, LineProblem[]> = {
    holidays: [...holidays.problems],
    workdays: [...workdays.problems],
  };
  for (const [date, line] of Object.entries(workdays.lineOf)) {
    if (date in holidays.entries) {
      problems.workdays.push({ line, problem: { key: "cal.both", vars: { date } } });
    }
  }
  problems.workdays.sort((a, b) => a.line - b.line);
  if (problems.holidays.length || problems.workdays.length) return { ok: false, problems };
  return { ok: true, body: { holidays: holidays.entries, workdays: workdays.entries } };
}

/**
 * The API's field errors (`holidays.2027-01-01`, `workdays`, `body`…) tied to the two lists;
 * a date in the key is put in front of its message. Others come back in `loose`.
 */
export function calendarApiErrors(error: ApiErrorBody | null): {
  fieldErrors: Partial<Record<CalendarField, string[]>>;
  loose: string[];
} {
  const fieldErrors: Partial<Record<CalendarField, string[]>> = {};
  const loose: string[] = [];
  for (const [key, msg] of Object.entries(error?.fields ?? {})) {
    const [head, ...rest] = key.split(".");
    const field = CALENDAR_FIELDS.find((f) => f === head);
    if (!field) {
      loose.push(msg);
      continue;
    }
    const detail = rest.join(".");
    const list = fieldErrors[field] ?? [];
    list.push(detail ? `${detail}: ${msg}` : msg);
    fieldErrors[field] = list;
  }
  return { fieldErrors, loose };
}
