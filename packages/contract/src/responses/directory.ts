import type { Directory } from "@lianxin/core";
import type { Page, Ref } from "./common.js";

/** What `PUT /api/staff/directory/:kind/:id` writes to. */
export const DIRECTORY_ENTRY_KINDS = ["villages", "departments", "leaders", "categories"] as const;
export type DirectoryEntryKind = (typeof DIRECTORY_ENTRY_KINDS)[number];

/** `GET /api/staff/directory`: everything, retired entries included. */
export type AdminDirectory = Directory;

/** 201 or 200 from `PUT /api/staff/directory/:kind/:id`. */
export interface PutEntryResult {
  created: boolean;
  entry: unknown;
}

/** `POST /api/staff/directory/:kind/:id/retire` and `…/reinstate`. */
export interface RetireResult {
  kind: string;
  id: string;
  retired: boolean;
  changed: boolean;
}

/** `POST /api/staff/directory/import`: what the workbook changes (or changed). */
export interface ImportResult {
  dryRun: boolean;
  rows: number;
  changes: Record<string, { created: number; updated: number; unchanged: number }>;
  rejected: { sheet: string; row: number | null; field: string; column: string; reason: string }[];
  written: number;
  temporaryPasswords: { username: string; name: string; password: string }[];
}

/** One change to the directory, an account or another audited subject. */
export interface AuditEntry {
  id: string;
  at: string;
  actor: Ref;
  subject: string;
  before: unknown;
  after: unknown;
  /** Why, when the change was given a reason (a template's edit or retirement). */
  reason?: string;
}
export type AuditPage = Page<AuditEntry>;
