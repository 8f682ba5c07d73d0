import * as z from "zod/mini";
import { DirectoryId } from "../directory/schema.js";
import { freeText, plainText } from "../text/hygiene.js";
import { FIELD_WORK_KINDS, POST_KINDS } from "../vocabulary.js";

/**
 * The town's grid beyond the directory (DESIGN.md "The town's grid"): party members'
 * service posts (入户), front-line service days (一线服务日) and field logs (蹲点日志).
 */

const LocalDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const LocalTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));

/** 认领服务岗位: the post a party member claims in the village where they registered. */
export const PartyMember = z.object({
  id: DirectoryId,
  name: freeText(50),
  villageId: DirectoryId,
  post: z.object({
    /** A villager group as a whole, or named households. */
    kind: z.enum(POST_KINDS),
    groupId: z.nullable(DirectoryId),
    /** e.g. 倪巷组 12–30 号 (shown publicly as written; no personal data here). */
    households: z.nullable(plainText(200)),
    title: freeText(50),
  }),
  demo: z._default(z.boolean(), false),
  retiredAt: z._default(z.nullable(z.string()), null),
});
export type PartyMember = z.infer<typeof PartyMember>;

/**
 * 一线服务日: a leader's or department head's scheduled hours in a village, either once
 * (`date`) or weekly (`weekday`, 1 = Monday … 7 = Sunday) within a date range.
 */
export const ServiceDay = z.object({
  id: DirectoryId,
  personId: DirectoryId,
  villageId: DirectoryId,
  place: freeText(100),
  startTime: LocalTime,
  endTime: LocalTime,
  schedule: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("once"), date: LocalDate }),
    z.object({
      kind: z.literal("weekly"),
      weekday: z.number().check(z.int(), z.gte(1), z.lte(7)),
      from: LocalDate,
      until: z.nullable(LocalDate),
    }),
  ]),
  demo: z._default(z.boolean(), false),
  retiredAt: z._default(z.nullable(z.string()), null),
});
export type ServiceDay = z.infer<typeof ServiceDay>;

/** What kind of field work a log records. */
export const FieldWorkKind = z.enum(FIELD_WORK_KINDS);
export type FieldWorkKind = z.infer<typeof FieldWorkKind>;

/**
 * 蹲点日志: one field visit. Counts are person-times (人次) as the town reports them: a log
 * records how many people it reached, so totals are sums of these counts.
 */
export const FieldLog = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  authorId: z.string().check(z.minLength(1), z.maxLength(64)),
  date: LocalDate,
  villageId: DirectoryId,
  groupId: z.nullable(DirectoryId),
  kind: FieldWorkKind,
  peopleReached: z.number().check(z.int(), z.gte(0), z.lte(10_000)),
  enterprises: z.number().check(z.int(), z.gte(0), z.lte(1_000)),
  peopleConsulted: z.number().check(z.int(), z.gte(0), z.lte(10_000)),
  notes: plainText(4000),
  /** Concerns registered from this visit (ledger numbers). */
  concernLedgerNos: z._default(z.array(z.string()), []),
  /** The service day this visit held, if any. */
  serviceDayId: z._default(z.nullable(z.string()), null),
  createdAt: z.string(),
  demo: z._default(z.boolean(), false),
});
export type FieldLog = z.infer<typeof FieldLog>;

/** The channel a concern raised during a field visit enters the ledger with. */
export function channelOfFieldWork(kind: FieldWorkKind) {
  switch (kind) {
    case "symposium":
      return "symposium" as const;
    case "talk":
      return "talk" as const;
    case "office_hours":
      return "office_hours" as const;
    default:
      return "visit" as const;
  }
}
