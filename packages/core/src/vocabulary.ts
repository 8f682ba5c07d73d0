/**
 * The domain's closed word lists and field limits, as plain constants: written once here,
 * core builds its zod schemas from them and `@lianxin/contract` hands them to the API's
 * callers. This file imports nothing, so a site (or a browser island) can use it without
 * loading zod, and the API's cold start builds no schema for it.
 */

/**
 * Where a concern is in its life. Overdue, supervised and reopened are flags, not states.
 * 待分派 / 已分派 / 已签收 / 办理中 / 限期办理 / 已答复 / 已销号 / 已合并.
 */
export const CONCERN_STATUSES = [
  "triage",
  "assigned",
  "accepted",
  "in_progress",
  "deferred",
  "answered",
  "struck_off",
  "merged",
] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];

/** The statuses of a concern still being handled: not yet answered, struck off or merged. */
export const OPEN_STATUSES = [
  "triage",
  "assigned",
  "accepted",
  "in_progress",
  "deferred",
] as const satisfies readonly ConcernStatus[];

/**
 * What staff can do to a concern (`POST /api/staff/concerns/{no}/actions`). `urge` (催办): the
 * contact leader, admin or an inspector presses the handler of an open concern.
 */
export const ACTION_TYPES = [
  "accept",
  "return",
  "dispatch",
  "assign",
  "respond",
  "note",
  "defer",
  "extend",
  "answer",
  "supervise",
  "merge",
  "strike_off",
  "redo",
  "urge",
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/**
 * What a queue's selected rows can be given at once (签收, 分派, 指派, 督办): each item is
 * still its own action, with its own event and version check.
 */
export const BULK_ACTIONS = [
  "accept",
  "dispatch",
  "assign",
  "supervise",
] as const satisfies readonly ActionType[];
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** At most this many concerns in one bulk action: a page of the queue, within one request. */
export const BULK_ITEMS_MAX = 50;

/** The actions that take evidence files, uploaded beforehand for that stage (issue 15). */
export const EVIDENCE_ACTIONS = ["answer", "note"] as const satisfies readonly ActionType[];
export type EvidenceAction = (typeof EVIDENCE_ACTIONS)[number];

/** How a concern reached the ledger. Field-work channels come with the field logs. */
export const CHANNELS = [
  "online",
  "phone",
  "in_person",
  "visit",
  "symposium",
  "talk",
  "office_hours",
  "open311",
] as const;
export type Channel = (typeof CHANNELS)[number];

/** The channels staff register a concern through (the portal and Open311 file their own). */
export const STAFF_CHANNELS = [
  "phone",
  "in_person",
  "visit",
  "symposium",
  "talk",
  "office_hours",
] as const satisfies readonly Channel[];
export type StaffChannel = (typeof STAFF_CHANNELS)[number];

/** How a first response reached the resident. */
export const RESPONSE_METHODS = ["phone", "visit", "in_person", "message"] as const;
export type ResponseMethod = (typeof RESPONSE_METHODS)[number];

/** 解决到位 / 解释到位 / 帮扶到位. */
export const OUTCOMES = ["resolved", "explained", "assisted"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** 满意 / 基本满意 / 不满意. */
export const RATINGS = ["satisfied", "basically_satisfied", "dissatisfied"] as const;
export type Rating = (typeof RATINGS)[number];

/** How a time limit is counted. */
export const LIMIT_UNITS = ["hours", "working_days", "days"] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];

/** Staff roles (see staff/schema.ts for what each does). */
export const ROLES = ["admin", "leader", "dept_head", "cadre", "inspector"] as const;
export type Role = (typeof ROLES)[number];

/** 村 / 社区 / 园区. */
export const VILLAGE_KINDS = ["village", "community", "park"] as const;
export type VillageKind = (typeof VILLAGE_KINDS)[number];

/** A department, the discipline commission (纪委) or the town office (党政办). */
export const DEPARTMENT_KINDS = ["department", "discipline", "office"] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

/** A party member's service post: a villager group, or a list of households. */
export const POST_KINDS = ["group", "households"] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** What kind of field work a log records: 走访入户 / 走访企业 / 座谈会 / 谈心谈话 / 一线办公. */
export const FIELD_WORK_KINDS = [
  "household_visits",
  "enterprise_visit",
  "symposium",
  "talk",
  "office_hours",
] as const;
export type FieldWorkKind = (typeof FIELD_WORK_KINDS)[number];

/** What lands in a staff member's inbox (消息): 80 % reminders, overdue, the commission's list, 催办… */
export const INBOX_KINDS = [
  "reminder",
  "overdue",
  "escalated",
  "struck_off_no_rating",
  "verification_needed",
  "urged",
  /** The town's hourly SMS cap was reached: sending paused until the hour ends (admin). */
  "sms_paused",
  /** A concern arrived: for its department (shared inbox) and its village's contact leader. */
  "new_concern",
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/**
 * The monthly counters every change adds to (DESIGN.md "Metrics"; metrics/counters.ts
 * computes the deltas).
 */
export const COUNTER_FIELDS = [
  "received",
  "dueForResponse",
  "respondedInTime",
  "answered",
  "closed",
  "closedResolved",
  "closedExplained",
  "closedAssisted",
  "closedOnTime",
  "ratedSatisfied",
  "ratedBasically",
  "ratedDissatisfied",
  "returned",
  "reopened",
  "overdue",
] as const;
export type CounterField = (typeof COUNTER_FIELDS)[number];

/**
 * The backlog's age buckets (calendar days since registration), youngest first, as the 12345
 * reports keep them: the dashboard counts the open concerns in each.
 */
export const BACKLOG_AGE_BUCKETS = [
  { bucket: "lt1d", maxDays: 1 },
  { bucket: "1to3d", maxDays: 3 },
  { bucket: "3to7d", maxDays: 7 },
  { bucket: "7to15d", maxDays: 15 },
  { bucket: "gt15d", maxDays: Number.POSITIVE_INFINITY },
] as const;
export type BacklogAgeBucket = (typeof BACKLOG_AGE_BUCKETS)[number]["bucket"];

/** Field lengths of a concern as submitted (characters, after trimming). */
export const CONCERN_FIELD_LIMITS = {
  title: 100,
  descriptionMin: 10,
  description: 4000,
  address: 200,
  contactName: 50,
  /** A resident's added information. */
  message: 2000,
  /** A rating's comment. */
  ratingComment: 500,
} as const;

/**
 * The kinds of personal data the masking engine finds in public text: phone numbers, e-mail
 * addresses, ID numbers (身份证号), bank cards, licence plates, QQ/WeChat ids, house numbers
 * (门牌号) and people's names.
 */
export const PERSONAL_DATA_KINDS = [
  "phone",
  "email",
  "id_number",
  "bank_card",
  "plate",
  "im_id",
  "house_number",
  "name",
] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/**
 * A portal place's datum (concern/place.ts): WGS84 (GPS, the W3C geolocation spec) or GCJ-02
 * (China's obfuscated datum, which some browsers and WeChat report).
 */
export const DATUMS = ["wgs84", "gcj02"] as const;
/** Where a portal place came from: the browser's geolocation or WeChat's JS-SDK. */
export const PLACE_SOURCES = ["browser", "wechat"] as const;
/** A place whose accuracy is worse than this (metres) is refused. */
export const MAX_PLACE_ACCURACY_M = 5000;

/**
 * 答复模板 (issue 16): the actions whose forms offer reply templates (答复, 首次回应, 限期办理),
 * and the placeholders a template's text may hold, filled from the concern when it is chosen.
 */
export const REPLY_TEMPLATE_ACTIONS = [
  "answer",
  "respond",
  "defer",
] as const satisfies readonly ActionType[];
export type ReplyTemplateAction = (typeof REPLY_TEMPLATE_ACTIONS)[number];
export const REPLY_PLACEHOLDERS = [
  "village",
  "department",
  "ledgerNo",
  "dueDate",
  "today",
] as const;
export type ReplyPlaceholder = (typeof REPLY_PLACEHOLDERS)[number];
/**
 * The text each templated action takes (characters): an answer's public reply, a response's
 * summary, a deferral's public reason. A template for a form must fit it.
 */
export const REPLY_TEXT_LIMITS = {
  answer: 4000,
  respond: 1000,
  defer: 500,
} as const satisfies Record<ReplyTemplateAction, number>;
/** A template's lengths (characters): its title, its text, an edit's or retirement's reason. */
export const REPLY_TEMPLATE_LIMITS = { title: 60, body: 4000, reason: 500 } as const;

/**
 * Staff search (检索, issue 16): what a query was read as (a ledger number jumps to it, a
 * mainland mobile finds its resident's concerns, anything else is words).
 */
export const SEARCH_KINDS = ["ledger", "phone", "words"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
/**
 * Why a search answered nothing though the query was fine: the user may not search by
 * phone; no concern they may see has that ledger number.
 */
export const SEARCH_NOTES = ["phone_not_permitted", "ledger_not_found"] as const;
export type SearchNote = (typeof SEARCH_NOTES)[number];

/**
 * The queue's filters and sorts (`GET /api/staff/queue`; the leaders' dashboard links to
 * them, so the names are part of the contract). The three staff time limits, named as
 * core's deadlines name them: 签收 (sign_for), 首次回应 (respond), 答复 (answer; a deferred
 * concern's committed date is its answer's limit).
 */
export const QUEUE_STAGES = ["sign_for", "respond", "answer"] as const;
export type QueueStage = (typeof QUEUE_STAGES)[number];
/** 按剩余时间 (most urgent first), 按登记时间 (newest first), 按最近变动 (newest first). */
export const QUEUE_SORTS = ["time_left", "registered", "last_change"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
/** 不满意 (a dissatisfied rating, ever), 未评价 (an answer not rated yet). */
export const QUEUE_RATING_FILTERS = ["dissatisfied", "unrated"] as const;
export type QueueRatingFilter = (typeof QUEUE_RATING_FILTERS)[number];
/** Words `status` takes besides the statuses: 未办结 (every open status), 已办结 (closed). */
export const QUEUE_STATUS_GROUPS = ["open", "closed"] as const;
export type QueueStatusGroup = (typeof QUEUE_STATUS_GROUPS)[number];
/** The statuses of a closed concern: listed only within a date range, read newest first. */
export const CLOSED_STATUSES = ["struck_off", "merged"] as const satisfies readonly ConcernStatus[];
/** The query parameters of a queue's filters, in the order a form shows them. */
export const QUEUE_FILTER_PARAMS = [
  "status",
  "stage",
  "overdue",
  "village",
  "group",
  "category",
  "department",
  "assignee",
  "supervised",
  "rating",
  "reopened",
  "channel",
  "from",
  "to",
  "sort",
] as const;
export type QueueFilterParam = (typeof QUEUE_FILTER_PARAMS)[number];

/**
 * The discipline commission's watch lists (纪委监督清单, issue 17): 超期5个工作日以上,
 * 两次不满意, 退回超过两次, 同一群众90天内3次反映同类问题, 作风投诉.
 */
export const WATCH_LISTS = [
  "overdue",
  "dissatisfied_twice",
  "returned_thrice",
  "repeat_resident",
  "conduct",
] as const;
export type WatchList = (typeof WATCH_LISTS)[number];

/**
 * The reasons the system gives on a concern's events (a person's reason is free text): struck
 * off on a satisfied rating or none in time, reopened on a dissatisfied one, supervised when
 * overdue. The staff site words each; an unknown one falls back.
 */
export const SYSTEM_EVENT_REASONS = [
  "satisfied_rating",
  "dissatisfied_rating",
  "no_rating",
  "auto_overdue",
] as const;
export type SystemEventReason = (typeof SYSTEM_EVENT_REASONS)[number];

/** Why a staff member's access to a resident's personal data was logged (查阅记录). */
export const ACCESS_LOG_PURPOSES = ["view", "phone_search", "reissue_access_code"] as const;
export type AccessLogPurpose = (typeof ACCESS_LOG_PURPOSES)[number];
