import type { Concern, ConcernAction, Directory, DirectoryIndex, StaffUser } from "@lianxin/core";
import { buildDemoStaff, REDO_REPLY, RESPONSES, type RecentDemoConcern } from "@lianxin/core/demo";
import type { Deps } from "./deps.js";
import type { StaffAuth } from "./use-cases/accounts/session.js";
import { commitRating } from "./use-cases/concerns/feedback.js";
import { performAction } from "./use-cases/concerns/staff-concerns.js";
import { publishNotice } from "./use-cases/notices/notices.js";

const HOUR = 3_600_000;

/** An action as planned: its version is the concern's when it is taken. */
type PlannedAction = ConcernAction extends infer A
  ? A extends ConcernAction
    ? Omit<A, "expectedVersion">
    : never
  : never;

/** Reads a concern as it is now. */
export async function load(deps: Deps, ledgerNo: string): Promise<Concern> {
  const found = await deps.store.getConcernWithEvents(ledgerNo);
  if (!found) throw new Error(`${ledgerNo} vanished`);
  return found.concern;
}

/** A step of a concern's life, due at `at` (ms). */
export interface Step {
  at: number;
  /** Takes the step on the concern as it is; returns it as it is after. */
  run: (deps: Deps, concern: Concern) => Promise<Concern>;
}

/** A recent demo concern being played: its plan, its state and its next step. */
export interface Playing {
  spec: RecentDemoConcern;
  ledgerNo: string;
  random: () => number;
  answers: number;
  ratings: number;
  returns: number;
  dispatches: number;
  supervised: boolean;
  published: boolean;
  /** As the last step left it (the job's pass may have moved its version since). */
  concern: Concern;
  next: Step | null;
}

/**
 * The staff who act on demo concerns: the office's admin, each department's head, each
 * village's contact leader, and the discipline commission's inspector (conduct complaints).
 */
export function demoStaff(directory: Directory) {
  const auth = (user: StaffUser): StaffAuth => ({
    user,
    sessionId: "demo-seed",
    mustChangePassword: false,
  });
  const accounts = buildDemoStaff(directory);
  const admin = auth(accounts.find((u) => u.role === "admin") as StaffUser);
  const inspector = auth(accounts.find((u) => u.role === "inspector") as StaffUser);
  const head = (departmentId: string) => {
    const d = directory.departments.find((x) => x.id === departmentId);
    if (!d) throw new Error(`unknown department ${departmentId}`);
    return auth({
      id: d.head.id,
      username: d.head.id,
      name: d.head.name,
      role: "dept_head",
      departmentId: d.id,
      villageIds: [],
    });
  };
  const leader = (villageId: string) => {
    const id = directory.villages.find((v) => v.id === villageId)?.contactLeaderId ?? "";
    const l = directory.leaders.find((x) => x.id === id);
    if (!l) throw new Error(`no contact leader for ${villageId}`);
    return auth({
      id: l.id,
      username: l.id,
      name: l.name,
      role: "leader",
      departmentId: null,
      villageIds: directory.villages.filter((v) => v.contactLeaderId === id).map((v) => v.id),
    });
  };
  return { admin, inspector, head, leader };
}

export type DemoStaff = ReturnType<typeof demoStaff>;

/**
 * What happens next to a concern and when, from its state after the last step (at `prev`):
 * each department acts at its pace toward the deadline that applies, the resident rates a
 * while after the answer, the leader verifies, admin approves the notice. Null: nothing more.
 */
export function nextStep(
  p: Playing,
  prev: number,
  staff: DemoStaff,
  index: DirectoryIndex,
  now: number,
): Step | null {
  const { spec, concern } = p;
  /** A fraction `pace` of the way from `prev` to `due` (past it when pace > 1). */
  const toward = (due: string, pace: number) => {
    const span = Math.max(2 * HOUR, Date.parse(due) - prev);
    return prev + Math.max(10 * 60_000, pace * span * (0.9 + 0.2 * p.random()));
  };
  /** A staff action; `done` counts it once committed (a retry after a conflict counts once). */
  const act = (
    at: number,
    who: StaffAuth,
    action: PlannedAction,
    done: () => void = () => {},
  ): Step => ({
    at,
    run: async (deps, c) => {
      const { change } = await performAction(deps, who, c.ledgerNo, {
        ...action,
        expectedVersion: c.version,
      } as ConcernAction);
      done();
      return change.concern;
    },
  });
  // Conduct complaints are the discipline commission's inspectors' (nobody else sees them).
  const head = () =>
    concern.routing.visibility === "discipline"
      ? staff.inspector
      : staff.head(concern.routing.department.id);
  const leader = () => staff.leader(concern.villageId);

  // The contact leader presses the department (督办) once, while it is open.
  const superviseAt = spec.superviseAfterHours
    ? Date.parse(spec.at) + spec.superviseAfterHours * HOUR
    : null;
  const supervise = (step: Step): Step =>
    superviseAt && !p.supervised && superviseAt < step.at
      ? act(
          Math.max(superviseAt, prev + 10 * 60_000),
          leader(),
          { type: "supervise", note: "请加快办理进度，按时限答复群众。" },
          () => {
            p.supervised = true;
          },
        )
      : step;

  switch (concern.status) {
    case "triage": {
      const to = spec.dispatches[p.dispatches] ?? index.triageOffice().id;
      return act(
        toward(concern.deadlines.signForBy, 0.3),
        staff.admin,
        { type: "dispatch", departmentId: to },
        () => p.dispatches++,
      );
    }
    case "assigned": {
      const reason = spec.returns[p.returns];
      if (reason) {
        return act(
          toward(concern.deadlines.signForBy, 0.5),
          head(),
          { type: "return", reason },
          () => p.returns++,
        );
      }
      return supervise(
        act(toward(concern.deadlines.signForBy, spec.pace.signFor), head(), { type: "accept" }),
      );
    }
    case "accepted": {
      const response = RESPONSES[Math.floor(p.random() * RESPONSES.length)] ?? RESPONSES[0];
      return supervise(
        act(toward(concern.deadlines.respondBy, spec.pace.respond), head(), {
          type: "respond",
          method: response.method,
          summary: response.summary,
        }),
      );
    }
    case "in_progress":
    case "deferred": {
      // After a reopening the department hurries (and answers what it found again).
      const pace = p.answers ? Math.min(spec.pace.answer, 0.6) : spec.pace.answer;
      return supervise(
        act(
          toward(concern.deadlines.answerBy, pace),
          head(),
          {
            type: "answer",
            outcome: spec.outcome,
            publicReply: p.answers ? REDO_REPLY : spec.reply,
          },
          () => p.answers++,
        ),
      );
    }
    case "answered": {
      if (concern.awaitingVerification) {
        return act(prev + (6 + 30 * p.random()) * HOUR, leader(), {
          type: "strike_off",
          verificationNote: spec.verifyNote ?? "经实地复核，已按规定办理到位。",
        });
      }
      const rating = spec.ratings[p.ratings];
      if (!rating) return null;
      return {
        at:
          Date.parse(concern.answeredAt ?? new Date(prev).toISOString()) + rating.afterHours * HOUR,
        run: async (deps, c) => {
          const found = await deps.store.getConcernWithEvents(c.ledgerNo);
          if (!found) throw new Error(`${c.ledgerNo} vanished`);
          await commitRating(deps, found, {
            rating: rating.rating,
            ...(rating.comment ? { comment: rating.comment } : {}),
          });
          p.ratings++;
          return load(deps, c.ledgerNo);
        },
      };
    }
    case "struck_off":
      if (p.published) return null;
      // Admin approves the notice the strike-off drafted within the day, by "now" at the latest.
      return {
        at: Math.min(prev + (2 + 20 * p.random()) * HOUR, now),
        run: async (deps, c) => {
          await publishNotice(deps, staff.admin, p.ledgerNo, "zh-CN");
          p.published = true;
          return c;
        },
      };
    default:
      return null;
  }
}
