import * as z from "zod/mini";
import { DirectoryId } from "../directory/schema.js";
import { EvidenceFiles } from "../files/attachments.js";
import { LedgerNo } from "../ledger/ledger-number.js";
import { ReviewDecisions } from "../notice/public-text.js";
import { freeText, plainText } from "../text/hygiene.js";
import {
  ACTION_TYPES,
  type ActionType,
  RATINGS,
  REPLY_TEXT_LIMITS,
  RESPONSE_METHODS,
} from "../vocabulary.js";
import { Outcome } from "./concern.js";

const text = freeText;
const LocalDateString = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const version = z.number().check(z.int(), z.nonnegative());
/** The version of a concern its actor saw (optimistic concurrency). */
export const ConcernVersion = version;

/**
 * The own fields of the actions staff may also take on many concerns at once, written once
 * for the single action below and the bulk request (concern/bulk-action.ts).
 */
export const BULK_ACTION_FIELDS = {
  accept: {},
  dispatch: { departmentId: DirectoryId },
  assign: { assigneeId: z.string().check(z.minLength(1), z.maxLength(64)) },
  supervise: { note: text(1000) },
} as const;

/**
 * What staff can do to a concern: the body of `POST /api/staff/concerns/{no}/actions`.
 * Each carries the version the actor saw (optimistic concurrency).
 */
export const ConcernAction = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("accept"),
    expectedVersion: version,
    ...BULK_ACTION_FIELDS.accept,
  }),
  z.strictObject({ type: z.literal("return"), expectedVersion: version, reason: text(500) }),
  z.strictObject({
    type: z.literal("dispatch"),
    expectedVersion: version,
    ...BULK_ACTION_FIELDS.dispatch,
  }),
  z.strictObject({
    type: z.literal("assign"),
    expectedVersion: version,
    ...BULK_ACTION_FIELDS.assign,
  }),
  z.strictObject({
    type: z.literal("respond"),
    expectedVersion: version,
    method: z.enum(RESPONSE_METHODS),
    summary: text(REPLY_TEXT_LIMITS.respond),
  }),
  z.strictObject({
    type: z.literal("note"),
    expectedVersion: version,
    text: text(2000),
    /** Evidence files uploaded for this note (issue 15): named by the note's event. */
    evidenceFiles: z.optional(EvidenceFiles),
  }),
  z.strictObject({
    type: z.literal("defer"),
    expectedVersion: version,
    committedDate: LocalDateString,
    reason: text(REPLY_TEXT_LIMITS.defer),
  }),
  z.strictObject({
    type: z.literal("extend"),
    expectedVersion: version,
    workingDays: z.number().check(z.int(), z.gte(1), z.lte(15)),
    publicReason: text(500),
  }),
  z.strictObject({
    type: z.literal("answer"),
    expectedVersion: version,
    outcome: Outcome,
    publicReply: text(REPLY_TEXT_LIMITS.answer),
    evidence: z.optional(plainText(2000)),
    /** Evidence files uploaded for this answer (photos, PDFs): named by the answer's event. */
    evidenceFiles: z.optional(EvidenceFiles),
    /** The answerer's decisions on the public reply's highlighted spans (公开前审核). */
    review: z.optional(ReviewDecisions),
  }),
  z.strictObject({
    type: z.literal("supervise"),
    expectedVersion: version,
    ...BULK_ACTION_FIELDS.supervise,
  }),
  z.strictObject({
    type: z.literal("merge"),
    expectedVersion: version,
    targetLedgerNo: LedgerNo,
    /** Why (staff only): the duplicate suggestions fill it, "与 LS-… 反映同一问题（相似度 72%）". */
    reason: z.optional(text(500)),
  }),
  z.strictObject({
    type: z.literal("strike_off"),
    expectedVersion: version,
    verificationNote: text(1000),
  }),
  z.strictObject({ type: z.literal("redo"), expectedVersion: version, reason: text(500) }),
  /** 催办: a note to whoever handles it (staff only, never shown to the resident). */
  z.strictObject({ type: z.literal("urge"), expectedVersion: version, note: text(1000) }),
]);
export type ConcernAction = z.infer<typeof ConcernAction>;
export { ACTION_TYPES, type ActionType };

// The schema's action types are exactly the vocabulary's: adding one to either alone fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesVocabulary: Same<ConcernAction["type"], ActionType> = true;
void schemaMatchesVocabulary;

/** The resident's rating: `POST /api/concerns/{no}/feedback`. */
export const Feedback = z.strictObject({
  rating: z.enum(RATINGS),
  comment: z.optional(plainText(500)),
});
export type Feedback = z.infer<typeof Feedback>;
