/**
 * The API's contract, written once: the route table (method, path, who may call it, what it
 * takes and answers), the domain's word lists and field limits, and the response shapes.
 * The functions serve it and the sites call it through site-kit's client, so the compiler
 * catches drift between them. Types and constants only: nothing here builds a zod schema.
 */

export type {
  AccountView,
  CategoryLimits,
  ConcernFlags,
  DeadlineStage,
  DuplicateSuggestion,
  DuplicateSuggestions,
  Feedback,
  FieldLog,
  FileView,
  FilledReplyTemplate,
  LedgerYearFigures,
  NoticePhotoView,
  Open311KeyView,
  PublicDirectory,
  PublicNotice,
  PublicVillage,
  QueueCounts,
  QueueItem,
  QueueQuery,
  QueueScope,
  ReplyTemplate,
  ResidentView,
  ReviewDecisions,
  ReviewDecisionsInput,
  ReviewSpan,
  StaffConcernView,
  StaffUser,
  SubmissionReceipt,
  TimeLimit,
  UploadStatus,
  UploadTicket,
} from "@lianxin/core";
export * from "@lianxin/core/vocabulary";
export * from "./responses/common.js";
export * from "./responses/concerns.js";
export * from "./responses/directory.js";
export * from "./responses/grid.js";
export * from "./responses/inspection.js";
export * from "./responses/monitoring.js";
export * from "./responses/public.js";
export * from "./responses/search.js";
export * from "./responses/staff.js";
export * from "./route-types.js";
export * from "./routes.js";
