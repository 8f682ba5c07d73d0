// Every string the residents' site shows, in Simplified Chinese (the default) and English.
// Placeholders are written {name} and filled by `t()`. The `Messages` type makes the English
// table list exactly the keys of the Chinese one, so a missing translation fails to compile.
// Plain strings only: the submission island imports this module too.

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

const zhCN = {
  "site.name": "连心",
  "site.tagline": "洛社镇群众诉求平台",
  "site.description": "洛社镇“连心”群众诉求平台：网上反映问题，凭台账编号和查询码查询办理进度。",
  "skip.toMain": "跳到主要内容",
  "nav.label": "主导航",
  "nav.home": "首页",
  "nav.submit": "提交诉求",
  "nav.track": "查询进度",
  "lang.label": "语言",
  "lang.switch": "English",
  "footer.demo": "演示站点：村（社区）、人员、部门和编号均为演示数据，部分内容为虚构。",
  "footer.office": "洛社镇党政办 · 连心平台",

  "page.home": "首页",
  "page.submit": "提交诉求",
  "page.submitted": "提交成功",
  "page.track": "查询办理进度",
  "page.notFound": "页面不存在",

  "common.required": "必填",
  "common.optional": "选填",
  "common.choose": "请选择",
  "common.unavailable": "服务暂时不可用，请稍后再试。",
  "common.unavailableDetail":
    "我们暂时无法读取村（社区）和问题类别信息。请稍后刷新本页；急事请直接联系村（社区）或拨打镇党政办电话。",
  "common.retryFailed":
    "提交没有成功，可能是网络或服务暂时出现问题。您填写的内容已保留，请稍后再点击按钮重试。",
  "common.rateLimited": "操作过于频繁，请在{time}后再试。",
  "common.rateLimitedNoTime": "操作过于频繁，请稍后再试。",
  "common.errorSummary": "请修改以下问题：",
  "common.nameTitle": "{name}（{title}）",
  "time.seconds": "{n}秒",
  "time.minutes": "{n}分钟",

  "kind.village": "村",
  "kind.community": "社区",
  "kind.park": "园区",

  "home.heading": "有事您说，连心来办",
  "home.intro":
    "“连心”是洛社镇的群众诉求平台。您在这里反映的问题，会按所在村（社区）和村民小组分派到负责的部门，由驻村领导跟踪督办。",
  "home.step1": "填写诉求：说清楚什么问题、在哪里。",
  "home.step2": "提交后得到台账编号和查询码，请保存好。",
  "home.step3": "凭编号和查询码随时查看进度、补充情况。",
  "home.stepsLabel": "怎么办理",
  "home.submit": "我要反映问题",
  "home.track": "查询办理进度",
  "home.villageHeading": "我村的驻村领导",
  "home.villageIntro": "选择您所在的村（社区），查看联系本村的镇领导和村民小组。",
  "home.show": "查看",
  "home.contactLeader": "驻村领导",
  "home.groups": "村民小组",
  "home.noGroups": "暂无村民小组信息。",
  "home.unknownVillage": "没有找到这个村（社区），请重新选择。",
  "home.submitHere": "为{village}提交诉求",

  "form.intro": "带“必填”的项目需要填写。提交后会得到台账编号和查询码。",
  "form.village": "所在村（社区）",
  "form.group": "村民小组",
  "form.groupHint": "选填。选择后可直接分派到联系本组的部门负责人。",
  "form.groupNone": "不选择",
  "form.category": "问题类别",
  "form.categoryLimits": "各类别的办理时限",
  "form.title": "标题",
  "form.titleHint": "选填，最多{max}字。",
  "form.description": "问题描述",
  "form.descriptionHint": "请写清楚是什么问题、在哪里、持续多久，{min}至{max}字。",
  "form.counter": "已写{n}字，最多{max}字",
  "form.address": "地址",
  "form.addressHint": "选填，最多{max}字，如门牌号或附近地标。",
  "form.contactLegend": "联系方式",
  "form.contactName": "联系人",
  "form.contactNameHint": "选填，最多{max}字。",
  "form.contactPhone": "联系电话",
  "form.contactPhoneHint": "选填，手机或固定电话，方便工作人员联系您。不会公开。",
  "form.anonymous": "匿名提交",
  "form.anonymousHint": "匿名提交不留姓名和电话，工作人员无法回电，请凭查询码查看答复。",
  "form.submit": "提交",
  "form.privacy": "您的姓名、电话和地址只给办理人员看，公示时会隐去。",

  "val.villageRequired": "请选择所在村（社区）",
  "val.villageUnknown": "没有这个村（社区），请重新选择",
  "val.groupMismatch": "这个村民小组不属于所选的村（社区），请重新选择",
  "val.categoryRequired": "请选择问题类别",
  "val.categoryUnknown": "没有这个问题类别，请重新选择",
  "val.titleTooLong": "标题最多{max}字，现在是{n}字",
  "val.descriptionRequired": "请填写问题描述",
  "val.descriptionTooShort": "问题描述至少{min}字，现在是{n}字",
  "val.descriptionTooLong": "问题描述最多{max}字，现在是{n}字",
  "val.addressTooLong": "地址最多{max}字，现在是{n}字",
  "val.contactNameTooLong": "联系人最多{max}字，现在是{n}字",
  "val.contactPhoneInvalid": "请填写正确的手机号或固定电话，如 13812345678 或 0510-83312345",
  "val.textRequired": "请填写补充说明",
  "val.textTooLong": "补充说明最多{max}字，现在是{n}字",
  "val.ledgerNoRequired": "请填写台账编号",
  "val.ledgerNoInvalid": "台账编号的格式是 LS-年份-6位数字，如 LS-2026-000123",
  "val.accessCodeRequired": "请填写查询码",
  "val.accessCodeInvalid": "查询码是10位字母和数字",
  "err.idempotencyConflict": "这份表单已经提交过不同的内容。请检查后再次提交。",
  "err.badRequest": "提交的内容有误，请检查后重试。",

  "done.heading": "提交成功",
  "done.lead": "您的诉求已登记。",
  "done.save": "请保存好编号和查询码",
  "done.saveDetail": "查询办理进度、补充情况时两项都需要。查询码只在这里显示，请截图或抄写下来。",
  "done.ledgerNo": "台账编号",
  "done.accessCode": "查询码",
  "done.status": "当前状态",
  "done.department": "承办部门",
  "done.contactLeader": "驻村领导",
  "done.dueAt": "答复期限",
  "done.track": "查看办理进度",
  "done.another": "再提交一件",

  "track.intro": "请输入提交诉求时得到的台账编号和查询码。",
  "track.ledgerNo": "台账编号",
  "track.ledgerNoHint": "如 LS-2026-000123，不区分大小写。",
  "track.accessCode": "查询码",
  "track.accessCodeHint": "10位字母和数字，不区分大小写。",
  "track.submit": "查询",
  "track.notFound": "编号或查询码不正确",
  "track.notFoundDetail": "请核对后重新输入。",
  "track.viewHeading": "诉求 {ledgerNo}",
  "track.progress": "办理进度",
  "track.current": "当前",
  "track.done": "已完成",
  "track.merged": "这件诉求已与其他诉求合并办理，进度请关注合并后的诉求。",
  "track.flags": "提示",
  "track.flag.overdue": "逾期",
  "track.flag.supervised": "督办",
  "track.flag.reopened": "重新办理",
  "track.details": "诉求信息",
  "track.title": "标题",
  "track.description": "问题描述",
  "track.category": "问题类别",
  "track.village": "所在村（社区）",
  "track.group": "村民小组",
  "track.createdAt": "提交时间",
  "track.dueAt": "答复期限",
  "track.department": "承办部门",
  "track.contactLeader": "驻村领导",
  "track.none": "无",
  "track.timeline": "办理记录",
  "track.timelineEmpty": "暂无记录。",
  "track.addHeading": "补充情况",
  "track.addText": "补充说明",
  "track.addHint": "{min}至{max}字。补充的内容会进入办理记录，办理人员可以看到。",
  "track.addSubmit": "补充",
  "track.added": "已补充，感谢您提供情况。",
  "track.another": "查询其他诉求",

  "status.triage": "已登记",
  "status.assigned": "已分派",
  "status.accepted": "已签收",
  "status.in_progress": "办理中",
  "status.deferred": "限期办理",
  "status.answered": "已答复",
  "status.struck_off": "已销号",
  "status.merged": "已合并",
  "status.unknown": "处理中",

  "timeline.submitted": "群众提交诉求",
  "timeline.routed": "按村（社区）和村民小组分派到承办部门",
  "timeline.triaged": "镇党政办分派",
  "timeline.message": "群众补充情况",
  "timeline.other": "办理更新",

  "limit.hours.one": "{n}小时",
  "limit.hours.other": "{n}小时",
  "limit.working_days.one": "{n}个工作日",
  "limit.working_days.other": "{n}个工作日",
  "limit.days.one": "{n}天",
  "limit.days.other": "{n}天",
  "limit.signFor": "{d}内签收",
  "limit.answer": "{d}内答复",
  "limit.respond": "{d}内首次回应",
  "limit.separator": " · ",

  "notFound.body": "您要找的页面不存在。",
};

export type MessageKey = keyof typeof zhCN;
export type Messages = { readonly [K in MessageKey]: string };

const en: Messages = {
  "site.name": "Lianxin",
  "site.tagline": "Luoshe Town residents' concerns portal",
  "site.description":
    "Lianxin, the Luoshe Town concerns portal: raise a concern online and track it with its ledger number and access code.",
  "skip.toMain": "Skip to main content",
  "nav.label": "Main",
  "nav.home": "Home",
  "nav.submit": "Submit a concern",
  "nav.track": "Track a concern",
  "lang.label": "Language",
  "lang.switch": "中文",
  "footer.demo":
    "Demo site: the villages, people, departments and numbers shown are demo data, partly invented.",
  "footer.office": "Luoshe Town Party and Government Office · Lianxin",

  "page.home": "Home",
  "page.submit": "Submit a concern",
  "page.submitted": "Concern submitted",
  "page.track": "Track a concern",
  "page.notFound": "Page not found",

  "common.required": "required",
  "common.optional": "optional",
  "common.choose": "Please choose",
  "common.unavailable": "The service is temporarily unavailable. Please try again later.",
  "common.unavailableDetail":
    "We cannot load the villages and categories right now. Please reload this page later; for urgent matters contact your village or the town office directly.",
  "common.retryFailed":
    "That did not go through: the network or our service had a problem. What you entered is kept; please press the button again in a moment.",
  "common.rateLimited": "Too many requests. Please try again in {time}.",
  "common.rateLimitedNoTime": "Too many requests. Please try again later.",
  "common.errorSummary": "Please fix the following:",
  "common.nameTitle": "{name} ({title})",
  "time.seconds": "{n} seconds",
  "time.minutes": "{n} minutes",

  "kind.village": "Villages",
  "kind.community": "Communities",
  "kind.park": "Industrial park",

  "home.heading": "Tell us your concern, we act on it",
  "home.intro":
    "Lianxin is Luoshe Town's portal for residents' concerns. What you raise here is routed by village and villager group to the responsible department, and followed up by your village's contact leader.",
  "home.step1": "Describe your concern: what it is and where.",
  "home.step2": "You get a ledger number and an access code. Keep them.",
  "home.step3": "Use both to follow progress and add information at any time.",
  "home.stepsLabel": "How it works",
  "home.submit": "Submit a concern",
  "home.track": "Track a concern",
  "home.villageHeading": "Your village's contact leader",
  "home.villageIntro":
    "Choose your village or community to see the town leader in charge of it and its villager groups.",
  "home.show": "Show",
  "home.contactLeader": "Contact leader",
  "home.groups": "Villager groups",
  "home.noGroups": "No villager groups listed.",
  "home.unknownVillage": "We could not find that village or community. Please choose again.",
  "home.submitHere": "Submit a concern for {village}",

  "form.intro":
    "Fields marked “required” must be filled in. After submitting you get a ledger number and an access code.",
  "form.village": "Village or community",
  "form.group": "Villager group",
  "form.groupHint":
    "Optional. If chosen, the department head who looks after the group gets it directly.",
  "form.groupNone": "Not chosen",
  "form.category": "Category",
  "form.categoryLimits": "Time limits by category",
  "form.title": "Title",
  "form.titleHint": "Optional, up to {max} characters.",
  "form.description": "Description",
  "form.descriptionHint":
    "Say what the problem is, where, and for how long: {min} to {max} characters.",
  "form.counter": "{n} of at most {max} characters",
  "form.address": "Address",
  "form.addressHint": "Optional, up to {max} characters: a house number or a landmark nearby.",
  "form.contactLegend": "How to reach you",
  "form.contactName": "Contact name",
  "form.contactNameHint": "Optional, up to {max} characters.",
  "form.contactPhone": "Contact phone",
  "form.contactPhoneHint":
    "Optional: mobile or landline, so that staff can call you. Never published.",
  "form.anonymous": "Submit anonymously",
  "form.anonymousHint":
    "Anonymous concerns carry no name or phone, so staff cannot call you back: use your access code to read the answer.",
  "form.submit": "Submit",
  "form.privacy":
    "Your name, phone and address are seen only by the staff handling it and are masked in public notices.",

  "val.villageRequired": "Choose your village or community",
  "val.villageUnknown": "That village or community does not exist. Please choose again",
  "val.groupMismatch":
    "That villager group does not belong to the chosen village. Please choose again",
  "val.categoryRequired": "Choose a category",
  "val.categoryUnknown": "That category does not exist. Please choose again",
  "val.titleTooLong": "The title can have at most {max} characters; it has {n}",
  "val.descriptionRequired": "Describe your concern",
  "val.descriptionTooShort": "The description needs at least {min} characters; it has {n}",
  "val.descriptionTooLong": "The description can have at most {max} characters; it has {n}",
  "val.addressTooLong": "The address can have at most {max} characters; it has {n}",
  "val.contactNameTooLong": "The contact name can have at most {max} characters; it has {n}",
  "val.contactPhoneInvalid":
    "Enter a valid mobile or landline number, such as 13812345678 or 0510-83312345",
  "val.textRequired": "Enter the additional information",
  "val.textTooLong": "At most {max} characters; it has {n}",
  "val.ledgerNoRequired": "Enter the ledger number",
  "val.ledgerNoInvalid": "A ledger number looks like LS-2026-000123",
  "val.accessCodeRequired": "Enter the access code",
  "val.accessCodeInvalid": "The access code has 10 letters and digits",
  "err.idempotencyConflict":
    "This form was already submitted with different content. Please check it and submit again.",
  "err.badRequest": "Something in the form is not right. Please check it and try again.",

  "done.heading": "Concern submitted",
  "done.lead": "Your concern has been registered.",
  "done.save": "Keep these: you need both to track your concern",
  "done.saveDetail":
    "You need both the ledger number and the access code to follow progress or add information. The code is shown only here: take a screenshot or write it down.",
  "done.ledgerNo": "Ledger number",
  "done.accessCode": "Access code",
  "done.status": "Status",
  "done.department": "Handled by",
  "done.contactLeader": "Contact leader",
  "done.dueAt": "Answer due by",
  "done.track": "See progress",
  "done.another": "Submit another concern",

  "track.intro": "Enter the ledger number and access code you got when you submitted your concern.",
  "track.ledgerNo": "Ledger number",
  "track.ledgerNoHint": "Such as LS-2026-000123; upper or lower case.",
  "track.accessCode": "Access code",
  "track.accessCodeHint": "10 letters and digits; upper or lower case.",
  "track.submit": "Track",
  "track.notFound": "The ledger number or access code is not correct",
  "track.notFoundDetail": "Please check them and try again.",
  "track.viewHeading": "Concern {ledgerNo}",
  "track.progress": "Progress",
  "track.current": "current",
  "track.done": "done",
  "track.merged": "This concern has been merged with another one and is handled together with it.",
  "track.flags": "Notes",
  "track.flag.overdue": "Overdue",
  "track.flag.supervised": "Supervised",
  "track.flag.reopened": "Reopened",
  "track.details": "Details",
  "track.title": "Title",
  "track.description": "Description",
  "track.category": "Category",
  "track.village": "Village or community",
  "track.group": "Villager group",
  "track.createdAt": "Submitted",
  "track.dueAt": "Answer due by",
  "track.department": "Handled by",
  "track.contactLeader": "Contact leader",
  "track.none": "None",
  "track.timeline": "Timeline",
  "track.timelineEmpty": "Nothing recorded yet.",
  "track.addHeading": "Add information",
  "track.addText": "Additional information",
  "track.addHint":
    "{min} to {max} characters. It is added to the timeline and seen by the staff handling it.",
  "track.addSubmit": "Add",
  "track.added": "Added. Thank you for the information.",
  "track.another": "Track another concern",

  "status.triage": "Registered",
  "status.assigned": "Assigned",
  "status.accepted": "Signed for",
  "status.in_progress": "In progress",
  "status.deferred": "Deferred with a deadline",
  "status.answered": "Answered",
  "status.struck_off": "Closed",
  "status.merged": "Merged",
  "status.unknown": "Being handled",

  "timeline.submitted": "Concern submitted",
  "timeline.routed": "Routed to the responsible department by village and group",
  "timeline.triaged": "Assigned by the town office",
  "timeline.message": "Resident added information",
  "timeline.other": "Update",

  "limit.hours.one": "{n} hour",
  "limit.hours.other": "{n} hours",
  "limit.working_days.one": "{n} working day",
  "limit.working_days.other": "{n} working days",
  "limit.days.one": "{n} day",
  "limit.days.other": "{n} days",
  "limit.signFor": "signed for within {d}",
  "limit.answer": "answered within {d}",
  "limit.respond": "first response within {d}",
  "limit.separator": " · ",

  "notFound.body": "The page you are looking for does not exist.",
};

export const messages: { readonly [L in Locale]: Messages } = { "zh-CN": zhCN, en };

export type Vars = Readonly<Record<string, string | number>>;

/** Fill `{name}` placeholders; unknown placeholders are left as they are. */
export function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

export function t(locale: Locale, key: MessageKey, vars?: Vars): string {
  return format(messages[locale][key], vars);
}

/** A translator bound to one locale, for templates. */
export function translator(locale: Locale): (key: MessageKey, vars?: Vars) => string {
  return (key, vars) => t(locale, key, vars);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
