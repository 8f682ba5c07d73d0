import { describe, expect, it } from "vitest";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { indexDirectory } from "../directory/lookup.js";
import { DomainError } from "../errors.js";
import { registerConcern } from "../intake/register-concern.js";
import { routeConcern } from "../routing/route-concern.js";
import type { StaffUser } from "../staff/schema.js";
import { officialCalendar } from "../time/working-calendar.js";
import type { ConcernAction } from "./actions.js";
import type { Concern } from "./concern.js";
import { currentAnswerRating, currentDeadline, isOverdue } from "./deadline.js";
import { applyFeedback } from "./feedback.js";
import { toResidentView } from "./resident-view.js";
import { toStaffView } from "./staff-view.js";
import { applyAction, applyMerge, transitionAllowed } from "./state-machine.js";

const index = indexDirectory(buildDemoDirectory());
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("fixture missing");
  return value;
}
const category = must(index.category("environment"));
const village = must(index.village("meijing"));
const limits = category.limits;
const t0 = new Date("2026-11-27T02:00:00Z");
let ids = 0;
const newEventId = () => `e${++ids}`;

function fresh(ledgerNo = "LS-2026-000001"): Concern {
  return registerConcern({
    input: {
      villageId: "meijing",
      categoryCode: "environment",
      description: "倪巷浜河水发黑发臭很久了",
      anonymous: false,
    },
    routing: routeConcern(index, village, category, null),
    limits: limits,
    calendar: officialCalendar,
    ledgerNo,
    accessCode: "7KQ2M9X4PA",
    now: t0,
    newEventId,
  }).concern;
}

const cadre: StaffUser = {
  id: "c1",
  username: "c",
  name: "干部甲",
  role: "cadre",
  departmentId: "env-bureau",
  villageIds: [],
};
const ctx = (now = t0) => ({
  user: cadre,
  now,
  newEventId,
  calendar: officialCalendar,
  limits: limits,
  index,
});
type Act = Exclude<ConcernAction, { type: "merge" }>;
type Without<T> = T extends unknown ? Omit<T, "expectedVersion"> : never;
const run = (c: Concern, action: Without<Act>, now = t0) =>
  applyAction(c, { ...action, expectedVersion: c.version } as Act, ctx(now)).concern;

describe("the concern state machine", () => {
  it("walks assigned → accepted → in progress → answered, one event each, versions counting", () => {
    let c = fresh();
    expect(c.version).toBe(2);
    c = run(c, { type: "accept" });
    c = run(c, { type: "respond", method: "phone", summary: "已电话联系" });
    expect(c.status).toBe("in_progress");
    expect(c.firstResponseAt).toBe(t0.toISOString());
    c = run(c, { type: "answer", outcome: "resolved", publicReply: "已清淤" });
    expect(c).toMatchObject({ status: "answered", outcome: "resolved", version: 5 });
  });

  it("refuses what the state does not allow, and a stale version, changing nothing", () => {
    const c = fresh();
    const attempt = (a: Act) => {
      try {
        applyAction(c, a, ctx());
      } catch (e) {
        return e as DomainError;
      }
      return null;
    };
    expect(
      attempt({ type: "answer", expectedVersion: 2, outcome: "resolved", publicReply: "x" })?.code,
    ).toBe("invalid_transition");
    expect(attempt({ type: "strike_off", expectedVersion: 2, verificationNote: "x" })?.code).toBe(
      "invalid_transition",
    );
    const stale = attempt({ type: "accept", expectedVersion: 1 });
    expect(stale?.code).toBe("conflict");
    expect(stale?.details).toEqual({ currentState: "assigned", currentVersion: 2 });
    expect(c.status).toBe("assigned");
  });

  it("allows one extension only, of working days, moving the answer deadline", () => {
    let c = run(fresh(), { type: "accept" });
    const before = c.deadlines.answerBy;
    c = run(c, { type: "extend", workingDays: 5, publicReason: "需协调上级资金" });
    expect(c.deadlines.answerBy > before).toBe(true);
    expect(transitionAllowed("extend", c)).toBe(false);
  });

  it("sends a returned concern to the town office's triage, and dispatch restarts the clocks", () => {
    let c = run(fresh(), { type: "return", reason: "不属于本部门" });
    expect(c).toMatchObject({
      status: "triage",
      returnCount: 1,
      routing: { department: { name: "党政办" } },
    });
    const later = new Date(t0.getTime() + 3 * 86_400_000);
    c = run(c, { type: "dispatch", departmentId: "water-station" }, later);
    expect(c.status).toBe("assigned");
    expect(Date.parse(c.deadlines.signForBy)).toBeGreaterThan(later.getTime());
  });

  it("warns when a dispatch, an extension or a redo counts days into a year without the official arrangement", () => {
    // chinese-days has no 2027: working days there are estimated, and the concern says so.
    expect(fresh().calendarWarning).toBeNull();
    const lateDecember = new Date("2026-12-30T02:00:00Z");
    const returned = run(fresh(), { type: "return", reason: "不属于本部门" });
    const dispatched = run(
      returned,
      { type: "dispatch", departmentId: "env-bureau" },
      lateDecember,
    );
    expect(dispatched.calendarWarning).toMatch(/2027/);
    // A dispatch restarts every clock: its warning is that of the new deadlines.
    expect(
      run(returned, { type: "dispatch", departmentId: "env-bureau" }).calendarWarning,
    ).toBeNull();

    const accepted = run(fresh(), { type: "accept" });
    expect(accepted.calendarWarning).toBeNull();
    // An answer due just before the year end, extended across it.
    accepted.deadlines = { ...accepted.deadlines, answerBy: "2026-12-21T15:59:59.999Z" };
    const extended = run(accepted, {
      type: "extend",
      workingDays: 15,
      publicReason: "需协调上级资金",
    });
    expect(extended.deadlines.answerBy > "2027").toBe(true);
    expect(extended.calendarWarning).toMatch(/2027/);

    const staffView = toStaffView(extended, [], cadre, index, "zh-CN", t0).view;
    expect(staffView.calendarWarning).toMatch(/2027/);
  });

  it("shows the current deadline and overdue by stage", () => {
    const c = fresh();
    expect(currentDeadline(c, t0)?.stage).toBe("sign_for");
    expect(isOverdue(c, new Date(Date.parse(c.deadlines.signForBy) + 1))).toBe(true);
    const deferred = run(run(fresh(), { type: "accept" }), {
      type: "defer",
      committedDate: "2027-06-30",
      reason: "资金到位后施工",
    });
    expect(currentDeadline(deferred, t0)).toMatchObject({
      stage: "committed",
      dueAt: "2027-06-30T15:59:59.999Z",
    });
  });

  it("merges the source into an open target and records it on both", () => {
    const source = fresh("LS-2026-000002");
    const target = fresh("LS-2026-000003");
    const merged = applyMerge(source, target, source.version, ctx());
    expect(merged.source).toMatchObject({ status: "merged", mergedInto: target.ledgerNo });
    expect(merged.target.mergedFrom).toEqual([source.ledgerNo]);
    expect(merged.events.map((e) => [e.ledgerNo, e.type, e.seq])).toEqual([
      [source.ledgerNo, "merged", 3],
      [target.ledgerNo, "merged_in", 3],
    ]);
    expect(() => applyMerge(source, source, source.version, ctx())).toThrow(DomainError);
    expect(merged.events.map((e) => e.reason)).toEqual([null, null]);
  });

  it("records the merger's reason on both events", () => {
    const source = fresh("LS-2026-000002");
    const target = fresh("LS-2026-000003");
    const reason = "与 LS-2026-000003 反映同一问题（相似度 72%）";
    const merged = applyMerge(source, target, source.version, ctx(), reason);
    expect(merged.events.map((e) => e.reason)).toEqual([reason, reason]);
  });
});

describe("urging the handler (催办)", () => {
  const leader: StaffUser = {
    id: "leader-wang",
    username: "leader",
    name: "王建国",
    role: "leader",
    departmentId: null,
    villageIds: ["meijing"],
  };
  const urge = (c: Concern) =>
    applyAction(
      c,
      { type: "urge", expectedVersion: c.version, note: "群众又来电，请尽快答复" },
      { ...ctx(), user: leader },
    );

  it("records a staff-only event and tells the department's head while nobody is assigned", () => {
    const c = fresh();
    const { concern, events, notifications } = urge(c);
    expect(concern).toMatchObject({ status: "assigned", version: c.version + 1 });
    expect(events).toEqual([
      expect.objectContaining({ type: "urged", public: false, text: "群众又来电，请尽快答复" }),
    ]);
    const head = must(index.department("env-bureau")).head.id;
    expect(notifications).toEqual([
      expect.objectContaining({
        recipient: head,
        kind: "urged",
        ledgerNo: c.ledgerNo,
        data: { title: null, note: "群众又来电，请尽快答复", by: "王建国" },
      }),
    ]);
    const residentSees = toResidentView(concern, events, index, "zh-CN", t0);
    expect(residentSees.timeline.map((e) => e.type)).not.toContain("urged");
  });

  it("tells the assignee once someone has signed for it", () => {
    const accepted = run(fresh(), { type: "accept" });
    expect(urge(accepted).notifications.map((n) => n.recipient)).toEqual([cadre.id]);
  });

  it("only while someone handles it: not in triage, not once answered", () => {
    const triaged = run(fresh(), { type: "return", reason: "不属于本部门" });
    expect(() => urge(triaged)).toThrow(DomainError);
    let answered = run(fresh(), { type: "accept" });
    answered = run(answered, { type: "answer", outcome: "resolved", publicReply: "已清淤" });
    expect(transitionAllowed("urge", answered)).toBe(false);
    expect(transitionAllowed("urge", run(fresh(), { type: "accept" }))).toBe(true);
  });
});

describe("the resident's rating", () => {
  const answered = () =>
    run(run(fresh(), { type: "accept" }), {
      type: "answer",
      outcome: "explained",
      publicReply: "已解释政策",
    });
  const fb = (c: Concern, rating: "satisfied" | "dissatisfied", now = t0) =>
    applyFeedback(c, { rating }, { now, newEventId, limits: limits, calendar: officialCalendar })
      .concern;

  it("strikes the concern off when satisfied", () => {
    expect(fb(answered(), "satisfied")).toMatchObject({
      status: "struck_off",
      rating: { rating: "satisfied" },
    });
  });

  it("reopens once when dissatisfied, then hands the second dissatisfaction to the contact leader", () => {
    let c = fb(answered(), "dissatisfied");
    expect(c).toMatchObject({
      status: "in_progress",
      flags: { reopened: true },
      dissatisfiedCount: 1,
    });
    c = run(c, { type: "answer", outcome: "explained", publicReply: "再次解释" });
    c = fb(c, "dissatisfied");
    expect(c).toMatchObject({ status: "answered", awaitingVerification: true });
    expect(transitionAllowed("redo", c)).toBe(true);
  });

  it("opens a redone answer for rating again, and tells the contact leader after the second dissatisfaction", () => {
    const hour = (n: number) => new Date(t0.getTime() + n * 3_600_000);
    const rateAt = (c: Concern, now: Date) =>
      applyFeedback(
        c,
        { rating: "dissatisfied", comment: "没解决" },
        { now, newEventId, limits, calendar: officialCalendar },
      );
    const first = rateAt(answered(), hour(1));
    expect(first.notifications).toEqual([]);
    expect(currentAnswerRating(first.concern)).toMatchObject({ rating: "dissatisfied" });
    const redone = run(
      first.concern,
      { type: "answer", outcome: "explained", publicReply: "再次上门解释" },
      hour(2),
    );
    // The first rating rated the first answer: the redone one is unrated and open for rating.
    expect(currentAnswerRating(redone)).toBeNull();
    expect(toResidentView(redone, [], index, "zh-CN", hour(2))).toMatchObject({
      status: "answered",
      rating: null,
      canRate: true,
    });
    const second = rateAt(redone, hour(3));
    expect(second.concern).toMatchObject({ status: "answered", awaitingVerification: true });
    expect(second.notifications).toEqual([
      expect.objectContaining({
        recipient: redone.routing.contactLeader.id,
        kind: "verification_needed",
        ledgerNo: redone.ledgerNo,
      }),
    ]);
    expect(toResidentView(second.concern, [], index, "zh-CN", hour(3))).toMatchObject({
      rating: { rating: "dissatisfied" },
      canRate: false,
    });
  });

  it("refuses a rating after the 7-day window", () => {
    const late = new Date(t0.getTime() + 8 * 86_400_000);
    expect(() => fb(answered(), "satisfied", late)).toThrow(DomainError);
  });
});
