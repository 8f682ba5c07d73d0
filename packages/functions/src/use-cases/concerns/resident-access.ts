import {
  type Concern,
  type ConcernEvent,
  DomainError,
  hashAccessCode,
  normalizeAccessCode,
  parseLedgerNo,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";

/**
 * The resident proves they own a concern with its access code. An unknown number, a
 * missing code and a wrong code all get the same not_found, so numbers cannot be probed;
 * wrong codes are counted per ledger number and refused after the limit.
 */
export async function authenticateResident(
  deps: Deps,
  ledgerNoInput: string,
  accessCodeInput: string | undefined,
): Promise<{ concern: Concern; events: ConcernEvent[] }> {
  const parsed = parseLedgerNo(ledgerNoInput);
  if (!parsed) throw new DomainError("not_found");
  const ledgerNo = ledgerNoInput.trim().toUpperCase();
  const rule = {
    scope: "code",
    limit: deps.limits.wrongCodesPer15Minutes,
    windowSeconds: 15 * 60,
  };
  const now = deps.now();
  const state = await deps.store.peekRateLimit(rule, ledgerNo, now);
  if (!state.allowed) {
    throw new DomainError("rate_limited", { retryAfterSeconds: state.retryAfterSeconds });
  }
  const code = accessCodeInput ? normalizeAccessCode(accessCodeInput) : null;
  const found = code ? await deps.store.getConcernWithEvents(ledgerNo) : null;
  if (!found || !code || found.concern.accessCodeHash !== hashAccessCode(ledgerNo, code)) {
    await deps.store.consumeRateLimit(rule, ledgerNo, now);
    throw new DomainError("not_found");
  }
  return found;
}
