import { type Directory, DomainError, indexDirectory } from "@lianxin/core";
import { planRecentDemo, type RecentDemoConcern, seededRandom } from "@lianxin/core/demo";
import { demoStaff, load, nextStep, type Playing, type Step } from "./demo-recent-steps.js";
import type { Deps } from "./deps.js";
import type { StaffAuth } from "./use-cases/accounts/session.js";
import { currentCalendar } from "./use-cases/calendar/calendar.js";
import { submitConcern } from "./use-cases/concerns/submit-concern.js";
import { currentDirectory } from "./use-cases/directory/current-directory.js";
import { escalateOpenConcerns } from "./use-cases/monitoring/escalation-job.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Concerns played side by side (each with its own clock); DynamoDB Local takes ~6 well. */
const LANES = 6;
/**
 * The job's pass is played once every so many days (the Cron runs every few minutes): the
 * steps between two passes run side by side, so the window is what makes seeding quick.
 */
const WINDOW = 3 * DAY;

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
    await jobPass(main(day));
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
  await jobPass(main(now));
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

/** The escalation job's pass over open and answered concerns, at the clock of `deps`. */
async function jobPass(deps: Deps) {
  const summary = { visited: 0, changed: 0, conflicts: 0, notifications: 0 };
  await escalateOpenConcerns(
    deps,
    await currentDirectory(deps),
    await currentCalendar(deps),
    summary,
  );
  return summary;
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
