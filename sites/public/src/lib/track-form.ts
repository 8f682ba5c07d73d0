// The tracking form: what the resident typed, normalised, and its problems.
import { normaliseAccessCode, normaliseLedgerNo } from "./codes";
import type { Problem, Problems } from "./concern-form";

export type TrackField = "ledgerNo" | "accessCode";

export type TrackInput =
  | { ok: true; ledgerNo: string; accessCode: string }
  | { ok: false; problems: Problems<TrackField> };

/** The ledger number as typed → the canonical one, or the problem (tracking and recovery). */
export function readLedgerNo(raw: string): { ledgerNo: string } | { problem: Problem } {
  if (!raw.trim()) return { problem: { key: "val.ledgerNoRequired" } };
  const ledgerNo = normaliseLedgerNo(raw);
  return ledgerNo ? { ledgerNo } : { problem: { key: "val.ledgerNoInvalid" } };
}

export function readTrackInput(rawLedgerNo: string, rawAccessCode: string): TrackInput {
  const problems: Problems<TrackField> = {};
  const ledger = readLedgerNo(rawLedgerNo);
  const accessCode = normaliseAccessCode(rawAccessCode);
  if ("problem" in ledger) problems.ledgerNo = ledger.problem;
  if (!rawAccessCode.trim()) problems.accessCode = { key: "val.accessCodeRequired" };
  else if (!accessCode) problems.accessCode = { key: "val.accessCodeInvalid" };
  if ("ledgerNo" in ledger && accessCode)
    return { ok: true, ledgerNo: ledger.ledgerNo, accessCode };
  return { ok: false, problems };
}
