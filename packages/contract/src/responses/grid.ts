import type {
  AssessmentMeasure,
  ComplianceState,
  FieldLog,
  FieldWorkFigures,
  PartyMember,
  RotationPeriod,
  ServiceDay,
} from "@lianxin/core";
import type { Ref } from "./common.js";

/** `GET /api/staff/rotation/:villageId` (and the PUT's answer): 包干轮换. */
export interface RotationView {
  village: Ref;
  month: string;
  groups: { id: string; name: string; holder: Ref | null }[];
  heads: {
    id: string;
    name: string;
    department: Ref | null;
    holding: string[];
    coverage: { covered: string[]; total: number };
  }[];
  plan: {
    startMonth: string;
    horizonMonths: number;
    intervalMonths: number;
    groupIds: string[];
    headIds: string[];
    currentPeriod: number | null;
    periods: RotationPeriod[];
    savedAt: string | null;
    savedBy: Ref | null;
  } | null;
}

/** A service day (一线服务日) with its village, host, next dates and recent dates held. */
export interface ServiceDayItem extends ServiceDay {
  village: Ref;
  host: { name: string; title: string } | null;
  next: string[];
  /** Its last dates up to today, newest first; `logId` once recorded as held. */
  past: { date: string; logId: string | null }[];
}

/** A party member (党员) with the name of the group their post serves. */
export type PartyMemberItem = Omit<PartyMember, "post"> & {
  post: PartyMember["post"] & { groupName: string | null };
};

/** `GET /api/staff/party-members?villageId=`. */
export interface PartyMemberList {
  village: Ref;
  items: PartyMemberItem[];
}

/** A field log (蹲点日志) with names. */
export type FieldLogView = FieldLog & { author: Ref; village: Ref; group: Ref | null };

/** `GET /api/staff/field-logs`: one owner's logs for one month. */
export interface FieldLogPage {
  month: string;
  owner: { kind: "author" | "village" | "department"; id: string };
  items: FieldLogView[];
  nextCursor: string | null;
}

/** `GET /api/staff/compliance`: leaders' and heads' monthly field work against the rules. */
export interface ComplianceView {
  from: string;
  to: string;
  months: string[];
  currentMonth: string;
  rows: {
    personId: string;
    name: string;
    role: "leader" | "dept_head";
    department: Ref | null;
    rate: number | null;
    gaps: number;
    cells: {
      month: string;
      state: ComplianceState;
      places: { village: Ref; groups: Ref[]; days: number }[];
    }[];
  }[];
}

/** `GET /api/staff/reports/quarterly`: a person's or department's quarter (季度报告). */
export interface QuarterlyReport {
  quarter: string;
  months: string[];
  subject: { kind: "person" | "department"; id: string; name: string };
  fieldWork: FieldWorkFigures;
  byMonth: (FieldWorkFigures & { month: string })[];
  concerns: {
    raised: number;
    open: number;
    resolved: number;
    explained: number;
    assisted: number;
    solved: number;
  };
  compliance: {
    rate: number | null;
    gaps: number;
    cells: { month: string; state: string }[];
  } | null;
  rates: { response: number | null; resolution: number | null; satisfaction: number | null };
  logs: number;
  /** The departments the user may choose (names; their own first), for the report's list. */
  departments: Ref[];
  /** When the report is of a department: its written sections, and whether the user may save them. */
  draft: QuarterlyDraftView | null;
}

/** 季度工作报告's 存在问题 / 下步打算 of a department's quarter, as last saved (version 0: never). */
export interface QuarterlyDraftView {
  department: Ref;
  quarter: string;
  problems: string;
  plans: string;
  version: number;
  savedAt: string | null;
  savedBy: { id: string; name: string } | null;
  mayWrite: boolean;
}

/** The body of `PUT /api/staff/reports/quarterly/draft`. */
export interface QuarterlyDraftBody {
  department: string;
  quarter: string;
  problems: string;
  plans: string;
  /** The version read (0 for a first save): a save over a newer one answers 409. */
  expectedVersion: number;
}

/** `GET /api/staff/reports/annual`: departments ranked by the composite score (年度考核). */
export interface AnnualAssessment {
  year: string;
  through: string;
  weights: Record<AssessmentMeasure, number>;
  rows: ({
    rank: number;
    department: Ref;
    received: number;
    closed: number;
    score: number | null;
  } & Record<AssessmentMeasure, number | null>)[];
}

/** `GET /api/statistics/field-work`: the rooting campaign's town totals; numbers only. */
export interface FieldWorkTotals {
  from: string;
  to: string;
  departments: number;
  leaders: number;
  people: number;
  cadresAndPartyMembers: number;
  villages: number;
  visits: number;
  enterprises: number;
  symposia: number;
  talks: number;
  consulted: number;
  logs: number;
  concernsRaised: number;
  solved: number;
}
