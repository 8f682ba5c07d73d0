import * as z from "zod";
import { DirectoryId } from "../directory/schema.js";
import { LedgerNo } from "../ledger/ledger-number.js";
import { Outcome } from "./concern.js";

const text = (max: number) => z.string().trim().min(1).max(max);
const LocalDateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const version = z.number().int().nonnegative();

/**
 * What staff can do to a concern: the body of `POST /api/staff/concerns/{no}/actions`.
 * Each carries the version the actor saw (optimistic concurrency).
 */
export const ConcernAction = z.discriminatedUnion("type", [
  z.object({ type: z.literal("accept"), expectedVersion: version }).strict(),
  z.object({ type: z.literal("return"), expectedVersion: version, reason: text(500) }).strict(),
  z
    .object({ type: z.literal("dispatch"), expectedVersion: version, departmentId: DirectoryId })
    .strict(),
  z
    .object({
      type: z.literal("assign"),
      expectedVersion: version,
      assigneeId: z.string().min(1).max(64),
    })
    .strict(),
  z
    .object({
      type: z.literal("respond"),
      expectedVersion: version,
      method: z.enum(["phone", "visit", "in_person", "message"]),
      summary: text(1000),
    })
    .strict(),
  z.object({ type: z.literal("note"), expectedVersion: version, text: text(2000) }).strict(),
  z
    .object({
      type: z.literal("defer"),
      expectedVersion: version,
      committedDate: LocalDateString,
      reason: text(500),
    })
    .strict(),
  z
    .object({
      type: z.literal("extend"),
      expectedVersion: version,
      workingDays: z.number().int().min(1).max(15),
      publicReason: text(500),
    })
    .strict(),
  z
    .object({
      type: z.literal("answer"),
      expectedVersion: version,
      outcome: Outcome,
      publicReply: text(4000),
      evidence: z.string().trim().max(2000).optional(),
    })
    .strict(),
  z.object({ type: z.literal("supervise"), expectedVersion: version, note: text(1000) }).strict(),
  z
    .object({ type: z.literal("merge"), expectedVersion: version, targetLedgerNo: LedgerNo })
    .strict(),
  z
    .object({
      type: z.literal("strike_off"),
      expectedVersion: version,
      verificationNote: text(1000),
    })
    .strict(),
  z.object({ type: z.literal("redo"), expectedVersion: version, reason: text(500) }).strict(),
]);
export type ConcernAction = z.infer<typeof ConcernAction>;
export type ActionType = ConcernAction["type"];
export const ACTION_TYPES = ConcernAction.options.map((o) => o.shape.type.value) as ActionType[];

/** The resident's rating: `POST /api/concerns/{no}/feedback`. */
export const Feedback = z
  .object({
    rating: z.enum(["satisfied", "basically_satisfied", "dissatisfied"]),
    comment: z.string().trim().max(500).optional(),
  })
  .strict();
export type Feedback = z.infer<typeof Feedback>;
