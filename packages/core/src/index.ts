export * from "./access/capabilities.js";
export * from "./access/policy.js";
export * from "./access/staff-nav.js";
export * from "./access/work-queues.js";
export * from "./concern/actions.js";
export * from "./concern/concern.js";
export * from "./concern/deadline.js";
export * from "./concern/feedback.js";
export * from "./concern/location-media.js";
export * from "./concern/resident-view.js";
export * from "./concern/staff-view.js";
export * from "./concern/state-machine.js";
export * from "./concern/status.js";
export * from "./concern/submission.js";
export * from "./concern/upgrade.js";
export * from "./contact/phone.js";
export * from "./directory/admin.js";
export * from "./directory/import.js";
export * from "./directory/lookup.js";
export * from "./directory/public-directory.js";
export * from "./directory/schema.js";
export * from "./errors.js";
export * from "./escalation/escalate.js";
export * from "./grid/compliance.js";
export * from "./grid/field-work.js";
export * from "./grid/field-work-figures.js";
export * from "./grid/party-members.js";
export * from "./grid/reports.js";
export * from "./grid/rotation.js";
export * from "./grid/schema.js";
export * from "./grid/service-days.js";
export * from "./grid/village-view.js";
export * from "./intake/fingerprint.js";
export * from "./intake/register-concern.js";
export * from "./ledger/access-code.js";
export * from "./ledger/export-job.js";
export * from "./ledger/export-scope.js";
export * from "./ledger/ledger-number.js";
export * from "./ledger/ledger-row.js";
export * from "./metrics/counters.js";
export * from "./metrics/dashboard-scope.js";
export * from "./metrics/sealed-months.js";
export * from "./notice/mask.js";
export * from "./notice/notice.js";
export * from "./open311/api-key.js";
export * from "./open311/georeport.js";
export * from "./open311/xml.js";
export * from "./routing/route-concern.js";
export * from "./staff/account-admin.js";
export * from "./staff/password.js";
export * from "./staff/schema.js";
export * from "./time/index.js";
export {
  CHANNELS,
  CONCERN_FIELD_LIMITS,
  CONCERN_STATUSES,
  DEPARTMENT_KINDS,
  type DepartmentKind,
  FIELD_WORK_KINDS,
  INBOX_KINDS,
  type InboxKind,
  LIMIT_UNITS,
  type LimitUnit,
  OPEN_STATUSES,
  OUTCOMES,
  POST_KINDS,
  type PostKind,
  RATINGS,
  RESPONSE_METHODS,
  type ResponseMethod,
  ROLES,
  STAFF_CHANNELS,
  type StaffChannel,
  VILLAGE_KINDS,
  type VillageKind,
} from "./vocabulary.js";
