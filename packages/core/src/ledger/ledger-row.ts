import type { Concern } from "../concern/concern.js";
import type { ConcernStatus } from "../concern/status.js";
import type { Channel } from "../concern/submission.js";
import { type DirectoryIndex, namedRefs } from "../directory/lookup.js";
import type { Locale } from "../errors.js";
import { endOfShanghaiDay, shanghaiDate } from "../time/shanghai.js";
import {
  LEDGER_VOID_REASON_LABELS,
  LEDGER_VOID_STATUS_LABEL,
  type LedgerVoid,
} from "./ledger-void.js";

/**
 * The ledger (台账) as a town office keeps it in Excel: one row per concern, the columns
 * below, in this order (and, in a town-wide export, one per void number: `toLedgerVoidRow`).
 * Values stay typed (dates as `Date`, day counts as numbers) so that an xlsx writer makes
 * date and number cells; a CSV writer formats them. An empty date or number is null.
 */
export type LedgerCellKind = "text" | "date" | "number";

export interface LedgerColumn {
  key: LedgerColumnKey;
  header: Record<Locale, string>;
  kind: LedgerCellKind;
  /** Column width in Excel's character units. */
  width: number;
}

export const LEDGER_COLUMNS = [
  { key: "ledgerNo", header: { "zh-CN": "台账编号", en: "Ledger no." }, kind: "text", width: 16 },
  { key: "registered", header: { "zh-CN": "登记日期", en: "Registered" }, kind: "date", width: 12 },
  { key: "channel", header: { "zh-CN": "渠道", en: "Channel" }, kind: "text", width: 10 },
  { key: "village", header: { "zh-CN": "村（社区）", en: "Village" }, kind: "text", width: 12 },
  { key: "group", header: { "zh-CN": "村民小组", en: "Villager group" }, kind: "text", width: 10 },
  { key: "category", header: { "zh-CN": "问题类别", en: "Category" }, kind: "text", width: 14 },
  { key: "summary", header: { "zh-CN": "内容摘要", en: "Summary" }, kind: "text", width: 50 },
  {
    key: "department",
    header: { "zh-CN": "承办部门", en: "Department" },
    kind: "text",
    width: 16,
  },
  {
    key: "contactLeader",
    header: { "zh-CN": "驻村领导", en: "Contact leader" },
    kind: "text",
    width: 10,
  },
  { key: "status", header: { "zh-CN": "状态", en: "Status" }, kind: "text", width: 10 },
  { key: "outcome", header: { "zh-CN": "办理结果", en: "Outcome" }, kind: "text", width: 10 },
  { key: "due", header: { "zh-CN": "答复期限", en: "Due" }, kind: "date", width: 12 },
  { key: "closed", header: { "zh-CN": "办结日期", en: "Closed" }, kind: "date", width: 12 },
  {
    key: "daysTaken",
    header: { "zh-CN": "办理天数", en: "Days taken" },
    kind: "number",
    width: 9,
  },
  {
    key: "overdueDays",
    header: { "zh-CN": "逾期天数", en: "Overdue days" },
    kind: "number",
    width: 9,
  },
  { key: "rating", header: { "zh-CN": "满意度评价", en: "Rating" }, kind: "text", width: 12 },
] as const satisfies readonly {
  key: string;
  header: Record<Locale, string>;
  kind: LedgerCellKind;
  width: number;
}[];

export type LedgerColumnKey = (typeof LEDGER_COLUMNS)[number]["key"];

type CellValue<K extends LedgerCellKind> = K extends "date"
  ? Date | null
  : K extends "number"
    ? number | null
    : string;

/** One ledger row, typed per column. */
export type LedgerRow = {
  [C in (typeof LEDGER_COLUMNS)[number] as C["key"]]: CellValue<C["kind"]>;
};

export function ledgerHeaders(locale: Locale): string[] {
  return LEDGER_COLUMNS.map((c) => c.header[locale]);
}

/** The row's values in column order. */
export function ledgerValues(row: LedgerRow): Array<string | number | Date | null> {
  return LEDGER_COLUMNS.map((c) => row[c.key]);
}

const LABELS = {
  "zh-CN": {
    channel: {
      online: "网上提交",
      phone: "电话",
      in_person: "来访",
      visit: "走访",
      symposium: "座谈会",
      talk: "谈心谈话",
      office_hours: "一线服务日",
      open311: "Open311",
    },
    status: {
      triage: "待分派",
      assigned: "待签收",
      accepted: "已签收",
      in_progress: "办理中",
      deferred: "限期办理",
      answered: "已答复",
      struck_off: "已销号",
      merged: "已合并",
    },
    outcome: { resolved: "解决到位", explained: "解释到位", assisted: "帮扶到位" },
    rating: { satisfied: "满意", basically_satisfied: "基本满意", dissatisfied: "不满意" },
  },
  en: {
    channel: {
      online: "Online",
      phone: "Phone",
      in_person: "In person",
      visit: "Visit",
      symposium: "Symposium",
      talk: "Heart-to-heart talk",
      office_hours: "Front-line service day",
      open311: "Open311",
    },
    status: {
      triage: "To triage",
      assigned: "To sign for",
      accepted: "Signed for",
      in_progress: "In progress",
      deferred: "Deferred",
      answered: "Answered",
      struck_off: "Struck off",
      merged: "Merged",
    },
    outcome: { resolved: "Resolved", explained: "Explained", assisted: "Assisted" },
    rating: {
      satisfied: "Satisfied",
      basically_satisfied: "Basically satisfied",
      dissatisfied: "Dissatisfied",
    },
  },
} as const satisfies Record<
  Locale,
  {
    channel: Record<Channel, string>;
    status: Record<ConcernStatus, string>;
    outcome: Record<NonNullable<Concern["outcome"]>, string>;
    rating: Record<NonNullable<Concern["rating"]>["rating"], string>;
  }
>;

const DAY_MS = 86_400_000;
const SUMMARY_MAX = 120;

/**
 * A calendar date of Asia/Shanghai as a `Date` at 00:00 UTC of that day. Spreadsheet dates
 * have no time zone: a writer turning this into a date serial shows the town's date,
 * whatever the server's zone.
 */
export function ledgerDate(instant: string | Date): Date {
  const d = typeof instant === "string" ? new Date(instant) : instant;
  return new Date(`${shanghaiDate(d)}T00:00:00Z`);
}

/** The limit the answer runs against: the committed date of a deferred item, else answerBy. */
function answerDue(concern: Concern): Date {
  return concern.committedDate
    ? endOfShanghaiDay(concern.committedDate)
    : new Date(concern.deadlines.answerBy);
}

/**
 * When handling ended: the answer (answered, struck off), the merge; null while open
 * (a reopened item is open again whatever its earlier answer).
 */
function handlingEnd(concern: Concern): Date | null {
  switch (concern.status) {
    case "answered":
    case "struck_off": {
      const at = concern.answeredAt ?? concern.closedAt;
      return at ? new Date(at) : null;
    }
    case "merged":
      return concern.closedAt ? new Date(concern.closedAt) : null;
    default:
      return null;
  }
}

function summaryOf(concern: Concern): string {
  const text = [concern.title, concern.description]
    .filter((t): t is string => Boolean(t))
    .join("：")
    .replace(/\s+/g, " ")
    .trim();
  const chars = [...text];
  return chars.length > SUMMARY_MAX ? `${chars.slice(0, SUMMARY_MAX - 1).join("")}…` : text;
}

/**
 * One concern as a ledger row, in the caller's language.
 * - 登记日期, 答复期限, 办结日期: Asia/Shanghai dates (see `ledgerDate`). 办结 is the day the
 *   item was closed (struck off, merged); empty while it is not.
 * - 办理天数: calendar days from registration to the answer (or the merge), or to `now` while
 *   it is open: the town's dates, so registered and answered on one day is 0.
 * - 逾期天数: calendar days, working days or not, by which the answer passed its limit
 *   (the committed date of a deferred item, else the answer deadline), counted at the answer
 *   or at `now` while open; any part of a day counts as a day; 0 when on time.
 */
export function toLedgerRow(
  concern: Concern,
  index: DirectoryIndex,
  locale: Locale,
  now: Date,
): LedgerRow {
  const labels = LABELS[locale];
  const refs = namedRefs(index, locale);
  const end = handlingEnd(concern);
  const until = end ?? now;
  const due = answerDue(concern);
  const lateMs = until.getTime() - due.getTime();
  const daysTaken = Math.max(
    0,
    Math.round((ledgerDate(until).getTime() - ledgerDate(concern.createdAt).getTime()) / DAY_MS),
  );
  const overdueDays = lateMs > 0 ? Math.ceil(lateMs / DAY_MS) : 0;
  return {
    ledgerNo: concern.ledgerNo,
    registered: ledgerDate(concern.createdAt),
    channel: labels.channel[concern.channel] ?? concern.channel,
    village: refs.village(concern.villageId).name,
    group: concern.groupId
      ? (index.group(concern.villageId, concern.groupId)?.name ?? concern.groupId)
      : "",
    category: refs.category(concern.categoryCode).name,
    summary: summaryOf(concern),
    department: refs.department(concern.routing.department.id, concern.routing.department.name)
      .name,
    contactLeader: concern.routing.contactLeader.name,
    status: labels.status[concern.status] ?? concern.status,
    outcome: concern.outcome ? labels.outcome[concern.outcome] : "",
    due: ledgerDate(due),
    closed: concern.closedAt ? ledgerDate(concern.closedAt) : null,
    daysTaken,
    overdueDays,
    rating: concern.rating ? labels.rating[concern.rating.rating] : "",
  };
}

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai. */
function shanghaiMinute(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

/**
 * A void number (作废) as a ledger row: the number, the status 作废, and in 内容摘要 the reason
 * and when it was voided (Asia/Shanghai, to the minute); every other column empty. The
 * number never held a concern, so there is no registration date, place, category or handler
 * to show, and `detail` (a technical note) stays out of the ledger.
 */
export function toLedgerVoidRow(entry: LedgerVoid, locale: Locale): LedgerRow {
  const lang = locale === "en" ? "en" : "zh";
  const reason = LEDGER_VOID_REASON_LABELS[entry.reason]?.[lang] ?? entry.reason;
  const at = shanghaiMinute(entry.voidedAt);
  return {
    ledgerNo: entry.ledgerNo,
    registered: null,
    channel: "",
    village: "",
    group: "",
    category: "",
    summary:
      lang === "en" ? `Void: ${reason}; voided ${at}` : `作废原因：${reason}；作废时间：${at}`,
    department: "",
    contactLeader: "",
    status: LEDGER_VOID_STATUS_LABEL[lang],
    outcome: "",
    due: null,
    closed: null,
    daysTaken: null,
    overdueDays: null,
    rating: "",
  };
}
