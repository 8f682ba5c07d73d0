// Strings of the search page (/search: 检索 by ledger number, a resident's mobile or words), in
// zh-CN and English. Spread into the site's tables by messages.ts.

export const searchZh = {
  "nav.search": "检索",
  "page.search": "检索诉求",
  "search.label": "台账编号、群众手机号或关键词",
  // Words are looked up month by month, newest first (the last 12 months unless given).
  "search.from": "登记月份：从（可不填）",
  "search.to": "至（可不填）",
  "search.hint":
    "输入台账编号直接打开该诉求；输入手机号查找该群众的诉求（仅限可以查看群众联系方式的人员，每次查找记入访问日志）；输入关键词查找标题和内容含有全部关键词的诉求，关键词之间用空格分开。",
  "search.submit": "查找",
  "search.found": "找到 {n} 件",
  "search.foundMore": "找到 {n}+ 件",
  "search.order": "最新登记的在前。",
  "search.none": "没有找到符合条件的诉求。",
  "search.phoneCaption": "该手机号群众的诉求",
  "search.wordsCaption": "检索结果",
  "search.registered": "登记时间",
  "search.next": "继续查找",
  "search.restart": "从头查找",
  "search.note.phone_not_permitted":
    "您的账号不能按手机号查找群众的诉求：只有可以查看群众联系方式的人员可以。请改用台账编号或关键词。",
  "search.note.ledger_not_found": "没有找到这个台账编号的诉求，或您无权查看。请核对编号。",
} as const;

export const searchEn: { readonly [K in keyof typeof searchZh]: string } = {
  "nav.search": "Search",
  "page.search": "Search concerns",
  "search.label": "Ledger number, resident's mobile or words",
  "search.from": "Registered from (month, optional)",
  "search.to": "to (month, optional)",
  "search.hint":
    "A ledger number opens that concern; a mobile number finds that resident's concerns (only for staff who may see residents' contacts; every search is in the access log); words find concerns whose title and text hold all of them; separate words with spaces.",
  "search.submit": "Search",
  "search.found": "{n} found",
  "search.foundMore": "{n}+ found",
  "search.order": "Newest first.",
  "search.none": "No concern matches.",
  "search.phoneCaption": "This resident's concerns",
  "search.wordsCaption": "Results",
  "search.registered": "Registered",
  "search.next": "Search on",
  "search.restart": "Start again",
  "search.note.phone_not_permitted":
    "Your account may not search residents' concerns by phone: only staff who may see residents' contacts can. Use a ledger number or words instead.",
  "search.note.ledger_not_found":
    "No concern with this ledger number, or you may not see it. Check the number.",
};
