// The words of "time left" (剩 3小时 / 2 days overdue), in zh-CN and English. Apart from the
// site's tables so that the ticking island (LiveTimeLeft) ships these few strings, not all of
// them; spread into the site's tables by messages.ts.

export const timeZh = {
  "time.left": "剩 {d}",
  "time.overdue": "逾期 {d}",
  "time.lessThanMinute": "不到1分钟",
  "time.minutes.one": "{n}分钟",
  "time.minutes.other": "{n}分钟",
  "time.hours.one": "{n}小时",
  "time.hours.other": "{n}小时",
  "time.days.one": "{n}天",
  "time.days.other": "{n}天",
} as const;

export const timeEn = {
  "time.left": "{d} left",
  "time.overdue": "{d} overdue",
  "time.lessThanMinute": "less than a minute",
  "time.minutes.one": "{n} minute",
  "time.minutes.other": "{n} minutes",
  "time.hours.one": "{n} hour",
  "time.hours.other": "{n} hours",
  "time.days.one": "{n} day",
  "time.days.other": "{n} days",
} as const;
