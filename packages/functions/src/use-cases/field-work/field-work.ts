import { createHash } from "node:crypto";
import {
  ASSESSMENT_WEIGHTS,
  addMonths,
  assessmentMeasures,
  assessmentScore,
  type ComplianceRow,
  type Concern,
  ConcernSubmission,
  type Counters,
  channelOfFieldWork,
  complianceMatrix,
  currentHoldings,
  type DirectoryIndex,
  DomainError,
  type FieldLog,
  FieldLogInput,
  type FieldProblem,
  fieldWorkOf,
  type HoldingsOf,
  holderAt,
  type Locale,
  may,
  monthsFrom,
  namedRefs,
  periodAt,
  Quarter,
  quarterMonths,
  ratesOf,
  readsEverything,
  resolveSubmissionReferences,
  type SubmissionReceipt,
  shanghaiDate,
  shanghaiMonth,
  sumCounters,
  YearMonth,
} from "@lianxin/core";
import type { FieldLogOwner } from "@lianxin/store";
import * as z from "zod/mini";
import english from "zod/v4/locales/en.js";
import type { Deps } from "../../deps.js";
import { authorize } from "../accounts/authorize.js";
import type { StaffAuth } from "../accounts/session.js";
import { submitConcern } from "../concerns/submit-concern.js";
import { currentDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";
import { readQuarterlyDraft } from "./quarterly-drafts.js";

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;
const Id = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/));
/** zod's English issue wording, which the full `zod` package loads by default and `zod/mini` does not. */
const englishIssues = english().localeError;

const invalid = (zh: string, en: string): FieldProblem => ({
  kind: "invalid",
  message: { "zh-CN": zh, en },
});

/** The log's id: derived from the author and the request's Idempotency-Key, so a retry is the same log. */
export function fieldLogId(authorId: string, key: string): string {
  return `fl-${createHash("sha256").update(`${authorId}\n${key}`).digest("hex").slice(0, 24)}`;
}

/**
 * 蹲点日志: a staff member logs their own field visit, and the concerns residents raised
 * during it go onto the ledger through the same intake as any registration (routing,
 * deadlines, counters), with the visit's channel. Each concern's idempotency key derives
 * from the log's id, so a retried log registers nothing twice and answers with the same
 * ledger numbers and access codes (within the idempotency records' 24 hours).
 */
export async function createFieldLog(
  deps: Deps,
  auth: StaffAuth,
  request: { idempotencyKey: string | undefined; body: unknown; clientAddress: string },
): Promise<{ log: FieldLog; concerns: SubmissionReceipt[]; replayed: boolean }> {
  const key = request.idempotencyKey?.trim();
  if (!key || !IDEMPOTENCY_KEY.test(key)) throw new DomainError("missing_idempotency_key");
  const input = parseInput(FieldLogInput, request.body);
  const now = deps.now();
  const index = await currentDirectory(deps);
  const fields: Record<string, FieldProblem> = {};
  const village = index.village(input.villageId);
  if (!village || village.retiredAt) fields.villageId = { kind: "unknown_village" };
  else if (input.groupId && !index.group(village.id, input.groupId)) {
    fields.groupId = { kind: "unknown_group" };
  }
  if (input.date > shanghaiDate(now)) {
    fields.date = invalid("日期不能晚于今天", "The date cannot be in the future");
  }
  const channel = channelOfFieldWork(input.kind);
  // Every concern is checked before any is registered: all of the log, or nothing.
  const bodies = input.concerns.map((body, i) => {
    const merged = {
      villageId: input.villageId,
      ...(input.groupId ? { groupId: input.groupId } : {}),
      ...body,
    };
    const parsed = ConcernSubmission.safeParse(merged, { error: englishIssues });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        fields[`concerns.${i}.${issue.path.join(".") || "body"}`] = invalid(
          "内容不符合要求",
          issue.message,
        );
      }
    } else if (village) {
      try {
        resolveSubmissionReferences(index, parsed.data);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        for (const [f, p] of Object.entries(error.fields ?? {})) fields[`concerns.${i}.${f}`] = p;
      }
    }
    return { ...merged, channel };
  });
  if (Object.keys(fields).length) {
    const unknown = Object.values(fields).every((p) => p.kind !== "invalid");
    throw new DomainError(unknown ? "unknown_reference" : "validation_failed", { fields });
  }

  const id = fieldLogId(auth.user.id, key);
  const concerns: SubmissionReceipt[] = [];
  for (const [i, body] of bodies.entries()) {
    const { receipt } = await submitConcern(deps, {
      idempotencyKey: `${id}-c${i}`,
      body,
      clientAddress: request.clientAddress,
      staff: { user: auth.user },
    });
    concerns.push(receipt);
  }
  const log: FieldLog = {
    id,
    authorId: auth.user.id,
    date: input.date,
    villageId: input.villageId,
    groupId: input.groupId,
    kind: input.kind,
    peopleReached: input.peopleReached,
    enterprises: input.enterprises,
    peopleConsulted: input.peopleConsulted,
    notes: input.notes,
    concernLedgerNos: concerns.map((c) => c.ledgerNo),
    serviceDayId: input.serviceDayId,
    createdAt: now.toISOString(),
    demo: false,
  };
  const result = await deps.store.putFieldLog(log, { departmentId: auth.user.departmentId });
  return { log: result.log, concerns, replayed: !result.created };
}

const ListQuery = z.object({
  mine: z.optional(z.enum(["true", "false"])),
  month: z.optional(YearMonth),
  village: z.optional(Id),
  department: z.optional(Id),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

const isWide = (auth: StaffAuth) => readsEverything(auth.user);

/** Names of people: the directory's leaders and heads, else their accounts, else the id. */
async function peopleNames(deps: Deps, index: DirectoryIndex, ids: string[]) {
  const names = new Map<string, string>();
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      const leader = index.leader(id);
      const head = index.directory.departments.find((d) => d.head.id === id)?.head;
      names.set(
        id,
        leader?.name ?? head?.name ?? (await deps.store.getStaffAccount(id))?.name ?? id,
      );
    }),
  );
  return names;
}

/**
 * Field logs: one's own (default), a village's (its contact leader, inspectors, admin) or
 * a department's (its head, inspectors, admin), for one month (default: this month).
 */
export async function listFieldLogs(
  deps: Deps,
  auth: StaffAuth,
  query: Record<string, string>,
  locale: Locale,
) {
  const q = parseInput(ListQuery, query);
  const { user } = auth;
  let owner: FieldLogOwner;
  if (q.village) {
    authorize(auth, "field_log.read", { villageId: q.village });
    owner = { kind: "village", id: q.village };
  } else if (q.department) {
    authorize(auth, "field_log.read", { departmentId: q.department });
    owner = { kind: "department", id: q.department };
  } else {
    owner = { kind: "author", id: user.id };
  }
  const month = q.month ?? shanghaiMonth(deps.now());
  const page = await deps.store.listFieldLogs(owner, {
    fromDate: `${month}-01`,
    toDate: `${month}-31`,
    cursor: q.cursor,
  });
  const index = await currentDirectory(deps);
  const refs = namedRefs(index, locale);
  const names = await peopleNames(
    deps,
    index,
    page.items.map((l) => l.authorId),
  );
  return {
    month,
    owner,
    items: page.items.map((l) => ({
      ...l,
      author: { id: l.authorId, name: names.get(l.authorId) ?? l.authorId },
      village: refs.village(l.villageId),
      group: l.groupId
        ? { id: l.groupId, name: index.group(l.villageId, l.groupId)?.name ?? l.groupId }
        : null,
    })),
    nextCursor: page.nextCursor,
  };
}

// ----------------------------------------------------------------------------- compliance

/** Holders by the saved rotation plans where they cover the month, else today's holders. */
export async function holdingsOf(deps: Deps, index: DirectoryIndex): Promise<HoldingsOf> {
  const current = currentHoldings(index);
  const plans = (await deps.store.listRotationPlans()).map((p) => p.plan);
  if (!plans.length) return current;
  return (headId, month) => {
    const planned = new Set<string>();
    const out: Array<{ villageId: string; groupId: string }> = [];
    for (const plan of plans) {
      if (!periodAt(plan, month)) continue;
      planned.add(plan.villageId);
      for (const g of plan.groupIds) {
        if (holderAt(plan, g, month) === headId)
          out.push({ villageId: plan.villageId, groupId: g });
      }
    }
    return [...out, ...current(headId, month).filter((h) => !planned.has(h.villageId))];
  };
}

/** The compliance rows of some people over some months (presence read per person). */
async function complianceRows(
  deps: Deps,
  index: DirectoryIndex,
  months: string[],
  people: ((id: string) => boolean) | undefined,
): Promise<ComplianceRow[]> {
  const from = months[0] as string;
  const to = months[months.length - 1] as string;
  const holdings = await holdingsOf(deps, index);
  const currentMonth = shanghaiMonth(deps.now());
  const skeleton = complianceMatrix({
    index,
    months,
    presence: [],
    currentMonth,
    holdings,
    ...(people ? { people } : {}),
  });
  const presence = (
    await Promise.all(
      skeleton.map((r) => deps.store.listPresence(r.personId, `${from}-01`, `${to}-31`)),
    )
  ).flat();
  return complianceMatrix({
    index,
    months,
    presence,
    currentMonth,
    holdings,
    people: (id) => skeleton.some((r) => r.personId === id),
  });
}

const RangeQuery = z.object({ from: z.optional(YearMonth), to: z.optional(YearMonth) });

function badRange(): never {
  throw new DomainError("validation_failed", {
    fields: {
      from: invalid(
        "起始月份应不晚于结束月份，且不超过 24 个月",
        "from must be before to, at most 24 months",
      ),
    },
  });
}

/**
 * 月度达标: month × person, leaders (each contact village) and department heads (a group
 * they held), gaps marked. Leaders and heads see their own row; inspectors and admin all.
 */
export async function complianceReport(
  deps: Deps,
  auth: StaffAuth,
  query: Record<string, string>,
  locale: Locale,
) {
  const q = parseInput(RangeQuery, query);
  const { user } = auth;
  authorize(auth, "compliance.read");
  const to = q.to ?? shanghaiMonth(deps.now());
  const from = q.from ?? addMonths(to, -(6 - 1));
  const months = monthsFrom(from, to);
  if (from > to || months.length > 24) badRange();
  const index = await currentDirectory(deps);
  const refs = namedRefs(index, locale);
  const rows = await complianceRows(
    deps,
    index,
    months,
    isWide(auth) ? undefined : (id) => id === user.id,
  );
  return {
    from,
    to,
    months,
    currentMonth: shanghaiMonth(deps.now()),
    rows: rows.map((r) => ({
      ...r,
      department: r.departmentId ? refs.department(r.departmentId) : null,
      cells: r.cells.map((c) => ({
        ...c,
        places: c.places.map((p) => ({
          village: refs.village(p.villageId),
          groups: p.groupIds.map((g) => ({ id: g, name: index.group(p.villageId, g)?.name ?? g })),
          days: p.days,
        })),
      })),
    })),
  };
}

// ------------------------------------------------------------------------------- reports

const QuarterlyQuery = z.object({
  quarter: z.optional(Quarter),
  person: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/))),
  department: z.optional(Id),
  format: z.optional(z.enum(["json", "xlsx"])),
});

/** Every log of an owner within the dates (all pages). */
async function allLogs(deps: Deps, owner: FieldLogOwner, fromDate: string, toDate: string) {
  const logs: FieldLog[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.listFieldLogs(owner, { fromDate, toDate, cursor, limit: 200 });
    logs.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return logs;
}

/** What became of concerns raised on visits. */
function concernOutcomes(concerns: Concern[]) {
  const closed = concerns.filter((c) => c.status === "struck_off");
  const by = (o: string) => closed.filter((c) => c.outcome === o).length;
  return {
    raised: concerns.length,
    open: concerns.filter((c) => c.status !== "struck_off" && c.status !== "merged").length,
    struckOff: closed.length,
    resolved: by("resolved"),
    explained: by("explained"),
    assisted: by("assisted"),
    solved: by("resolved") + by("assisted"),
  };
}

/**
 * 季度工作报告 of a person (default: oneself) or a department: field work, the concerns raised
 * on visits and what became of them, monthly compliance and the three rates, from the
 * counters and the quarter's logs.
 */
export async function quarterlyReport(
  deps: Deps,
  auth: StaffAuth,
  query: Record<string, string>,
  locale: Locale,
) {
  const q = parseInput(QuarterlyQuery, query);
  const { user } = auth;
  const quarter =
    q.quarter ??
    `${shanghaiMonth(deps.now()).slice(0, 4)}Q${Math.floor((Number(shanghaiMonth(deps.now()).slice(5)) - 1) / 3) + 1}`;
  const months = quarterMonths(quarter);
  const index = await currentDirectory(deps);
  const refs = namedRefs(index, locale);
  let subject: { kind: "person" | "department"; id: string; name: string };
  if (q.department) {
    const d = index.department(q.department);
    if (!d) throw new DomainError("not_found");
    authorize(auth, "department_figures.read", { departmentId: d.id });
    subject = { kind: "department", id: d.id, name: refs.department(d.id).name };
  } else {
    const id = q.person ?? user.id;
    if (id !== user.id && !isWide(auth)) {
      // Another's report: the head of their department.
      const departmentId = (await deps.store.getStaffAccount(id))?.departmentId;
      if (!departmentId || !may(user, "member_report.read", { departmentId })) {
        throw new DomainError("forbidden");
      }
    }
    const names = await peopleNames(deps, index, [id]);
    subject = { kind: "person", id, name: names.get(id) ?? id };
  }
  const [m1, , m3] = months;
  const fromDate = `${m1}-01`;
  const toDate = `${m3}-31`;
  const fwKind = subject.kind === "person" ? "fieldwork_person" : "fieldwork_department";
  const [fwRows, rateRows, logs] = await Promise.all([
    deps.store.readCounters({ kind: fwKind, id: subject.id }, m1, m3),
    deps.store.readCounters({ kind: subject.kind, id: subject.id }, m1, m3),
    allLogs(
      deps,
      subject.kind === "person"
        ? { kind: "author", id: subject.id }
        : { kind: "department", id: subject.id },
      fromDate,
      toDate,
    ),
  ]);
  const concerns = await deps.store.getConcernsByLedgerNos(logs.flatMap((l) => l.concernLedgerNos));
  const compliancePerson =
    subject.kind === "department" ? index.department(subject.id)?.head.id : subject.id;
  const compliance = (
    await complianceRows(deps, index, months, (id) => id === compliancePerson)
  )[0];
  const rates = ratesOf(sumCounters(rateRows.filter((r) => !r.member).map((r) => r.counters)));
  // The report's department list: the units the user may read, their own first (names).
  const departments = index.directory.departments
    .filter((d) => !d.retiredAt && may(user, "department_figures.read", { departmentId: d.id }))
    .sort((a, b) => Number(b.id === user.departmentId) - Number(a.id === user.departmentId))
    .map((d) => refs.department(d.id));
  const draft =
    subject.kind === "department"
      ? await readQuarterlyDraft(deps, auth, subject.id, quarter, locale)
      : null;
  return {
    departments,
    draft,
    quarter,
    months,
    subject,
    fieldWork: fieldWorkOf(fwRows.filter((r) => !r.member).map((r) => r.counters)),
    byMonth: months.map((month) => ({
      month,
      ...fieldWorkOf(fwRows.filter((r) => !r.member && r.month === month).map((r) => r.counters)),
    })),
    concerns: concernOutcomes(concerns),
    compliance: compliance
      ? {
          rate: compliance.rate,
          gaps: compliance.gaps,
          cells: compliance.cells.map((c) => ({ month: c.month, state: c.state })),
        }
      : null,
    rates: {
      response: rates.response,
      resolution: rates.resolution,
      satisfaction: rates.satisfaction,
    },
    logs: logs.length,
  };
}

export type QuarterlyReport = Awaited<ReturnType<typeof quarterlyReport>>;

/** The quarterly report as a one-sheet workbook (exceljs loaded only here). */
export async function quarterlyReportXlsx(report: QuarterlyReport, locale: Locale) {
  const { default: ExcelJS } = await import("exceljs");
  const en = locale === "en";
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Lianxin";
  const sheet = workbook.addWorksheet(en ? "Quarterly report" : "季度工作报告");
  sheet.columns = [{ width: 28 }, { width: 16 }];
  const pct = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1)}%`);
  const rows: Array<[string, string | number]> = [
    [en ? "Report" : "报告", `${report.subject.name} · ${report.quarter}`],
    [en ? "Field logs" : "蹲点日志（篇）", report.logs],
    [en ? "Resident visits (person-times)" : "走访群众（人次）", report.fieldWork.visits],
    [en ? "Enterprises visited" : "走访企业（家）", report.fieldWork.enterprises],
    [en ? "Symposia" : "座谈会（场次）", report.fieldWork.symposia],
    [en ? "Heart-to-heart talks (person-times)" : "谈心谈话（人次）", report.fieldWork.talks],
    [en ? "People consulted" : "征求意见（人）", report.fieldWork.consulted],
    [en ? "Concerns raised" : "收集问题（件）", report.concerns.raised],
    [en ? "Resolved" : "解决到位", report.concerns.resolved],
    [en ? "Explained" : "解释到位", report.concerns.explained],
    [en ? "Assisted" : "帮扶到位", report.concerns.assisted],
    [en ? "Still open" : "办理中", report.concerns.open],
    [en ? "Monthly compliance" : "每月到村达标率", pct(report.compliance?.rate ?? null)],
    [en ? "Response rate" : "响应率", pct(report.rates.response)],
    [en ? "Resolution rate" : "解决率", pct(report.rates.resolution)],
    [en ? "Satisfaction rate" : "满意率", pct(report.rates.satisfaction)],
  ];
  // A department's written sections (存在问题 / 下步打算), as saved.
  if (report.draft) {
    rows.push(
      [en ? "Problems" : "存在问题", report.draft.problems],
      [en ? "Next steps" : "下步打算", report.draft.plans],
    );
  }
  for (const r of rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  return {
    body: new Uint8Array(buffer as ArrayBuffer),
    fileName: `${en ? "quarterly-report" : "季度工作报告"}-${report.subject.id}-${report.quarter}.xlsx`,
  };
}

const AnnualQuery = z.object({
  year: z.optional(z.string().check(z.regex(/^\d{4}$/))),
});

/**
 * 年度考核: every department's year (up to this month): the three rates, on-time closure,
 * return and redo rates and its head's monthly field-work compliance, ranked by the
 * composite score whose weights (`ASSESSMENT_WEIGHTS`) are returned with it.
 */
export async function annualAssessment(
  deps: Deps,
  auth: StaffAuth,
  query: Record<string, string>,
  locale: Locale,
) {
  authorize(auth, "annual_assessment.read");
  const q = parseInput(AnnualQuery, query);
  const thisMonth = shanghaiMonth(deps.now());
  const year = q.year ?? thisMonth.slice(0, 4);
  const last = year === thisMonth.slice(0, 4) ? thisMonth : `${year}-12`;
  if (year > thisMonth.slice(0, 4)) badRange();
  const months = monthsFrom(`${year}-01`, last);
  const index = await currentDirectory(deps);
  const refs = namedRefs(index, locale);
  const departments = index.directory.departments.filter((d) => !d.retiredAt);
  const [counters, compliance] = await Promise.all([
    Promise.all(
      departments.map((d) =>
        deps.store.readCounters({ kind: "department", id: d.id }, months[0] as string, last),
      ),
    ),
    complianceRows(deps, index, months, (id) => departments.some((d) => d.head.id === id)),
  ]);
  const rows = departments.map((d, i) => {
    const total: Counters = sumCounters(
      (counters[i] ?? []).filter((r) => !r.member).map((r) => r.counters),
    );
    const c = compliance.find((row) => row.personId === d.head.id)?.rate ?? null;
    const measures = assessmentMeasures(total, c);
    return {
      department: refs.department(d.id),
      received: total.received ?? 0,
      closed: total.closed ?? 0,
      ...measures,
      score: assessmentScore(measures),
    };
  });
  rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || b.closed - a.closed);
  return {
    year,
    through: last,
    weights: ASSESSMENT_WEIGHTS,
    rows: rows.map((r, i) => ({ rank: i + 1, ...r })),
  };
}

// ------------------------------------------------------------------------------- totals

/**
 * 扎根行动 town totals over a month range (default: the last 12 months), as the seed
 * reports them: from the field-work counters of every village and department, and the
 * concern counters of every village. "Problems solved" are concerns struck off in the
 * range with the outcome resolved or assisted (解决到位、帮扶到位), whatever their channel;
 * "explained" (解释到位) is an answer, not a solved problem.
 */
export async function fieldWorkTotals(deps: Deps, query: Record<string, string>) {
  const q = parseInput(RangeQuery, query);
  const to = q.to ?? shanghaiMonth(deps.now());
  const from = q.from ?? addMonths(to, -(12 - 1));
  if (from > to || monthsFrom(from, to).length > 60) badRange();
  const index = await currentDirectory(deps);
  const villages = index.directory.villages;
  const departments = index.directory.departments;
  const [fwVillages, fwDepartments, concernVillages] = await Promise.all([
    Promise.all(
      villages.map((v) =>
        deps.store.readCounters({ kind: "fieldwork_village", id: v.id }, from, to),
      ),
    ),
    Promise.all(
      departments.map((d) =>
        deps.store.readCounters({ kind: "fieldwork_department", id: d.id }, from, to),
      ),
    ),
    Promise.all(
      villages.map((v) => deps.store.readCounters({ kind: "village", id: v.id }, from, to)),
    ),
  ]);
  const village = fwVillages.map((rows) =>
    fieldWorkOf(rows.filter((r) => !r.member).map((r) => r.counters)),
  );
  const members = new Set(
    fwVillages.flatMap((rows) =>
      rows.filter((r) => r.member && (r.counters.logs ?? 0) > 0).map((r) => r.member as string),
    ),
  );
  const total = fieldWorkOf(
    fwVillages.flatMap((rows) => rows.filter((r) => !r.member).map((r) => r.counters)),
  );
  const concerns = sumCounters(
    concernVillages
      .flat()
      .filter((r) => !r.member)
      .map((r) => r.counters),
  );
  const leaders = [...members].filter((id) => index.leader(id)).length;
  return {
    from,
    to,
    departments: fwDepartments.filter((rows) => rows.some((r) => (r.counters.logs ?? 0) > 0))
      .length,
    leaders,
    people: members.size,
    cadresAndPartyMembers: members.size - leaders,
    villages: villages.filter((v, i) => v.kind !== "park" && (village[i]?.logs ?? 0) > 0).length,
    visits: total.visits,
    enterprises: total.enterprises,
    symposia: total.symposia,
    talks: total.talks,
    consulted: total.consulted,
    logs: total.logs,
    concernsRaised: total.concernsRaised,
    solved: (concerns.closedResolved ?? 0) + (concerns.closedAssisted ?? 0),
  };
}
