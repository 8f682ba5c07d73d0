// The words both sites show alike, in Simplified Chinese and English, and the lookup both sites'
// dictionaries use. Each site spreads `sharedZh` / `sharedEn` into its own tables (its keys stay
// `keyof` its Chinese table, so a missing translation still fails to compile there) and binds
// `translatorsFor` to them. A word that reads differently on one site stays in that site's
// table. Plain strings only: the sites' islands import the tables too.

import type { Locale } from "./locale.js";

export const sharedZh = {
  "site.name": "连心",
  "skip.toMain": "跳到主要内容",
  "lang.switch": "English",
  "page.notFound": "页面不存在",

  "common.required": "必填",
  "common.optional": "选填",
  "common.choose": "请选择",
  "common.errorSummary": "请修改以下问题：",

  "rate.response": "响应率",
  "rate.resolution": "解决率",
  "rate.satisfaction": "满意率",

  "status.accepted": "已签收",
  "status.in_progress": "办理中",
  "status.answered": "已答复",
  "status.merged": "已合并",
  "status.unknown": "处理中",

  "limit.hours.one": "{n}小时",
  "limit.hours.other": "{n}小时",
  "limit.working_days.one": "{n}个工作日",
  "limit.working_days.other": "{n}个工作日",
  "limit.days.one": "{n}天",
  "limit.days.other": "{n}天",

  "outcome.resolved": "解决到位",
  "outcome.explained": "解释到位",
  "outcome.assisted": "帮扶到位",
  "notices.outcome": "办理结果",

  "rating.satisfied": "满意",
  "rating.basically_satisfied": "基本满意",
  "rating.dissatisfied": "不满意",
};

export type SharedMessageKey = keyof typeof sharedZh;

export const sharedEn: { readonly [K in SharedMessageKey]: string } = {
  "site.name": "Lianxin",
  "skip.toMain": "Skip to main content",
  "lang.switch": "中文",
  "page.notFound": "Page not found",

  "common.required": "required",
  "common.optional": "optional",
  "common.choose": "Please choose",
  "common.errorSummary": "Please fix the following:",

  "rate.response": "Response rate",
  "rate.resolution": "Resolution rate",
  "rate.satisfaction": "Satisfaction rate",

  "status.accepted": "Signed for",
  "status.in_progress": "In progress",
  "status.answered": "Answered",
  "status.merged": "Merged",
  "status.unknown": "Being handled",

  "limit.hours.one": "{n} hour",
  "limit.hours.other": "{n} hours",
  "limit.working_days.one": "{n} working day",
  "limit.working_days.other": "{n} working days",
  "limit.days.one": "{n} day",
  "limit.days.other": "{n} days",

  "outcome.resolved": "Resolved",
  "outcome.explained": "Explained",
  "outcome.assisted": "Assisted",
  "notices.outcome": "Outcome",

  "rating.satisfied": "Satisfied",
  "rating.basically_satisfied": "Basically satisfied",
  "rating.dissatisfied": "Dissatisfied",
};

export type Vars = Readonly<Record<string, string | number>>;

/** Fill `{name}` placeholders; unknown placeholders are left as they are. */
export function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

/** A site's lookups over its own tables (one per locale, the same keys in each). */
export function translatorsFor<K extends string>(
  messages: { readonly [L in Locale]: { readonly [key in K]: string } },
): {
  t: (locale: Locale, key: K, vars?: Vars) => string;
  /** A translator bound to one locale, for templates. */
  translator: (locale: Locale) => (key: K, vars?: Vars) => string;
} {
  const t = (locale: Locale, key: K, vars?: Vars): string => format(messages[locale][key], vars);
  return { t, translator: (locale) => (key, vars) => t(locale, key, vars) };
}
