import { describe, expect, it } from "vitest";
import { formatTimeLeft, stageKey, timeLeft } from "./time-left";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("timeLeft", () => {
  it("picks minutes, hours or days and rounds down", () => {
    expect(timeLeft(25 * MIN + 59_000)).toMatchObject({ unit: "minutes", amount: 25 });
    expect(timeLeft(3 * HOUR + 59 * MIN)).toMatchObject({ unit: "hours", amount: 3 });
    expect(timeLeft(47 * HOUR)).toMatchObject({ unit: "hours", amount: 47 });
    expect(timeLeft(2 * DAY + 5 * HOUR)).toMatchObject({ unit: "days", amount: 2 });
    expect(timeLeft(30_000)).toMatchObject({ unit: "lessThanMinute", overdue: false });
  });
  it("marks overdue, soon and ok", () => {
    expect(timeLeft(-1)).toMatchObject({ overdue: true, tone: "overdue" });
    expect(timeLeft(0)).toMatchObject({ overdue: false, tone: "soon" });
    expect(timeLeft(23 * HOUR).tone).toBe("soon");
    expect(timeLeft(25 * HOUR).tone).toBe("ok");
  });
});

describe("formatTimeLeft", () => {
  it("says it in Chinese", () => {
    expect(formatTimeLeft(3 * HOUR + 10 * MIN, "zh-CN")).toBe("剩 3小时");
    expect(formatTimeLeft(-2 * DAY - HOUR, "zh-CN")).toBe("逾期 2天");
    expect(formatTimeLeft(-5 * MIN, "zh-CN")).toBe("逾期 5分钟");
    expect(formatTimeLeft(10_000, "zh-CN")).toBe("剩 不到1分钟");
    expect(formatTimeLeft(5 * DAY, "zh-CN")).toBe("剩 5天");
  });
  it("says it in English with plurals", () => {
    expect(formatTimeLeft(HOUR + MIN, "en")).toBe("1 hour left");
    expect(formatTimeLeft(3 * HOUR, "en")).toBe("3 hours left");
    expect(formatTimeLeft(-2 * DAY, "en")).toBe("2 days overdue");
    expect(formatTimeLeft(-MIN, "en")).toBe("1 minute overdue");
  });
  it("is empty for no value", () => {
    expect(formatTimeLeft(null, "zh-CN")).toBe("");
    expect(formatTimeLeft(Number.NaN, "en")).toBe("");
  });
  it("names the stage", () => {
    expect(stageKey("sign_for")).toBe("stage.sign_for");
    expect(stageKey("weird")).toBe("stage.other");
  });
});

describe("the deadline in words", () => {
  it("writes the due time in Asia/Shanghai to the minute, and the amount alone", async () => {
    const { formatAmount, formatDue } = await import("./time-left");
    expect(formatDue("2026-12-08T09:30:00Z", "zh-CN")).toBe("12月8日 17:30");
    expect(formatDue("2026-12-08T09:30:00Z", "en")).toBe("8 Dec 17:30");
    expect(formatDue("nonsense", "en")).toBe("");
    expect(formatAmount(34 * 3_600_000 + 60_000, "zh-CN")).toBe("34小时");
    expect(formatAmount(-5 * 3_600_000, "en")).toBe("5 hours");
  });
});
