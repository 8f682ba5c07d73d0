// The tracking form: what the resident typed, normalised, and its problems.
import { normaliseAccessCode, normaliseLedgerNo } from "./codes";
import type { Problem, Problems } from "./concern-form";

export type TrackField = "ledgerNo" | "accessCode";

export type TrackInput =
  | { ok: true; ledgerNo: string; accessCode: string }
  | { ok: false; problems: Problems<TrackField> };

export function readTrackInput(rawLedgerNo: string, rawAccessCode: string): TrackInput {
  const problems: Problems<TrackField> = {};
  const ledgerNo = normaliseLedgerNo(rawLedgerNo);
  const accessCode = normaliseAccessCode(rawAccessCode);
  if (!rawLedgerNo.trim()) problems.ledgerNo = { key: "val.ledgerNoRequired" } satisfies Problem;
  else if (!ledgerNo) problems.ledgerNo = { key: "val.ledgerNoInvalid" };
  if (!rawAccessCode.trim()) problems.accessCode = { key: "val.accessCodeRequired" };
  else if (!accessCode) problems.accessCode = { key: "val.accessCodeInvalid" };
  if (ledgerNo && accessCode) return { ok: true, ledgerNo, accessCode };
  return { ok: false, problems };
}
