// The strings issue 17 adds to the staff site's reports: the compliance matrix's legend and
// cell words, rotation coverage, the quarterly report's department list, draft sections and
// signature line, and the labels of codes shown to people (access-log actions, fallbacks).
// Spread into the site's one dictionary in messages.ts.

export const reportsZh = {
  // 月度达标 legend and cell words.
  "cmp.legend": "图例",
  "cmp.legend.met": "达标：本月要求已满足",
  "cmp.legend.gap": "未达标：本月已结束，要求未满足",
  "cmp.legend.pending": "本月进行中：尚未满足，本月还未结束",
  "cmp.legend.none": "无要求：本月未包干村民组",
  "cmp.legend.numbers":
    "格中数字是本月在每个要求地点的到岗天数，按顺序以“/”分隔：党政领导为各联系村（须每个村各至少 1 天），部门负责人为所包干的村民组（任一组至少 1 天即达标）。例如“✗ 1/0”：第一个联系村 1 天，第二个联系村 0 天，未达标。",
  "cmp.cell": "{month}：{state}。{places}{rule}",
  "cmp.place": "{place} {days} 天",
  "cmp.placeSeparator": "，",
  "cmp.rule.every_place": "（须每个联系村各至少 1 天）",
  "cmp.rule.any_place": "（须在任一包干小组至少 1 天）",
  "cmp.noPlace": "本月无要求地点",
  // Rotation coverage.
  "rot.coveredNote":
    "“已走过”包括轮换计划中已包干过的小组，以及本人近两年在该组记过蹲点日志（走访、座谈等）的小组。",
  // 季度工作报告.
  "qr.unit": "填报单位",
  "qr.self": "本人（{name}）",
  "qr.period": "报告期",
  "qr.periodValue": "{quarter}（{from}至{to}）",
  "qr.date": "填报日期",
  "qr.results": "一、工作成效",
  "qr.problems": "二、存在问题",
  "qr.plans": "三、下步打算",
  "qr.save": "保存草稿",
  "qr.saved": "草稿已保存。",
  "qr.savedBy": "{name} 于 {at} 保存（第 {version} 版）",
  "qr.neverSaved": "尚未保存。",
  "qr.conflict":
    "在你打开本页后，已有人保存了新的草稿（第 {version} 版）。你写的内容仍在下面，请对照最新内容后再保存。",
  "qr.readOnly": "只有本部门负责人和镇党政办可以修改这两部分。",
  "qr.personNote": "选择一个部门后，可以填写该部门的存在问题和下步打算。",
  "qr.empty": "（未填写）",
  "qr.signFiller": "填报人：",
  "qr.signHead": "负责人签字：",
  "qr.signDate": "日期：",
};

export const reportsEn: { readonly [K in keyof typeof reportsZh]: string } = {
  "cmp.legend": "Legend",
  "cmp.legend.met": "Met: the month's requirement is met",
  "cmp.legend.gap": "Gap: the month is over and the requirement was not met",
  "cmp.legend.pending": "Month under way: not met yet, the month is not over",
  "cmp.legend.none": "Not required: no villager group held that month",
  "cmp.legend.numbers":
    "The numbers are the days present in each required place that month, in order, separated by “/”: for a town leader each contact village (at least one day in every one), for a department head each villager group held (one day in any of them is enough). For example “✗ 1/0”: one day in the first contact village, none in the second, so not met.",
  "cmp.cell": "{month}: {state}. {places}{rule}",
  "cmp.place": "{place} {days} days",
  "cmp.placeSeparator": ", ",
  "cmp.rule.every_place": " (at least one day in every contact village)",
  "cmp.rule.any_place": " (at least one day in any villager group held)",
  "cmp.noPlace": "no place required",
  "rot.coveredNote":
    "“Walked” counts the groups held in the rotation plan so far and the groups where the person logged field work (visits, symposia…) in the last two years.",
  "qr.unit": "Unit",
  "qr.self": "Myself ({name})",
  "qr.period": "Period",
  "qr.periodValue": "{quarter} ({from} to {to})",
  "qr.date": "Date",
  "qr.results": "1. Results",
  "qr.problems": "2. Problems",
  "qr.plans": "3. Next steps",
  "qr.save": "Save draft",
  "qr.saved": "Draft saved.",
  "qr.savedBy": "Saved by {name} at {at} (version {version})",
  "qr.neverSaved": "Not saved yet.",
  "qr.conflict":
    "Someone saved a newer draft (version {version}) after you opened this page. What you wrote is still below: compare it with the latest before saving.",
  "qr.readOnly": "Only the department's head and the town office may change these two sections.",
  "qr.personNote": "Choose a department to write its problems and next steps.",
  "qr.empty": "(not written)",
  "qr.signFiller": "Prepared by:",
  "qr.signHead": "Head's signature:",
  "qr.signDate": "Date:",
};
