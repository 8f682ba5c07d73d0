import type { AccountView, Role, StaffUser } from "@lianxin/core";
import type { Page, Ref } from "./common.js";

/** 201 from `POST /api/staff/session`. */
export interface SessionResponse {
  token: string;
  expiresAt: string;
  user: StaffUser;
  mustChangePassword: boolean;
}

/** `GET /api/staff/me`. */
export interface MeResponse {
  user: StaffUser;
  mustChangePassword: boolean;
  /**
   * Unread notifications (消息) over the user's inboxes, counted up to 100 (100: that many or
   * more); null when they could not be counted or the password must be changed first.
   */
  unread: number | null;
}

/** `GET /api/staff/departments`: for dispatching from triage. */
export interface DepartmentList {
  items: (Ref & { kind: string })[];
}

/** `GET /api/staff/departments/:id/staff`: a department's active staff, for assigning. */
export interface DepartmentStaffList {
  items: { id: string; name: string; role: Role }[];
}

/** One showing of personal data (the access log). */
export interface AccessLogEntry {
  at: string;
  ledgerNo: string;
  staffId: string;
  staffName: string;
  role: string;
  /** Why it was shown, e.g. "view_concern". */
  purpose: string;
}
export type AccessLogPage = Page<AccessLogEntry>;

/** `GET /api/staff/accounts`. */
export interface AccountList {
  items: AccountView[];
}

/** 201 from `POST /api/staff/accounts`: the temporary password is shown this once. */
export interface CreatedAccount {
  account: AccountView;
  temporaryPassword: string;
}
