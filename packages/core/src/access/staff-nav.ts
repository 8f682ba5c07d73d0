import { type Capability, type CapabilityUser, may } from "./capabilities.js";

/**
 * The staff site's header links, in order, each with the capability it needs (none: every
 * visitor). The API still decides what each page may show. Loaded without zod, as
 * `@lianxin/core/staff-nav`; the labels are the staff site's message keys.
 */
export interface NavItem {
  href: string;
  label:
    | "nav.mine"
    | "nav.triage"
    | "nav.all"
    | "nav.notices"
    | "nav.accessLog"
    | "nav.calendar"
    | "nav.categories"
    | "nav.passwordReset"
    | "nav.register"
    | "nav.dashboard"
    | "nav.inbox"
    | "nav.ledger"
    | "nav.directory"
    | "nav.fieldLogs"
    | "nav.compliance"
    | "nav.quarterly"
    | "nav.annual"
    | "nav.rotation"
    | "nav.serviceDays"
    | "nav.partyMembers"
    | "nav.open311Keys"
    | "nav.callBacks"
    | "nav.smsAttention"
    | "nav.replyTemplates"
    | "nav.search"
    | "nav.inspection";
}

export const STAFF_NAV: ReadonlyArray<NavItem & { capability?: Capability }> = [
  { href: "/", label: "nav.mine" },
  // 检索: ledger number, a resident's mobile, words (issue 16).
  { href: "/search", label: "nav.search", capability: "concern.search" },
  // The town office's and the commission's desks.
  { href: "/triage", label: "nav.triage", capability: "concern.dispatch" },
  { href: "/all", label: "nav.all", capability: "queue.all" },
  { href: "/notices", label: "nav.notices", capability: "notice.publish" },
  { href: "/access-log", label: "nav.accessLog", capability: "access_log.read" },
  { href: "/calendar", label: "nav.calendar", capability: "calendar.read" },
  { href: "/categories", label: "nav.categories", capability: "category.edit" },
  { href: "/directory", label: "nav.directory", capability: "directory.read" },
  { href: "/password-reset", label: "nav.passwordReset", capability: "password.reset" },
  { href: "/open311-keys", label: "nav.open311Keys", capability: "open311_key.manage" },
  { href: "/reply-templates", label: "nav.replyTemplates", capability: "reply_template.manage" },
  // Every role registers what residents bring them: the discipline commission too, which
  // receives complaints about cadres' conduct in person.
  { href: "/concerns/new", label: "nav.register", capability: "concern.register" },
  // Monitoring (the API scopes the figures to the role).
  { href: "/dashboard", label: "nav.dashboard", capability: "dashboard.read" },
  { href: "/inbox", label: "nav.inbox", capability: "inbox.read" },
  { href: "/call-backs", label: "nav.callBacks", capability: "call_back.record" },
  { href: "/sms", label: "nav.smsAttention", capability: "sms_delivery.read" },
  { href: "/ledger", label: "nav.ledger", capability: "ledger.export" },
  // The grid.
  { href: "/rotation", label: "nav.rotation", capability: "rotation.read" },
  { href: "/service-days", label: "nav.serviceDays", capability: "service_day.schedule" },
  { href: "/party-members", label: "nav.partyMembers", capability: "party_member.read" },
  // Field work.
  { href: "/field-logs", label: "nav.fieldLogs", capability: "field_log.create" },
  { href: "/compliance", label: "nav.compliance", capability: "compliance.read" },
  { href: "/reports/quarterly", label: "nav.quarterly", capability: "quarterly_report.read" },
  { href: "/reports/annual", label: "nav.annual", capability: "annual_assessment.read" },
  // 纪委监督清单 (issue 17).
  { href: "/inspection", label: "nav.inspection", capability: "inspection.read" },
];

/** The header links this user sees (signed out: those needing no capability). */
export function navFor(user: CapabilityUser | null | undefined): NavItem[] {
  return STAFF_NAV.filter(
    (item) => !item.capability || (user != null && may(user, item.capability)),
  ).map(({ href, label }) => ({ href, label }));
}
