// Strings of 可能重复 (possible duplicates, issue 16) on the concern page: the list of up to
// five similar concerns of the same village and the one-click merge into one of them, in
// zh-CN and English. Spread into the site's tables by messages.ts.

export const duplicatesZh = {
  "dup.heading": "可能重复",
  "dup.help": "同村未办结或 90 天内办结、内容相近的诉求，同类别优先。",
  "dup.none": "没有发现可能重复的诉求。",
  "dup.failed": "暂时无法载入可能重复的诉求，请稍后刷新。",
  "dup.score": "相似度 {score}%",
  "dup.registered": "登记于 {date}",
  "dup.mergeInto": "合并到此件",
  "dup.mergeIntoLabel": "合并到此件 {ledgerNo}",
  "dup.mergeConfirm": "本件将合并到 {ledgerNo}，不再单独办理。确定合并吗？",
  "dup.notOpen": "该件已答复或办结，不能合并到它。",
  "dup.reason": "与 {ledgerNo} 反映同一问题（相似度 {score}%）",
  "field.mergeReason": "合并原因",
} as const;

export const duplicatesEn: { readonly [K in keyof typeof duplicatesZh]: string } = {
  "dup.heading": "Possible duplicates",
  "dup.help":
    "Similar concerns of the same village, open or closed within 90 days; the same category first.",
  "dup.none": "No possible duplicates found.",
  "dup.failed": "Possible duplicates could not be loaded just now; refresh later.",
  "dup.score": "{score}% similar",
  "dup.registered": "registered {date}",
  "dup.mergeInto": "Merge into this",
  "dup.mergeIntoLabel": "Merge into this: {ledgerNo}",
  "dup.mergeConfirm":
    "This concern will be merged into {ledgerNo} and no longer handled on its own. Merge?",
  "dup.notOpen": "Answered or closed: nothing can be merged into it.",
  "dup.reason": "Reports the same problem as {ledgerNo} ({score}% similar)",
  "field.mergeReason": "Reason for merging",
};
