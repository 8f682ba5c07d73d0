import { auditStep, formatLedgerNo, ledgerYear, numbersToAudit } from "@lianxin/core";
import type { Deps } from "../../deps.js";

/**
 * The escalation job's audit of reserved ledger numbers (core's number-audit.ts): numbers
 * past the watermark are read (BatchGetItem, keys only), those empty for 10 minutes are
 * voided as orphaned (once: the void is conditional), and the watermark moves on. Last year
 * is audited too until it is complete, so that numbers reserved on New Year's Eve are not
 * forgotten.
 */
export async function auditLedgerNumbers(deps: Deps): Promise<{ checked: number; voided: number }> {
  const now = deps.now();
  const year = ledgerYear(now);
  let checked = 0;
  let voided = 0;
  for (const y of [year - 1, year]) {
    const { lastSequence, audit } = await deps.store.readLedgerAudit(y);
    const numbers = numbersToAudit(audit, lastSequence);
    if (numbers.length === 0 && audit.sightings.length === 0) continue;
    const accounted = await deps.store.accountedLedgerNumbers(
      numbers.map((n) => formatLedgerNo(y, n)),
    );
    const step = auditStep({
      audit,
      lastSequence,
      checked: numbers,
      accounted: new Set(numbers.filter((n) => accounted.has(formatLedgerNo(y, n)))),
      now,
    });
    for (const n of step.toVoid) {
      const done = await deps.store.voidLedgerNumber({
        ledgerNo: formatLedgerNo(y, n),
        reason: "orphaned",
        detail: null,
        voidedAt: now.toISOString(),
        voidedBy: "escalation_job",
      });
      if (done) voided++;
    }
    await deps.store.saveLedgerAudit(y, step.next, now);
    checked += numbers.length;
  }
  return { checked, voided };
}
