import * as z from "zod/mini";
import type { Locale } from "../errors.js";

/**
 * Why a reserved ledger number holds no concern (作废原因). A number is reserved before its
 * concern is written (an atomic ADD on the year's counter, no read), so a submission that
 * then fails leaves a number without a concern; the ledger accounts for it with a void
 * record, never a silent gap.
 */
export const LedgerVoidReason = z.enum([
  /** Another request with the same Idempotency-Key wrote its concern first. */
  "duplicate_request",
  /** The submitter's hourly allowance filled between the check and the write. */
  "rate_limited",
  /** A photo the form named could not be claimed (not its own, refused, or never sent). */
  "upload_unavailable",
  /** The concern's write failed for another reason the submission saw (said in `detail`). */
  "write_failed",
  /** Reserved, then neither written nor voided by its request (it died): found by the job. */
  "orphaned",
]);
export type LedgerVoidReason = z.infer<typeof LedgerVoidReason>;

/** 作废记录: a ledger number that will never hold a concern, and why. */
export const LedgerVoid = z.object({
  ledgerNo: z.string(),
  reason: LedgerVoidReason,
  /** A short technical note for an inspector (an error name), never personal data. */
  detail: z.nullable(z.string()),
  voidedAt: z.string(),
  /** "submission": the request that reserved it; "escalation_job": the job's audit. */
  voidedBy: z.enum(["submission", "escalation_job"]),
});
export type LedgerVoid = z.infer<typeof LedgerVoid>;

export const LEDGER_VOID_REASON_LABELS: Record<LedgerVoidReason, { zh: string; en: string }> = {
  duplicate_request: {
    zh: "重复提交，已按首次提交登记",
    en: "repeated submission, registered once",
  },
  rate_limited: { zh: "超过提交频次限制", en: "over the submission limit" },
  upload_unavailable: { zh: "所附照片无效，未登记", en: "an attached photo was not available" },
  write_failed: { zh: "登记未能写入", en: "registration could not be written" },
  orphaned: { zh: "预留后未登记（超时）", en: "reserved but never registered (timed out)" },
};

/** The status a void shows where a concern shows its status (the ledger export's 状态). */
export const LEDGER_VOID_STATUS_LABEL: { zh: string; en: string } = { zh: "作废", en: "Void" };

/**
 * A year of ledger numbers as the public statistics give it: how many were issued, how many
 * hold a concern, how many are void and why. Numbers and fixed labels only: a void carries
 * nothing personal, and its `detail` (a technical note) is not published.
 */
export interface LedgerYearFigures {
  year: number;
  /** Numbers issued: the year's counter (every number up to it was reserved). */
  issued: number;
  /** Concerns registered in the year. */
  registered: number;
  /** Void numbers (作废). */
  voided: number;
  /** The voids by reason, in the order of `LedgerVoidReason`; reasons with none left out. */
  voidReasons: Array<{ reason: LedgerVoidReason; label: string; count: number }>;
}

/**
 * The year's figures from its counter, its void records and the concerns registered in it.
 * `issued` may exceed `registered + voided` for a few minutes: numbers reserved by requests
 * still writing, or by requests that died and await the escalation job's audit.
 */
export function ledgerYearFigures(args: {
  year: number;
  lastSequence: number;
  voids: readonly Pick<LedgerVoid, "reason">[];
  registered: number;
  locale: Locale;
}): LedgerYearFigures {
  const lang = args.locale === "en" ? "en" : "zh";
  const counts = new Map<LedgerVoidReason, number>();
  for (const v of args.voids) counts.set(v.reason, (counts.get(v.reason) ?? 0) + 1);
  return {
    year: args.year,
    issued: args.lastSequence,
    registered: args.registered,
    voided: args.voids.length,
    voidReasons: LedgerVoidReason.options.flatMap((reason) => {
      const count = counts.get(reason) ?? 0;
      return count > 0 ? [{ reason, label: LEDGER_VOID_REASON_LABELS[reason][lang], count }] : [];
    }),
  };
}
