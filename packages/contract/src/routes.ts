import type {
  AccountView,
  ActionType,
  BulkActionRequest,
  CallBackReason,
  CategoryLimits,
  ConcernAction,
  ConcernUploadRequest,
  DirectoryEntryBody,
  DuplicateSuggestions,
  Feedback,
  FieldLog,
  FieldLogBody,
  FilledReplyTemplate,
  MyConcernItem,
  Open311KeyView,
  PartyMember,
  PartyMemberBody,
  PlaceInput,
  PublicDirectory,
  PublicNotice,
  PublicVillage,
  QueueItem,
  QueueQuery,
  ReplyTemplate,
  ReplyTemplateInput,
  ResidentView,
  ReviewDecisionsInput,
  ServiceDay,
  ServiceDayBody,
  StaffAccountCreateBody,
  StaffAccountPatchBody,
  StaffConcernView,
  StaffUploadRequest,
  SubmissionReceipt,
  toStaffNotice,
  UploadRequest,
  UploadStatus,
  UploadTicket,
} from "@lianxin/core";
import type { BulkAction } from "@lianxin/core/vocabulary";
import type { Page } from "./responses/common.js";
import type {
  BulkActionResponse,
  FeedbackResult,
  QueueResponse,
  ReissuedAccessCode,
  ResidentMessageEvent,
} from "./responses/concerns.js";
import type {
  AdminDirectory,
  AuditPage,
  ImportResult,
  PutEntryResult,
  RetireResult,
} from "./responses/directory.js";
import type {
  AnnualAssessment,
  ComplianceView,
  FieldLogPage,
  FieldWorkTotals,
  PartyMemberList,
  QuarterlyDraftBody,
  QuarterlyDraftView,
  QuarterlyReport,
  RotationView,
  ServiceDayItem,
} from "./responses/grid.js";
import type { Inspection } from "./responses/inspection.js";
import type {
  CalendarSettings,
  Dashboard,
  DashboardEvents,
  HotTopics,
  InboxPage,
  LedgerExportRequest,
  LedgerExportStatus,
  LedgerLink,
  Rankings,
  Statistics,
} from "./responses/monitoring.js";
import type { StaffSearchResponse } from "./responses/search.js";
import type {
  AccessLogPage,
  AccountList,
  CreatedAccount,
  DepartmentList,
  DepartmentStaffList,
  MeResponse,
  SessionResponse,
} from "./responses/staff.js";
import type { Access, FileDownload, Method } from "./route-types.js";

/** A close-out notice as the back office sees it (draft or published). */
export type StaffNotice = ReturnType<typeof toStaffNotice>;

/** The concern fields a resident submits (`POST /api/concerns`), as the forms send them. */
export interface ConcernBody {
  villageId: string;
  groupId?: string;
  categoryCode: string;
  title?: string;
  description: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  anonymous?: boolean;
  /** 不接收短信通知: no SMS updates although a mobile is given. */
  smsOptOut?: boolean;
  /** "使用我的位置": the device's point, datum and accuracy (core concern/place.ts). */
  place?: PlaceInput;
  /** Photos the form uploaded (`POST /api/uploads` with the same Idempotency-Key), ≤ 3. */
  photos?: string[];
}

/** What staff register (`POST /api/staff/concerns`): the resident's fields and the channel. */
export interface StaffRegistrationBody extends ConcernBody {
  channel: string;
  /** Staff told the resident that SMS updates will come: only then are they sent. */
  residentToldOfSms?: boolean;
}

/** A row of the 回访 list: the queue row, why to call, and by when the rating counts. */
export type CallBackItem = QueueItem & {
  reason: CallBackReason;
  answeredAt: string;
  ratingDeadline: string | null;
};

/** One message as the local SMS sink took it (`/dev/sms`). */
export interface SmsLogEntry {
  id: string;
  createdAt: string;
  sentAt: string | null;
  kind: string;
  state: string;
  ledgerNo: string | null;
  /** The phone, masked: 138****8000; empty for an urgent alert not sent (no phone found). */
  to: string;
  /** An urgent alert (to staff): the department whose head it is for; null for a resident's. */
  departmentHead: string | null;
  /** The text as sent, its codes blanked. */
  text: string | null;
  /** Provider refusals so far, and the last one's error. */
  attempts: number;
  lastError: string | null;
}

/** A staff action: `{ type, expectedVersion, ...its fields }` (core's `ConcernAction`). */
export type ActionBody = ConcernAction | { type: ActionType; expectedVersion: number };

/** A bulk action (core BulkActionRequest), or as a form builds it: the API checks its fields. */
export type BulkActionBody =
  | BulkActionRequest
  | ({ type: BulkAction; items: BulkActionRequest["items"] } & Record<string, unknown>);

/**
 * Admin makes a concern's description public before its notice (Open311 serves it): the text
 * (the concern's description when left out), the decisions on its highlighted spans after a
 * 422 review_required, and the version admin saw.
 */
export interface PublicDescriptionBody {
  text?: string;
  review?: ReviewDecisionsInput;
  expectedVersion: number;
}

/** An Open311 GeoReport v2 document, in the format its path names (XML or JSON). */
export interface Open311Document {
  readonly kind: "open311";
}

type Query = Record<string, string | undefined>;
type Public<R, Extra = unknown> = { access: "public"; response: R } & Extra;
type Staff<R, Extra = unknown> = { access: "staff"; response: R } & Extra;

/**
 * The API, one entry per route: who may call it and what it takes and answers. The
 * functions serve exactly these routes (a test compares the lists and the compiler checks
 * each handler's JSON against `response`); the sites call them through site-kit's client.
 * Bodies are what the API parses with core's schemas; a 204 answers `null`.
 */
export interface ApiRoutes {
  // Residents and anyone (the public site).
  "GET /api/health": Public<{ ok: true }>;
  "GET /api/directory": Public<PublicDirectory>;
  "POST /api/concerns": Public<SubmissionReceipt, { body: ConcernBody; idempotent: true }>;
  "GET /api/concerns/:ledgerNo": Public<ResidentView, { accessCode: true }>;
  "POST /api/concerns/:ledgerNo/messages": Public<
    ResidentMessageEvent,
    { body: { text: string }; accessCode: true }
  >;
  "POST /api/concerns/:ledgerNo/feedback": Public<
    FeedbackResult,
    { body: Feedback; accessCode: true }
  >;
  /**
   * 忘记查询码: the phone given at submission → a one-time code by SMS (the same answer
   * whether or not anything was sent), then the code → a new access code, shown once.
   */
  "POST /api/concerns/:ledgerNo/recovery": Public<{ sent: true }, { body: { phone: string } }>;
  "POST /api/concerns/:ledgerNo/recovery/verify": Public<
    { accessCode: string },
    { body: { phone: string; code: string } }
  >;
  /**
   * "我的诉求": a mobile number → a one-time code by SMS (sent only when the number has a
   * concern; the same answer either way), the code → a session token of 30 minutes for the
   * site's httpOnly cookie; the session lists the phone's concerns and opens each one
   * (`X-Resident-Session` on the concern routes); sign-out ends it on the server.
   */
  "POST /api/resident/sign-in": Public<{ sent: true }, { body: { phone: string } }>;
  "POST /api/resident/sign-in/verify": Public<
    { session: string; expiresAt: string },
    { body: { phone: string; code: string } }
  >;
  "GET /api/resident/concerns": Public<
    { items: MyConcernItem[]; expiresAt: string },
    { residentSession: true }
  >;
  "DELETE /api/resident/session": Public<null, { residentSession: true }>;
  /**
   * Photos (issue 15): a signed POST for a photo the submission form will name (bound to the
   * form's Idempotency-Key, `formKey`), or for an existing concern (its credential; `form`
   * for a plain HTML form that leads back to the site with a photos token); then how it
   * fared. Refusals are 400 with `fields.file` naming the file.
   */
  "POST /api/uploads": Public<UploadTicket, { body: UploadRequest }>;
  "POST /api/concerns/:ledgerNo/uploads": Public<
    UploadTicket & { photosToken: string },
    { body: ConcernUploadRequest; accessCode: true }
  >;
  "GET /api/uploads/:uploadId": Public<UploadStatus>;
  /** 停止短信通知 (the code, or a link token from one of its messages). */
  "POST /api/concerns/:ledgerNo/sms-opt-out": Public<{ smsUpdates: false }, { accessCode: true }>;
  "GET /api/notices": Public<
    Page<PublicNotice>,
    { query: { village?: string; outcome?: string; month?: string; q?: string; cursor?: string } }
  >;
  "GET /api/notices/:id": Public<PublicNotice>;
  "GET /api/statistics": Public<Statistics>;
  "GET /api/statistics/field-work": Public<
    FieldWorkTotals,
    { query: { from?: string; to?: string } }
  >;
  "GET /api/villages/:id": Public<PublicVillage>;

  // Sessions.
  "POST /api/staff/session": Public<
    SessionResponse,
    { body: { username: string; password: string } }
  >;
  "DELETE /api/staff/session": Staff<null>;
  "GET /api/staff/me": Staff<MeResponse>;
  "POST /api/staff/password": Staff<
    null,
    { body: { currentPassword: string; newPassword: string } }
  >;
  "POST /api/staff/users/:id/password-reset": Staff<null, { body: { newPassword: string } }>;

  // Concerns in the back office.
  "GET /api/staff/queue": Staff<QueueResponse, { query: QueueQuery }>;
  /** 检索: a ledger number, a resident's mobile (those who may see contacts), or words. */
  "GET /api/staff/search": Staff<
    StaffSearchResponse,
    { query: { q?: string; cursor?: string; from?: string; to?: string } }
  >;
  "GET /api/staff/departments": Staff<DepartmentList>;
  "GET /api/staff/departments/:id/staff": Staff<DepartmentStaffList>;
  "POST /api/staff/concerns": Staff<
    SubmissionReceipt,
    { body: StaffRegistrationBody; idempotent: true }
  >;
  "GET /api/staff/concerns/:ledgerNo": Staff<StaffConcernView>;
  /** 可能重复: up to five possible duplicates in its village, with scores (issue 16). */
  "GET /api/staff/concerns/:ledgerNo/duplicates": Staff<DuplicateSuggestions>;
  /** Evidence for an answer or a note (photos, PDFs): a signed POST, as residents' photos. */
  "POST /api/staff/concerns/:ledgerNo/uploads": Staff<UploadTicket, { body: StaffUploadRequest }>;
  /** 回访: answered concerns whose residents must be called for their rating, oldest first. */
  "GET /api/staff/call-backs": Staff<{ items: CallBackItem[] }>;
  /** A rating taken by phone, the resident's words as its comment (回访 list only). */
  "POST /api/staff/concerns/:ledgerNo/phone-rating": Staff<
    FeedbackResult,
    { body: { rating: string; comment: string; expectedVersion: number } }
  >;
  /** The local stack's SMS sink: what would have been sent (404 on a deployed stage). */
  "GET /api/staff/dev/sms": Staff<{ items: SmsLogEntry[] }>;
  /** Admin: SMS that failed, went unanswered (状态未知) or were dropped at a cap. */
  "GET /api/staff/sms/attention": Staff<{ items: SmsLogEntry[] }>;
  "POST /api/staff/concerns/:ledgerNo/actions": Staff<StaffConcernView, { body: ActionBody }>;
  /**
   * 批量办理: one action (core BULK_ACTIONS, with its own fields) on up to 50 selected concerns,
   * each its own action, event and version check; 200 with every item's result (see
   * BulkActionResponse for why not 207).
   */
  "POST /api/staff/bulk-actions": Staff<BulkActionResponse, { body: BulkActionBody }>;
  "POST /api/staff/concerns/:ledgerNo/access-code": Staff<
    ReissuedAccessCode,
    { body: { contactPhone: string } }
  >;
  /** 公开诉求内容: admin clears the description for Open311 before the notice (422 until reviewed). */
  "POST /api/staff/concerns/:ledgerNo/public-description": Staff<
    StaffConcernView,
    { body: PublicDescriptionBody }
  >;
  "GET /api/staff/notices": Staff<
    Page<StaffNotice>,
    { query: { state?: "draft" | "published"; cursor?: string } }
  >;
  "PATCH /api/staff/notices/:id": Staff<
    StaffNotice,
    { body: { publicReply?: string; summary?: string } }
  >;
  /** 审核通过: optionally with the "after" photos to publish (the draft's `photoChoices`, ≤ 3). */
  "POST /api/staff/notices/:id/publish": Staff<StaffNotice, { body: { photos?: string[] } }>;
  /** 审核: mask a highlighted term wherever it occurs in the draft, or keep it as not personal. */
  "POST /api/staff/notices/:id/review": Staff<
    StaffNotice,
    { body: { term: string; decision: "mask" | "keep" } }
  >;
  /** 批量通过: publishes each reviewed draft; those still awaiting a decision are refused. */
  "POST /api/staff/notices/publish": Staff<
    { published: string[]; refused: Array<{ id: string; code: string }> },
    { body: { ids: string[] } }
  >;
  "GET /api/staff/access-log": Staff<
    AccessLogPage,
    { query: { ledgerNo?: string; cursor?: string } }
  >;
  "GET /api/staff/open311-keys": Staff<{ items: Open311KeyView[] }>;
  "POST /api/staff/open311-keys": Staff<
    { key: Open311KeyView; apiKey: string },
    { body: { label: string } }
  >;
  "POST /api/staff/open311-keys/:id/revoke": Staff<Open311KeyView, { body: { reason: string } }>;

  // 答复模板 (issue 16): admin keeps them; a concern's forms get them filled for it.
  "GET /api/staff/reply-templates": Staff<
    { items: ReplyTemplate[] },
    { query: { category?: string; action?: string } }
  >;
  "POST /api/staff/reply-templates": Staff<ReplyTemplate, { body: ReplyTemplateInput }>;
  "PUT /api/staff/reply-templates/:id": Staff<
    ReplyTemplate,
    { body: ReplyTemplateInput & { expectedVersion: number; reason?: string } }
  >;
  "POST /api/staff/reply-templates/:id/retire": Staff<
    ReplyTemplate,
    { body: { expectedVersion: number; reason: string } }
  >;
  "GET /api/staff/concerns/:ledgerNo/reply-templates": Staff<
    { items: FilledReplyTemplate[] },
    { query: { action?: string } }
  >;

  // Monitoring and settings.
  "GET /api/staff/calendar": Staff<CalendarSettings>;
  "PUT /api/staff/calendar": Staff<CalendarSettings, { body: CalendarSettings["override"] }>;
  "PATCH /api/staff/categories/:code": Staff<
    { code: string; limits: CategoryLimits },
    { body: { limits: CategoryLimits } }
  >;
  "GET /api/staff/dashboard": Staff<
    Dashboard,
    { query: { scope?: string; from?: string; to?: string } }
  >;
  /** 热点: scope as the dashboard's (also `villages:mine`, `villages:a,b`); one month by default. */
  "GET /api/staff/dashboard/hot-topics": Staff<
    HotTopics,
    { query: { scope?: string; from?: string; to?: string } }
  >;
  "GET /api/staff/dashboard/rankings": Staff<
    Rankings,
    { query: { from?: string; to?: string; min?: string } }
  >;
  "GET /api/staff/dashboard/events": Staff<
    DashboardEvents,
    { query: { fact: string; scope?: string; from?: string; to?: string; cursor?: string } }
  >;
  "GET /api/staff/inbox": Staff<InboxPage, { query: { cursor?: string } }>;
  "POST /api/staff/inbox/:id/read": Staff<null, { body: Record<string, never> }>;
  /** 纪委监督清单: the inspectors' watch lists (inspector and admin). */
  "GET /api/staff/inspection": Staff<Inspection>;
  /** The file itself when small; 201 and a short-lived link when large. */
  "GET /api/staff/ledger": Staff<FileDownload | LedgerLink, { query: Query }>;
  "POST /api/staff/ledger/exports": Staff<LedgerExportStatus, { body: LedgerExportRequest }>;
  "GET /api/staff/ledger/exports/:id": Staff<LedgerExportStatus>;
  "GET /api/staff/exports/:key": Staff<FileDownload, { query: Query }>;

  // The grid: rotation, party members, service days.
  "GET /api/staff/rotation/:villageId": Staff<RotationView>;
  "PUT /api/staff/rotation/:villageId": Staff<
    RotationView,
    { body: { startMonth: string; horizonMonths: number; intervalMonths: number } }
  >;
  "GET /api/staff/party-members": Staff<PartyMemberList, { query: { villageId?: string } }>;
  "POST /api/staff/party-members": Staff<PartyMember, { body: PartyMemberBody }>;
  "PUT /api/staff/party-members/:id": Staff<PartyMember, { body: PartyMemberBody }>;
  "POST /api/staff/party-members/:id/retire": Staff<PartyMember, { body: Record<string, never> }>;
  "GET /api/staff/service-days": Staff<
    { items: ServiceDayItem[] },
    { query: { villageId?: string; mine?: string } }
  >;
  "POST /api/staff/service-days": Staff<ServiceDay, { body: ServiceDayBody }>;
  "POST /api/staff/service-days/:id/retire": Staff<ServiceDay, { body: Record<string, never> }>;
  "POST /api/staff/service-days/:id/held": Staff<
    FieldLog,
    {
      body: { date: string; peopleReached: number; peopleConsulted: number; notes: string };
    }
  >;

  // The directory, accounts and the audit trail.
  "GET /api/staff/directory": Staff<AdminDirectory>;
  "GET /api/staff/directory.xlsx": Staff<FileDownload>;
  "POST /api/staff/directory/import": Staff<ImportResult, { query: { dryRun?: string } }>;
  "PUT /api/staff/directory/:kind/:id": Staff<PutEntryResult, { body: DirectoryEntryBody }>;
  "POST /api/staff/directory/:kind/:id/retire": Staff<
    RetireResult,
    { body: Record<string, never> }
  >;
  "POST /api/staff/directory/:kind/:id/reinstate": Staff<
    RetireResult,
    { body: Record<string, never> }
  >;
  "GET /api/staff/audit": Staff<AuditPage, { query: { subject?: string; cursor?: string } }>;
  "GET /api/staff/accounts": Staff<AccountList>;
  "POST /api/staff/accounts": Staff<CreatedAccount, { body: StaffAccountCreateBody }>;
  "PATCH /api/staff/accounts/:id": Staff<AccountView, { body: StaffAccountPatchBody }>;

  // Field work, compliance and reports.
  "POST /api/staff/field-logs": Staff<
    {
      log: FieldLog;
      concerns: SubmissionReceipt[];
      replayed: boolean;
    },
    { body: FieldLogBody; idempotent: true }
  >;
  "GET /api/staff/field-logs": Staff<FieldLogPage, { query: Query }>;
  "GET /api/staff/compliance": Staff<ComplianceView, { query: Query }>;
  "GET /api/staff/reports/quarterly": Staff<QuarterlyReport | FileDownload, { query: Query }>;
  "GET /api/staff/reports/quarterly/draft": Staff<
    QuarterlyDraftView,
    { query: { department: string; quarter: string } }
  >;
  "PUT /api/staff/reports/quarterly/draft": Staff<QuarterlyDraftView, { body: QuarterlyDraftBody }>;
  "GET /api/staff/reports/annual": Staff<AnnualAssessment, { query: { year?: string } }>;

  // Open311 GeoReport v2, for other civic systems (documents in the format the path names).
  "GET /open311/discovery.json": Public<Open311Document>;
  "GET /open311/discovery.xml": Public<Open311Document>;
  "GET /open311/v2/discovery.json": Public<Open311Document>;
  "GET /open311/v2/discovery.xml": Public<Open311Document>;
  "GET /open311/v2/services.json": Public<Open311Document>;
  "GET /open311/v2/services.xml": Public<Open311Document>;
  "GET /open311/v2/services/:file": Public<Open311Document>;
  "POST /open311/v2/requests.json": Public<Open311Document>;
  "POST /open311/v2/requests.xml": Public<Open311Document>;
  "GET /open311/v2/requests.json": Public<Open311Document>;
  "GET /open311/v2/requests.xml": Public<Open311Document>;
  "GET /open311/v2/requests/:file": Public<Open311Document>;
  "GET /open311/v2/tokens/:file": Public<Open311Document>;
}

/**
 * The table at run time: every route's key (`METHOD path`) and who may call it, in the order
 * the API serves them. `satisfies` makes it list exactly the routes of `ApiRoutes`.
 */
export const ROUTE_ACCESS = {
  "GET /api/health": "public",
  "GET /api/directory": "public",
  "POST /api/concerns": "public",
  "GET /api/concerns/:ledgerNo": "public",
  "POST /api/concerns/:ledgerNo/messages": "public",
  "POST /api/concerns/:ledgerNo/feedback": "public",
  "POST /api/concerns/:ledgerNo/sms-opt-out": "public",
  "POST /api/uploads": "public",
  "POST /api/concerns/:ledgerNo/uploads": "public",
  "GET /api/uploads/:uploadId": "public",
  "POST /api/concerns/:ledgerNo/recovery": "public",
  "POST /api/concerns/:ledgerNo/recovery/verify": "public",
  "POST /api/resident/sign-in": "public",
  "POST /api/resident/sign-in/verify": "public",
  "GET /api/resident/concerns": "public",
  "DELETE /api/resident/session": "public",
  "GET /api/notices": "public",
  "GET /api/notices/:id": "public",
  "GET /api/statistics": "public",
  "GET /api/statistics/field-work": "public",
  "GET /api/villages/:id": "public",
  "POST /api/staff/session": "public",
  "DELETE /api/staff/session": "staff",
  "GET /api/staff/me": "staff",
  "POST /api/staff/password": "staff",
  "POST /api/staff/users/:id/password-reset": "staff",
  "GET /api/staff/queue": "staff",
  "GET /api/staff/search": "staff",
  "GET /api/staff/departments": "staff",
  "GET /api/staff/departments/:id/staff": "staff",
  "POST /api/staff/concerns": "staff",
  "GET /api/staff/concerns/:ledgerNo": "staff",
  "GET /api/staff/concerns/:ledgerNo/duplicates": "staff",
  "POST /api/staff/concerns/:ledgerNo/uploads": "staff",
  "GET /api/staff/dev/sms": "staff",
  "GET /api/staff/sms/attention": "staff",
  "GET /api/staff/call-backs": "staff",
  "POST /api/staff/concerns/:ledgerNo/phone-rating": "staff",
  "POST /api/staff/concerns/:ledgerNo/actions": "staff",
  "POST /api/staff/bulk-actions": "staff",
  "POST /api/staff/concerns/:ledgerNo/access-code": "staff",
  "POST /api/staff/concerns/:ledgerNo/public-description": "staff",
  "GET /api/staff/notices": "staff",
  "PATCH /api/staff/notices/:id": "staff",
  "POST /api/staff/notices/:id/publish": "staff",
  "POST /api/staff/notices/:id/review": "staff",
  "POST /api/staff/notices/publish": "staff",
  "GET /api/staff/access-log": "staff",
  "GET /api/staff/open311-keys": "staff",
  "POST /api/staff/open311-keys": "staff",
  "POST /api/staff/open311-keys/:id/revoke": "staff",
  "GET /api/staff/reply-templates": "staff",
  "POST /api/staff/reply-templates": "staff",
  "PUT /api/staff/reply-templates/:id": "staff",
  "POST /api/staff/reply-templates/:id/retire": "staff",
  "GET /api/staff/concerns/:ledgerNo/reply-templates": "staff",
  "GET /api/staff/calendar": "staff",
  "PUT /api/staff/calendar": "staff",
  "PATCH /api/staff/categories/:code": "staff",
  "GET /api/staff/dashboard": "staff",
  "GET /api/staff/dashboard/hot-topics": "staff",
  "GET /api/staff/dashboard/rankings": "staff",
  "GET /api/staff/dashboard/events": "staff",
  "GET /api/staff/inbox": "staff",
  "POST /api/staff/inbox/:id/read": "staff",
  "GET /api/staff/inspection": "staff",
  "GET /api/staff/ledger": "staff",
  "POST /api/staff/ledger/exports": "staff",
  "GET /api/staff/ledger/exports/:id": "staff",
  "GET /api/staff/exports/:key": "staff",
  "GET /api/staff/rotation/:villageId": "staff",
  "PUT /api/staff/rotation/:villageId": "staff",
  "GET /api/staff/party-members": "staff",
  "POST /api/staff/party-members": "staff",
  "PUT /api/staff/party-members/:id": "staff",
  "POST /api/staff/party-members/:id/retire": "staff",
  "GET /api/staff/service-days": "staff",
  "POST /api/staff/service-days": "staff",
  "POST /api/staff/service-days/:id/retire": "staff",
  "POST /api/staff/service-days/:id/held": "staff",
  "GET /api/staff/directory": "staff",
  "GET /api/staff/directory.xlsx": "staff",
  "POST /api/staff/directory/import": "staff",
  "PUT /api/staff/directory/:kind/:id": "staff",
  "POST /api/staff/directory/:kind/:id/retire": "staff",
  "POST /api/staff/directory/:kind/:id/reinstate": "staff",
  "GET /api/staff/audit": "staff",
  "GET /api/staff/accounts": "staff",
  "POST /api/staff/accounts": "staff",
  "PATCH /api/staff/accounts/:id": "staff",
  "POST /api/staff/field-logs": "staff",
  "GET /api/staff/field-logs": "staff",
  "GET /api/staff/compliance": "staff",
  "GET /api/staff/reports/quarterly": "staff",
  "GET /api/staff/reports/quarterly/draft": "staff",
  "PUT /api/staff/reports/quarterly/draft": "staff",
  "GET /api/staff/reports/annual": "staff",
  "GET /open311/discovery.json": "public",
  "GET /open311/discovery.xml": "public",
  "GET /open311/v2/discovery.json": "public",
  "GET /open311/v2/discovery.xml": "public",
  "GET /open311/v2/services.json": "public",
  "GET /open311/v2/services.xml": "public",
  "GET /open311/v2/services/:file": "public",
  "POST /open311/v2/requests.json": "public",
  "POST /open311/v2/requests.xml": "public",
  "GET /open311/v2/requests.json": "public",
  "GET /open311/v2/requests.xml": "public",
  "GET /open311/v2/requests/:file": "public",
  "GET /open311/v2/tokens/:file": "public",
} as const satisfies { [K in keyof ApiRoutes]: ApiRoutes[K]["access"] };

/** The table as a list: method, path (`:name` takes one whole segment) and access. */
export const API_ROUTES: readonly { method: Method; path: string; access: Access }[] =
  /* @__PURE__ */ Object.entries(ROUTE_ACCESS).map(([key, access]) => {
    const [method, path] = key.split(" ") as [Method, string];
    return { method, path, access };
  });
