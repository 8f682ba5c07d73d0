// Background ledger exports (在后台生成): the API request from the ledger form, the API's two
// answers read defensively, and what the export's page (/ledger/exports/{id}) shows. Pure.
import {
  LEDGER_EXPORT_STATES,
  type LedgerExportRequest,
  type LedgerExportState,
  type LedgerExportStatus,
} from "@lianxin/contract";
import type { MessageKey } from "../i18n/messages";
import type { LedgerForm } from "./ledger-form";

/** How often the page updates itself while the file is being made, in seconds. */
export const REFRESH_SECONDS = 3;
/** After an API hiccup the page keeps trying, but less often. */
export const RETRY_SECONDS = 10;

// Ids are opaque to the site; only unreserved URL characters, so an id is its own path segment.
const EXPORT_ID = /^[A-Za-z0-9_.~:-]{1,200}$/;

/** Whether a value can be an export's id (and so a path segment of this site and the API). */
export function isExportId(id: unknown): id is string {
  return typeof id === "string" && EXPORT_ID.test(id) && id !== "." && id !== "..";
}

/** This site's page for an export. */
export function exportPath(id: string): string {
  return `/ledger/exports/${encodeURIComponent(id)}`;
}

/** The body of `POST /api/staff/ledger/exports`: the form's filters, empty ones left out. */
export function exportRequest(form: LedgerForm): LedgerExportRequest {
  const body: LedgerExportRequest = { from: form.from, to: form.to };
  if (form.village) body.village = form.village;
  if (form.department) body.department = form.department;
  if (form.status) body.status = form.status;
  body.format = form.format;
  return body;
}

/** The new export's id from the 202 answer; null when the answer is not shaped as agreed. */
export function readStartedId(json: unknown): string | null {
  if (!json || typeof json !== "object") return null;
  const id = (json as { id?: unknown }).id;
  return isExportId(id) ? id : null;
}

function isState(value: unknown): value is LedgerExportState {
  return typeof value === "string" && (LEDGER_EXPORT_STATES as readonly string[]).includes(value);
}

/**
 * An export's state from the API, keeping only well-formed fields; null when there is no id or
 * the state is not one the site knows (nothing sensible to show).
 */
export function readExportStatus(json: unknown): LedgerExportStatus | null {
  if (!json || typeof json !== "object") return null;
  const o = json as Record<string, unknown>;
  if (typeof o.id !== "string" || !isState(o.state)) return null;
  const out: LedgerExportStatus = { id: o.id, state: o.state };
  if (typeof o.rows === "number" && Number.isInteger(o.rows) && o.rows >= 0) out.rows = o.rows;
  for (const k of ["fileName", "url", "expiresAt", "error"] as const) {
    const v = o[k];
    if (typeof v === "string" && v.trim() !== "") out[k] = v;
  }
  return out;
}

/** Still being made: the page updates itself until it is done or failed. */
export function isPending(state: LedgerExportState): boolean {
  return state === "queued" || state === "running";
}

/** The state in words (排队中, 生成中, 已生成, 生成失败). */
export function exportStateKey(state: LedgerExportState): MessageKey {
  return `ledger.export.state.${state}`;
}

/** Whether a done export's link has run out (an unreadable time counts as not yet). */
export function isExpired(expiresAt: string | undefined, now: Date): boolean {
  if (!expiresAt) return false;
  const at = Date.parse(expiresAt);
  return !Number.isNaN(at) && at <= now.getTime();
}
