import {
  type Concern,
  type ConcernAction,
  type Directory,
  DomainError,
  indexDirectory,
  type StaffUser,
} from "@lianxin/core";
import {
  buildDemoStaff,
  planRecentDemo,
  REDO_REPLY,
  RESPONSES,
  type RecentDemoConcern,
  seededRandom,
} from "@lianxin/core/demo";
import type { Deps } from "./deps.js";

/** An action as planned: its version is the concern's when it is taken. */
type PlannedAction = ConcernAction extends infer A
  ? A extends ConcernAction
    ? Omit<A, "expectedVersion">
    : never
  : never;

import type { StaffAuth } from "./use-cases/accounts/session.js";
import { currentCalendar } from "./use-cases/calendar/calendar.js";
import { commitRating } from "./use-cases/concerns/feedback.js";
import { performAction } from "./use-cases/concerns/staff-concerns.js";
import { submitConcern } from "./use-cases/concerns/submit-concern.js";
import { currentDirectory } from "./use-cases/directory/current-directory.js";
import { escalateOpenConcerns } from "./use-cases/monitoring/escalation-job.js";
import { publishNotice } from "./use-cases/notices/notices.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Concerns played side by side (each with its own clock); DynamoDB Local takes ~6 well. */
const LANES = 6;
/**
 * The job's pass is played once every so many days (the Cron runs every few minutes): the
 * steps between two passes run side by side, so the window is what makes seeding quick.
 */
const WINDOW = 3 * DAY;

/** A step of a concern's life, due at `at` (ms). */
interface Step {
  at: number;
  /** Takes the step on the concern as it is; returns it as it is after. */
  run: (deps: Deps, concern: Concern) => Promise<Concern>;
}

interface Playing {
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
 * Seeds the recent demo concerns (issue 17) by playing each through the API's own use cases
 * (submit, dispatch, sign for, return, respond, answer, rate, verify, supervise, approve the
 * notice) at controlled instants up to `now`, with the escalation job's pass every 3 days, so
 * that counters, the period index, notices and every other index are written by production
 * code. Outside the campaign's totals. Deterministic for a given `now` (seeded), but for ids.
 */
export async function seedRecentDemo(
  base: Deps,
  directory: Directory,
  options: { now: Date; log?: (line: string) => void },
) {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const now = options.now.getTime();
  const plan = planRecentDemo(directory, { now: options.now, random: seededRandom(1217) });
  const index = indexDirectory(directory);
  const staff = demoStaff(directory);
  /** One Deps per lane: its clock is set before each call, its caches are its own. */
  const lanes = Array.from({ length: LANES }, () => {
    let clock = new Date(now);
    const deps: Deps = { ...base, now: () => clock, directoryCacheMs: Number.MAX_SAFE_INTEGER };
    return (at: number) => {
      clock = new Date(at);
      return deps;
    };
  });
  const main = lanes[0] as (at: number) => Deps;
  const playing: Playing[] = [];
  const failures: string[] = [];
  let steps = 0;
  log(
    `▸ seeding ${plan.length} recent demo concerns (the last 12 months, through the API's use cases)…`,
  );

  const advance = async (lane: (at: number) => Deps, p: Playing) => {
    const step = p.next as Step;
    const deps = lane(step.at);
    try {
      p.concern = await step.run(deps, p.concern).catch(async (error: unknown) => {
        // The job's pass changed it meanwhile (an overdue record): again, on it as it is now.
        if (!(error instanceof DomainError) || error.code !== "conflict") throw error;
        return step.run(deps, await load(deps, p.ledgerNo));
      });
      steps++;
    } catch (error) {
      failures.push(`${p.ledgerNo}: ${String(error)}`);
      p.next = null;
      return;
    }
    p.next = nextStep(p, step.at, staff, index, now);
  };

  const first = Math.floor(Date.parse(plan[0]?.at ?? options.now.toISOString()) / DAY) * DAY;
  let next = 0;
  let shown = 0;
  for (let day = first; day <= now; day += WINDOW) {
    const end = Math.min(day + WINDOW, now + 1);
    // The job's pass first (08:00 Shanghai), as the Cron would have run it.
    const tick = main(day);
    await escalateOpenConcerns(tick, await currentDirectory(tick), await currentCalendar(tick), {
      visited: 0,
      changed: 0,
      conflicts: 0,
      notifications: 0,
    });
    // Registrations one after another, so that ledger numbers follow registration times.
    while (next < plan.length && Date.parse((plan[next] as RecentDemoConcern).at) < end) {
      const spec = plan[next++] as RecentDemoConcern;
      const ledgerNo = await register(main(Date.parse(spec.at)), spec, staff.admin, next);
      const at = Date.parse(spec.at);
      const p: Playing = {
        spec,
        ledgerNo,
        random: seededRandom(next * 7919),
        answers: 0,
        ratings: 0,
        returns: 0,
        dispatches: 0,
        supervised: false,
        published: false,
        concern: await load(main(at), ledgerNo),
        next: null,
      };
      p.next = nextStep(p, at, staff, index, now);
      playing.push(p);
    }
    // Then each lane plays its concerns' steps due in this window, in time order.
    await Promise.all(
      lanes.map(async (lane, k) => {
        const mine = playing.filter((_p, i) => i % LANES === k);
        for (;;) {
          const due = mine
            .filter((p) => p.next && p.next.at < end && p.next.at <= now)
            .sort((a, b) => (a.next as Step).at - (b.next as Step).at)[0];
          if (!due) break;
          await advance(lane, due);
        }
      }),
    );
    const pct = Math.floor(((day - first) / (now - first)) * 4) * 25;
    if (pct > shown) {
      shown = pct;
      log(
        `  ${pct}% (${new Date(day).toISOString().slice(0, 7)}: ${steps.toLocaleString("en-US")} steps)`,
      );
    }
  }
  // The job's pass at "now": what is overdue now is recorded so.
  const last = main(now);
  await escalateOpenConcerns(last, await currentDirectory(last), await currentCalendar(last), {
    visited: 0,
    changed: 0,
    conflicts: 0,
    notifications: 0,
  });
  const seconds = (Date.now() - started) / 1000;
  const published = playing.filter((p) => p.published).length;
  log(
    `  recent demo seeded in ${seconds.toFixed(1)} s: ${plan.length} concerns, ${steps.toLocaleString("en-US")} steps, ${published} notices published${failures.length ? `, ${failures.length} failed` : ""}`,
  );
  for (const f of failures.slice(0, 5)) log(`  ✗ ${f}`);
  return {
    concerns: plan.length,
    ledgerNos: playing.map((p) => p.ledgerNo),
    steps,
    published,
    failures,
    seconds,
  };
}

async function load(deps: Deps, ledgerNo: string): Promise<Concern> {
  const found = await deps.store.getConcernWithEvents(ledgerNo);
  if (!found) throw new Error(`${ledgerNo} vanished`);
  return found.concern;
}

/** Registers one planned concern: online by the resident, or taken by phone by the office. */
async function register(deps: Deps, spec: RecentDemoConcern, admin: StaffAuth, n: number) {
  const { receipt } = await submitConcern(deps, {
    idempotencyKey: spec.key,
    clientAddress: `198.51.100.${1 + (n % 250)}`,
    ...(spec.channel === "online"
      ? { body: spec.input }
      : { body: { ...spec.input, channel: spec.channel }, staff: { user: admin.user } }),
  });
  return receipt.ledgerNo;
}

/** The staff who act on demo concerns: the office's admin, each department's head, each leader. */
function demoStaff(directory: Directory) {
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

type DemoStaff = ReturnType<typeof demoStaff>;

/**
 * What happens next to a concern and when, from its state after the last step (at `prev`):
 * each department acts at its pace toward the deadline that applies, the resident rates a
 * while after the answer, the leader verifies, admin approves the notice. Null: nothing more.
 */
function nextStep(
  p: Playing,
  prev: number,
  staff: DemoStaff,
  index: ReturnType<typeof indexDirectory>,
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
