import { describe, expect, it } from "vitest";
import {
  CALENDAR_MAX_LINES,
  calendarApiErrors,
  formatOverrideLines,
  normalizeDate,
  parseOverrideLines,
  readCalendarForm,
  sortedEntries,
  validateCalendar,
} from "./calendar-form";

describe("normalizeDate", () => {
  it("accepts loose spellings of real dates", () => {
    expect(normalizeDate("2027-01-01")).toBe("2027-01-01");
    expect(normalizeDate("2027-1-1")).toBe("2027-01-01");
    expect(normalizeDate("2027/2/6")).toBe("2027-02-06");
    expect(normalizeDate("2027.10.1")).toBe("2027-10-01");
    expect(normalizeDate("２０２７－０２－０６")).toBe("2027-02-06");
  });
  it("refuses impossible or malformed dates", () => {
    expect(normalizeDate("2027-02-30")).toBeNull();
    expect(normalizeDate("2027-13-01")).toBeNull();
    expect(normalizeDate("27-01-01")).toBeNull();
    expect(normalizeDate("元旦")).toBeNull();
    expect(normalizeDate("")).toBeNull();
  });
});

describe("parseOverrideLines", () => {
  it("reads one `date name` per line, skipping blank lines", () => {
    const text =
      "2027-01-01 元旦\n\n  2027-02-06\t春节  \r\n2027/2/7，春节\n2027-02-08　春节\n2027-02-09春节";
    expect(parseOverrideLines(text)).toEqual({
      entries: {
        "2027-01-01": "元旦",
        "2027-02-06": "春节",
        "2027-02-07": "春节",
        "2027-02-08": "春节",
        "2027-02-09": "春节",
      },
      lineOf: {
        "2027-01-01": 1,
        "2027-02-06": 3,
        "2027-02-07": 4,
        "2027-02-08": 5,
        "2027-02-09": 6,
      },
      problems: [],
    });
  });
  it("keeps the name as written (spaces and full-width punctuation inside it)", () => {
    expect(parseOverrideLines("2027-10-01 国庆节 （第1天）").entries).toEqual({
      "2027-10-01": "国庆节 （第1天）",
    });
  });
  it("an empty list is an empty override", () => {
    expect(parseOverrideLines("")).toEqual({ entries: {}, lineOf: {}, problems: [] });
    expect(parseOverrideLines(" \n\n ").problems).toEqual([]);
  });
  it("gives one problem per bad line, with its line number", () => {
    const text = [
      "2027-01-01 元旦",
      "2027-02-30 春节",
      "明年 春节",
      "2027-05-01",
      `2027-05-02 ${"劳".repeat(31)}`,
      "2027-1-1 元旦",
      "2027-05-03 劳动节",
    ].join("\n");
    const r = parseOverrideLines(text);
    expect(r.entries).toEqual({ "2027-01-01": "元旦", "2027-05-03": "劳动节" });
    expect(r.problems).toEqual([
      { line: 2, problem: { key: "cal.badDate", vars: { value: "2027-02-30" } } },
      { line: 3, problem: { key: "cal.badDate", vars: { value: "明年" } } },
      { line: 4, problem: { key: "cal.noName", vars: { date: "2027-05-01" } } },
      { line: 5, problem: { key: "cal.nameTooLong", vars: { max: 30, n: 31 } } },
      { line: 6, problem: { key: "cal.duplicate", vars: { date: "2027-01-01", first: 1 } } },
    ]);
  });
  it("refuses an absurdly long list as a whole", () => {
    const text = Array.from({ length: CALENDAR_MAX_LINES + 1 }, () => "2027-01-01 元旦").join("\n");
    expect(parseOverrideLines(text).problems).toEqual([
      { line: 1, problem: { key: "cal.tooMany", vars: { max: CALENDAR_MAX_LINES } } },
    ]);
  });
});

describe("validateCalendar", () => {
  it("builds the PUT body from both lists", () => {
    const form = new FormData();
    form.set("holidays", "2027-02-06 春节\n2027-02-07 春节");
    form.set("workdays", "2027-02-14 春节调休");
    expect(validateCalendar(readCalendarForm(form))).toEqual({
      ok: true,
      body: {
        holidays: { "2027-02-06": "春节", "2027-02-07": "春节" },
        workdays: { "2027-02-14": "春节调休" },
      },
    });
  });
  it("empties both lists when both are blank", () => {
    expect(validateCalendar(readCalendarForm(new FormData()))).toEqual({
      ok: true,
      body: { holidays: {}, workdays: {} },
    });
  });
  it("refuses a date that is both a holiday and a working day, on the working-day line", () => {
    const v = validateCalendar({
      holidays: "2027-02-06 春节",
      workdays: "2027-02-14 春节调休\n2027-2-6 调休",
    });
    expect(v).toEqual({
      ok: false,
      problems: {
        holidays: [],
        workdays: [{ line: 2, problem: { key: "cal.both", vars: { date: "2027-02-06" } } }],
      },
    });
  });
  it("reports each list's own problems, sorted by line", () => {
    const v = validateCalendar({ holidays: "x 元旦", workdays: "2027-02-06 a\n2027-01-01 b\ny" });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.problems.holidays.map((p) => p.line)).toEqual([1]);
    expect(v.problems.workdays.map((p) => [p.line, p.problem.key])).toEqual([[3, "cal.badDate"]]);
  });
});

describe("formatting the override for the form and tables", () => {
  it("writes one sorted line per date, and reads back the same", () => {
    const entries = { "2027-02-07": "春节", "2027-01-01": "元旦" };
    const text = formatOverrideLines(entries);
    expect(text).toBe("2027-01-01 元旦\n2027-02-07 春节");
    expect(parseOverrideLines(text).entries).toEqual(entries);
    expect(formatOverrideLines(undefined)).toBe("");
    expect(sortedEntries(entries)).toEqual([
      { date: "2027-01-01", name: "元旦" },
      { date: "2027-02-07", name: "春节" },
    ]);
  });
});

describe("calendarApiErrors", () => {
  it("ties the API's field errors to the list, with the date in front", () => {
    expect(
      calendarApiErrors({
        code: "validation_failed",
        message: "",
        fields: {
          "holidays.2027-01-01": "名称不能为空",
          workdays: "格式不正确",
          body: "不能有其他字段",
        },
      }),
    ).toEqual({
      fieldErrors: { holidays: ["2027-01-01: 名称不能为空"], workdays: ["格式不正确"] },
      loose: ["不能有其他字段"],
    });
    expect(calendarApiErrors(null)).toEqual({ fieldErrors: {}, loose: [] });
  });
});
