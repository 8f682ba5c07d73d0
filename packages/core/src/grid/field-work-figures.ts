import type { Counters } from "../metrics/counters.js";
import type { FieldLog, FieldWorkKind } from "./schema.js";

/*
 * No zod here: the store imports these to write a log's counters, and a module that builds
 * schemas at import would build them on every cold start of the API.
 */

/**
 * Field-work figures (蹲点日志 totals), pre-aggregated like the concern counters: a log adds
 * its figures to counter items per author, per author's department and per village, for
 * the log's month, in the transaction that writes the log. No town-wide item: the town is
 * the sum of its villages.
 *
 * Figures are person-times (人次) where the seed counts people:
 * - visits: people reached by household visits (走访群众 … 人次);
 * - enterprises: enterprises visited (any kind of log may record some);
 * - symposia: symposium logs (座谈会 … 场次);
 * - talks: people reached by heart-to-heart talks (谈心谈话 … 人次);
 * - consulted: people whose opinions were asked (征求 … 人的意见);
 * - officeHours / served: front-line office-hour sessions and the people they served;
 * - concernsRaised: concerns registered from the logs;
 * - logs: field logs written.
 */
export const FIELD_WORK_FIELDS = [
  "logs",
  "visits",
  "enterprises",
  "symposia",
  "talks",
  "consulted",
  "officeHours",
  "served",
  "concernsRaised",
] as const;
export type FieldWorkField = (typeof FIELD_WORK_FIELDS)[number];
export type FieldWorkFigures = Record<FieldWorkField, number>;

/** Counter scopes of field work (their own partitions, apart from the concern counters). */
export type FieldWorkScopeKind = "fieldwork_person" | "fieldwork_department" | "fieldwork_village";

export interface FieldWorkDelta {
  /** `member`: a per-person item inside a village's partition (who was engaged where). */
  scope: { kind: FieldWorkScopeKind; id: string; member?: string };
  month: string;
  field: FieldWorkField;
  amount: number;
}

/** The figures one log adds. */
export function fieldWorkFigures(
  log: Pick<FieldLog, "kind" | "peopleReached" | "enterprises" | "peopleConsulted"> & {
    concernLedgerNos?: string[];
  },
): FieldWorkFigures {
  const reached = (kind: FieldWorkKind) => (log.kind === kind ? log.peopleReached : 0);
  return {
    logs: 1,
    visits: reached("household_visits"),
    enterprises: log.enterprises,
    symposia: log.kind === "symposium" ? 1 : 0,
    talks: reached("talk"),
    consulted: log.peopleConsulted,
    officeHours: log.kind === "office_hours" ? 1 : 0,
    served: reached("office_hours"),
    concernsRaised: log.concernLedgerNos?.length ?? 0,
  };
}

/**
 * The counter deltas of one new log: its author, the author's department (if any), the
 * village, and the author's item within the village (for "people engaged").
 */
export function fieldWorkDeltas(
  log: FieldLog,
  author: { departmentId: string | null },
): FieldWorkDelta[] {
  const month = log.date.slice(0, 7);
  const scopes: FieldWorkDelta["scope"][] = [
    { kind: "fieldwork_person", id: log.authorId },
    { kind: "fieldwork_village", id: log.villageId },
    { kind: "fieldwork_village", id: log.villageId, member: log.authorId },
  ];
  if (author.departmentId) scopes.push({ kind: "fieldwork_department", id: author.departmentId });
  const figures = fieldWorkFigures(log);
  return scopes.flatMap((scope) =>
    FIELD_WORK_FIELDS.filter((f) => figures[f] !== 0).map((field) => ({
      scope,
      month,
      field,
      amount: figures[field],
    })),
  );
}

/** Field-work figures from counter items (missing fields are zero). */
export function fieldWorkOf(counters: Counters[]): FieldWorkFigures {
  const out = Object.fromEntries(FIELD_WORK_FIELDS.map((f) => [f, 0])) as FieldWorkFigures;
  for (const c of counters) for (const f of FIELD_WORK_FIELDS) out[f] += c[f] ?? 0;
  return out;
}

/** A day someone was present in a village (and group) for field work: compliance's unit. */
export interface PresenceDay {
  personId: string;
  villageId: string;
  groupId: string | null;
  date: string;
}

export function presenceOf(log: FieldLog): PresenceDay {
  return {
    personId: log.authorId,
    villageId: log.villageId,
    groupId: log.groupId,
    date: log.date,
  };
}
