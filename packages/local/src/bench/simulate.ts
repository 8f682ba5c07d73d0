/**
 * Concerns with a life, built with core's own functions at injected times: registered
 * (`registerConcern`, routed by `routeConcern`), handled (`applyAction`), rated
 * (`applyFeedback`) and watched by the escalation job (`escalate`, run as the job would
 * see each limit). Every step's counter deltas come from `metricDeltas(before, after)`,
 * summed per counter item: the values the store's transactional ADDs would leave.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { isDeepStrictEqual } from "node:util";
import {
  accessCodeFromBytes,
  addWorkingDays,
  applyAction,
  applyFeedback,
  type Category,
  type Concern,
  type ConcernAction,
  type ConcernEvent,
  type ConcernSubmission,
  type Counters,
  createWorkingCalendar,
  currentDeadline,
  type DirectoryIndex,
  endOfShanghaiDay,
  escalate,
  type Feedback,
  formatLedgerNo,
  INSPECTOR_AFTER_WORKING_DAYS,
  indexDirectory,
  isOpen,
  type MetricDelta,
  metricDeltas,
  type Outcome,
  officialArrangement,
  REMINDER_AT,
  ratingDeadline,
  registerConcern,
  routeConcern,
  type StaffUser,
  shanghaiDate,
  shanghaiYear,
  TOWN_PREFIX,
  type WorkingCalendar,
} from "@lianxin/core";
import { buildDemoStaff } from "@lianxin/core/demo";
import { concernItem, counterShard, keys, type Store, sumCounterDeltas } from "@lianxin/store";
import type { BatchWriter } from "./batch-writer.js";
import { duration, int, log } from "./cli.js";
import { createRng, type Rng } from "./random.js";

const MINUTE = 60_000;
/** Progress lines while seeding: one per this many items written. */
const PROGRESS_EVERY = 5_000;
/** Concerns built (held in memory) at a time. */
const CHUNK = 250;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How a seeded concern's life ends: struck off, answered and awaiting a rating, or open. */
export type Fate = "closed" | "answered" | "open";

export interface ConcernSpec {
  ledgerNo: string;
  /** Registration time (epoch ms). */
  at: number;
  fate: Fate;
  villageId?: string;
  categoryCode?: string;
  /** Every step before this (epoch ms), if not before the world's "now". */
  until?: number;
}

/**
 * Counter items as the store keeps them: one per scope, month (and person) and shard. Each
 * change's deltas go to one shard per counter, drawn as the store's writer draws them
 * (`sumCounterDeltas` with `counterShard`), from a generator of their own so that the
 * concerns drawn for a seed stay the same whatever the number of shards.
 */
export class CounterSums {
  private readonly items = new Map<string, { pk: string; sk: string; fields: Counters }>();
  private readonly shard: () => number;

  constructor(random: () => number) {
    this.shard = () => counterShard(random);
  }

  /** One change's deltas, as one transaction's ADDs. */
  add(change: MetricDelta[]): void {
    for (const { key, fields } of sumCounterDeltas(change, this.shard)) {
      const id = `${key.pk}|${key.sk}`;
      let entry = this.items.get(id);
      if (!entry) {
        entry = { ...key, fields: {} };
        this.items.set(id, entry);
      }
      for (const [field, amount] of fields)
        entry.fields[field] = (entry.fields[field] ?? 0) + amount;
    }
  }

  get size(): number {
    return this.items.size;
  }

  /** The items to Put (plain numbers, the sums of every delta so far). */
  *storeItems(): Generator<Record<string, unknown>> {
    for (const { pk, sk, fields } of this.items.values()) yield { pk, sk, ...fields };
  }

  /** One field summed over a scope kind's items (every shard, no per-person items) within months. */
  sum(kind: string, field: string, fromMonth: string, toMonth: string): number {
    const prefix = keys.metricsPartition(kind, "");
    let total = 0;
    for (const { pk, sk, fields } of this.items.values()) {
      const { month, member } = keys.metricsSort(sk);
      if (pk.startsWith(prefix) && member === null && month >= fromMonth && month <= toMonth) {
        total += fields[field] ?? 0;
      }
    }
    return total;
  }
}

export interface World {
  index: DirectoryIndex;
  calendar: WorkingCalendar;
  rng: Rng;
  /** The seeding's "now": every simulated step happens before it. */
  now: number;
  counters: CounterSums;
  /** Last ledger sequence per year (Asia/Shanghai), continued from phase to phase. */
  sequences: Map<number, number>;
  admin: StaffUser;
  /** Who signs for a department's concerns: its head, and its demo cadres. */
  handlers: Map<string, StaffUser[]>;
  villageWeights: Record<string, number>;
  categoryWeights: Record<string, number>;
}

/** Roughly how often each category comes up in a town's ledger. */
const CATEGORY_WEIGHTS: Record<string, number> = {
  roads_lighting: 18,
  environment: 14,
  utilities: 10,
  housing: 8,
  dispute: 8,
  agriculture: 7,
  public_order: 6,
  hardship: 6,
  health_education: 5,
  employment: 4,
  land: 4,
  safety_hazard: 4,
  other: 5,
  cadre_conduct: 1,
};
/** Where the town office sends what no rule routes, or what a department returned. */
const DISPATCH_POOL = [
  "urban-management",
  "civil-affairs",
  "social-governance",
  "planning-construction",
  "economy",
  "market-supervision",
];
const OUTCOMES: Record<Outcome, number> = { resolved: 70, explained: 20, assisted: 10 };
const FIRST_RATINGS: Record<Feedback["rating"], number> = {
  satisfied: 70,
  basically_satisfied: 19,
  dissatisfied: 11,
};
const LATER_RATINGS: Record<Feedback["rating"], number> = {
  satisfied: 55,
  basically_satisfied: 30,
  dissatisfied: 15,
};
const CHANNELS = { online: 55, phone: 25, in_person: 10, visit: 10 } as const;
const METHODS = ["phone", "visit", "in_person", "message"] as const;
const SURNAMES = [
  "王",
  "李",
  "张",
  "刘",
  "陈",
  "杨",
  "赵",
  "黄",
  "周",
  "吴",
  "徐",
  "孙",
  "朱",
  "马",
];
const PROBLEMS = [
  "反映的问题已持续一段时间，影响周边居民正常生活，希望尽快处理。",
  "多次向村里反映未果，请求相关部门到现场查看并给予答复。",
  "情况比较紧急，附近老人和孩子较多，请尽快安排人员处理。",
  "希望相关部门核实情况，依法依规处理，并把结果告知我们。",
];

/** The world of a table's directory and calendar, its "now" this moment. */
export async function loadWorld(store: Store, seed: number): Promise<World> {
  const index = indexDirectory(await store.loadDirectory());
  const calendar = createWorkingCalendar(officialArrangement, await store.getCalendarOverride());
  return createWorld(index, calendar, createRng(seed), Date.now());
}

export function createWorld(
  index: DirectoryIndex,
  calendar: WorkingCalendar,
  rng: Rng,
  now: number,
): World {
  const directory = index.directory;
  const demo = buildDemoStaff(directory);
  const admin = demo.find((u) => u.role === "admin");
  if (!admin) throw new Error("the demo staff have no admin");
  const handlers = new Map<string, StaffUser[]>();
  for (const d of directory.departments) {
    const head: StaffUser = {
      id: d.head.id,
      username: d.head.id,
      name: d.head.name,
      role: "dept_head",
      departmentId: d.id,
      villageIds: [],
    };
    const members = demo.filter(
      (u) => u.departmentId === d.id && u.id !== head.id && u.role === "cadre",
    );
    handlers.set(d.id, [head, ...members]);
  }
  // Villages differ in size: fixed weights from the seed, between 1 and 3.
  const villageWeights = Object.fromEntries(
    directory.villages.map((v) => [v.id, rng.between(1, 3)]),
  );
  const categoryWeights = Object.fromEntries(
    directory.categories.map((c) => [c.code, CATEGORY_WEIGHTS[c.code] ?? 4]),
  );
  return {
    index,
    calendar,
    rng,
    now,
    // Shards drawn apart from the world's generator (fixed seed): see CounterSums.
    counters: new CounterSums(createRng(0x5eed)),
    sequences: new Map(),
    admin,
    handlers,
    villageWeights,
    categoryWeights,
  };
}

/** A registration time in [from, to], mostly in office hours (Asia/Shanghai). */
function registrationTime(rng: Rng, from: number, to: number): number {
  const t = rng.between(from, to);
  const local = t + 8 * HOUR;
  const hour = rng.chance(0.85) ? rng.between(8, 18) : rng.between(0, 24);
  const shifted = local - (local % DAY) + hour * HOUR - 8 * HOUR;
  return Math.min(to, Math.max(from, shifted));
}

/**
 * The concerns of one seeding phase, ordered by registration time and numbered on from
 * the last ledger number of each year. Closed ones over the past `months` months (up to
 * three days ago, or three days before `closedBy`, each closed by then); the live ones
 * (answered, open) within the last days.
 */
export function phaseSpecs(
  w: World,
  counts: { closed: number; answered: number; open: number },
  options: { months?: number; closedBy?: number } = {},
): ConcernSpec[] {
  const { rng, now } = w;
  const start = now - (options.months ?? 24) * 30.44 * DAY;
  const closedBy = options.closedBy ?? now;
  const specs: Array<Omit<ConcernSpec, "ledgerNo">> = [];
  for (let i = 0; i < counts.closed; i++) {
    const at = registrationTime(rng, start, closedBy - 3 * DAY);
    specs.push({ at, fate: "closed", ...(options.closedBy ? { until: closedBy } : {}) });
  }
  for (let i = 0; i < counts.answered; i++) {
    specs.push({ at: registrationTime(rng, now - 6 * DAY, now - 2 * DAY), fate: "answered" });
  }
  for (let i = 0; i < counts.open; i++) {
    // A few in each measured scope, so that every dashboard has a backlog to list.
    const pinned = i < 4 ? { villageId: "meijing" } : i < 8 ? { categoryCode: "environment" } : {};
    specs.push({ at: rng.between(now - 12 * DAY, now - 10 * MINUTE), fate: "open", ...pinned });
  }
  specs.sort((a, b) => a.at - b.at);
  return specs.map((s) => {
    const year = shanghaiYear(new Date(s.at));
    const sequence = (w.sequences.get(year) ?? 0) + 1;
    w.sequences.set(year, sequence);
    return { ...s, ledgerNo: formatLedgerNo(year, sequence) };
  });
}

/** The ledger counters (one per year) matching the numbers used. */
export function ledgerCounterItems(w: World): Record<string, unknown>[] {
  return [...w.sequences].map(([year, lastSequence]) => ({
    ...keys.ledgerCounter(TOWN_PREFIX, year),
    lastSequence,
    updatedAt: new Date(w.now).toISOString(),
  }));
}

type StaffAction = Exclude<ConcernAction, { type: "merge" }>;
type WithoutVersion<T> = T extends unknown ? Omit<T, "expectedVersion"> : never;

/** One concern's history as it is built, with its counter deltas. */
export class Life {
  concern: Concern;
  readonly events: ConcernEvent[];
  /** The counter deltas of each change, one list a transaction. */
  readonly changes: MetricDelta[][];
  /** Time of the last change (epoch ms). */
  lastAt: number;

  constructor(
    private readonly w: World,
    readonly category: Category,
    registered: { concern: Concern; events: ConcernEvent[] },
    at: number,
  ) {
    this.concern = registered.concern;
    this.events = [...registered.events];
    this.changes = [metricDeltas(null, registered.concern)];
    this.lastAt = at;
  }

  private apply(next: { concern: Concern; events: ConcernEvent[] }, at: number): void {
    this.changes.push(metricDeltas(this.concern, next.concern));
    this.concern = next.concern;
    this.events.push(...next.events);
    this.lastAt = at;
  }

  /** A staff action at `at`, after whatever the escalation job did before it. */
  act(action: WithoutVersion<StaffAction>, user: StaffUser, at: number): void {
    this.jobUntil(at);
    const full = { ...action, expectedVersion: this.concern.version } as StaffAction;
    this.apply(
      applyAction(this.concern, full, {
        user,
        now: new Date(at),
        newEventId: randomUUID,
        calendar: this.w.calendar,
        limits: this.category.limits,
        index: this.w.index,
      }),
      at,
    );
  }

  /** The resident's rating at `at`. */
  rate(rating: Feedback["rating"], at: number): void {
    this.jobUntil(at);
    this.apply(
      applyFeedback(
        this.concern,
        { rating },
        {
          now: new Date(at),
          newEventId: randomUUID,
          limits: this.category.limits,
          calendar: this.w.calendar,
        },
      ),
      at,
    );
  }

  /**
   * The escalation job, run every two minutes, up to `until`: it acts at 80 % of the
   * current limit, at the limit, five working days past it, and at the end of the rating
   * window, each seen up to two minutes late.
   */
  jobUntil(until: number): void {
    for (let guard = 0; guard < 12; guard++) {
      let changed = false;
      for (const at of this.jobRuns(until)) {
        const step = escalate(this.concern, {
          now: new Date(at),
          calendar: this.w.calendar,
          index: this.w.index,
          newId: randomUUID,
        });
        if (step) {
          this.apply(step, at);
          changed = true;
          break;
        }
      }
      if (!changed) return;
    }
  }

  private jobRuns(until: number): number[] {
    const c = this.concern;
    const instants: number[] = [];
    if (c.status === "answered" && !c.awaitingVerification) {
      const rateBy = ratingDeadline(c);
      if (rateBy) instants.push(rateBy.getTime() + 1);
    } else if (isOpen(c)) {
      const deadline = currentDeadline(c, new Date(0));
      if (deadline && deadline.stage !== "rating") {
        const due = Date.parse(deadline.dueAt);
        const start = Date.parse(c.createdAt);
        const inspectors = endOfShanghaiDay(
          addWorkingDays(
            this.w.calendar,
            shanghaiDate(new Date(due)),
            INSPECTOR_AFTER_WORKING_DAYS,
          ),
        ).getTime();
        instants.push(start + REMINDER_AT * (due - start), due, inspectors);
      }
    }
    return instants
      .map((x) => Math.max(x, this.lastAt + 1) + this.w.rng.between(0, 2 * MINUTE))
      .filter((x) => x < until)
      .sort((a, b) => a - b);
  }

  /** The store items: the concern (with its queue and index keys) and its events. */
  items(withEvents: boolean): Record<string, unknown>[] {
    const items: Record<string, unknown>[] = [concernItem(this.concern)];
    if (withEvents) {
      for (const e of this.events) {
        items.push({ ...keys.concernEvent(e.ledgerNo, e.seq), entity: "event", ...e });
      }
    }
    return items;
  }
}

function handlerOf(w: World, departmentId: string): StaffUser {
  const pool = w.handlers.get(departmentId);
  if (!pool?.length) throw new Error(`no handler for department ${departmentId}`);
  return w.rng.pick(pool);
}

function dispatchTarget(w: World, category: Category, exclude: string | null): string {
  if (category.departmentId && category.departmentId !== exclude) return category.departmentId;
  return w.rng.pick(DISPATCH_POOL.filter((id) => id !== exclude && w.index.department(id)));
}

function submissionFor(w: World, spec: ConcernSpec) {
  const { rng, index } = w;
  const village = index.village(spec.villageId ?? rng.weighted(w.villageWeights));
  const category = index.category(spec.categoryCode ?? rng.weighted(w.categoryWeights));
  if (!village || !category) throw new Error("unknown village or category");
  const group = village.groups.length && rng.chance(0.7) ? rng.pick(village.groups) : null;
  const channel = rng.weighted(CHANNELS);
  const anonymous = rng.chance(0.08);
  const where = `${village.name}${group?.name ?? ""}`;
  const input: ConcernSubmission = {
    villageId: village.id,
    ...(group ? { groupId: group.id } : {}),
    categoryCode: category.code,
    title: `${where}${category.name}问题`,
    description: `${where}：${category.description}。${rng.pick(PROBLEMS)}`,
    address: `${where}${rng.int(1, 200)}号`,
    contactName: `${rng.pick(SURNAMES)}${rng.chance(0.5) ? "先生" : "女士"}`,
    contactPhone: `1${rng.int(3, 9)}${String(rng.int(0, 999_999_999)).padStart(9, "0")}`,
    anonymous,
  };
  const registeredBy = channel === "online" ? undefined : { id: w.admin.id, name: w.admin.name };
  return { input, channel, registeredBy, village, category };
}

type Stop =
  | "registered"
  | "accepted"
  | "responded"
  | "deferred"
  | "answered"
  | "reopened"
  | "closed";

/**
 * Plays one concern's life up to `stop`. `hurry`: no late steps, returns, deferrals or
 * unrated answers, and short delays (for concerns registered shortly before now).
 */
function play(w: World, spec: ConcernSpec, stop: Stop, hurry: boolean): Life {
  const { rng } = w;
  const { input, channel, registeredBy, village, category } = submissionFor(w, spec);
  const registered = registerConcern({
    input,
    channel,
    ...(registeredBy ? { registeredBy } : {}),
    routing: routeConcern(w.index, village, category, input.groupId ?? null),
    limits: category.limits,
    calendar: w.calendar,
    ledgerNo: spec.ledgerNo,
    accessCode: accessCodeFromBytes(rng.bytes(10)),
    now: new Date(spec.at),
    newEventId: randomUUID,
  });
  const life = new Life(w, category, registered, spec.at);
  let t = spec.at;
  /** When the next step comes: mostly before `due`; after it with probability `pLate`. */
  const when = (due: string | number, pLate: number) => {
    const d = typeof due === "string" ? Date.parse(due) : due;
    if (!hurry && rng.chance(pLate)) return Math.max(t, d) + rng.between(0.5, 72) * HOUR;
    const room = d - t;
    if (room <= 5 * MINUTE) return t + rng.between(5, 60) * MINUTE;
    const span = hurry ? Math.min(room, 6 * HOUR) : room;
    return t + Math.max(2 * MINUTE, span * rng.between(0.03, 0.9));
  };

  // What no rule routed waits in triage; an open one may still be there.
  if (stop === "registered") return life;
  if (life.concern.status === "triage") {
    t += rng.between(0.3, hurry ? 2 : 20) * HOUR;
    life.act({ type: "dispatch", departmentId: dispatchTarget(w, category, null) }, w.admin, t);
  }
  if (!hurry && rng.chance(0.03)) {
    const from = life.concern.routing.department.id;
    t = when(life.concern.deadlines.signForBy, 0.1);
    life.act({ type: "return", reason: "不属于本部门职责范围" }, handlerOf(w, from), t);
    t += rng.between(0.5, 24) * HOUR;
    life.act({ type: "dispatch", departmentId: dispatchTarget(w, category, from) }, w.admin, t);
  }
  const handler = handlerOf(w, life.concern.routing.department.id);
  t = when(life.concern.deadlines.signForBy, 0.06);
  life.act({ type: "accept" }, handler, t);
  if (stop === "accepted") return life;
  if (stop === "responded" || rng.chance(0.85)) {
    t = when(life.concern.deadlines.respondBy, 0.07);
    const summary = "已联系反映人，了解具体情况，正在核实处理。";
    life.act({ type: "respond", method: rng.pick(METHODS), summary }, handler, t);
  }
  if (stop === "responded") return life;
  const pause = hurry ? "none" : rng.weighted({ defer: 3, extend: 3, none: 94 });
  if (stop === "deferred" || pause === "defer") {
    t += rng.between(1, 48) * HOUR;
    const committedDate = shanghaiDate(new Date(t + rng.between(5, 25) * DAY));
    const reason = "需协调相关单位施工，承诺限期完成。";
    life.act({ type: "defer", committedDate, reason }, handler, t);
    if (stop === "deferred") return life;
  } else if (pause === "extend") {
    t += rng.between(1, 72) * HOUR;
    const publicReason = "涉及多个部门协调，需延期办理。";
    life.act({ type: "extend", workingDays: rng.int(3, 10), publicReason }, handler, t);
  }
  const answer = () => {
    const c = life.concern;
    const due =
      c.status === "deferred" && c.committedDate
        ? endOfShanghaiDay(c.committedDate).getTime()
        : Date.parse(c.deadlines.answerBy);
    t = when(due, 0.08);
    const publicReply = "经现场核实，已按规定处理，并向反映人说明了办理情况。";
    life.act({ type: "answer", outcome: rng.weighted(OUTCOMES), publicReply }, handler, t);
  };
  answer();
  if (stop === "answered") return life;

  for (let round = 0; round < 3 && life.concern.status === "answered"; round++) {
    const rateBy = (ratingDeadline(life.concern) as Date).getTime();
    if (stop === "closed" && !hurry && rng.chance(0.22)) {
      // Not rated within the window: the job strikes it off as "no rating".
      life.jobUntil(rateBy + 3 * HOUR);
      break;
    }
    t += Math.min(rng.between(0.2, hurry ? 12 : 160) * HOUR, rateBy - t - MINUTE);
    const rating =
      stop === "reopened" && round === 0
        ? "dissatisfied"
        : rng.weighted(round === 0 ? FIRST_RATINGS : LATER_RATINGS);
    life.rate(rating, t);
    // Read afresh: TypeScript keeps the loop condition's narrowing across the call.
    const after: Concern = life.concern;
    if (after.status === "in_progress") {
      if (stop === "reopened") return life;
      answer();
    } else if (after.awaitingVerification) {
      // Dissatisfied twice: the contact leader verifies and strikes it off.
      t += rng.between(2, 72) * HOUR;
      const leader = life.concern.routing.contactLeader;
      const user: StaffUser = {
        id: leader.id,
        username: leader.id,
        name: leader.name,
        role: "leader",
        departmentId: null,
        villageIds: [life.concern.villageId],
      };
      life.act(
        { type: "strike_off", verificationNote: "联系领导已核实办理情况，予以销号。" },
        user,
        t,
      );
    }
  }
  if (life.concern.status === "answered") {
    life.jobUntil((ratingDeadline(life.concern) as Date).getTime() + 3 * HOUR);
  }
  return life;
}

const OPEN_STOPS: Record<Exclude<Stop, "answered" | "closed">, number> = {
  registered: 20,
  accepted: 25,
  responded: 35,
  deferred: 5,
  reopened: 15,
};

/**
 * One concern of the spec's fate, every step before the world's "now" or the spec's `until`
 * (a life that runs past it is played again with other draws). Its counter deltas join the
 * world's sums.
 */
export function simulate(w: World, spec: ConcernSpec): Life {
  const end = Math.min(w.now, spec.until ?? w.now) - 5 * MINUTE;
  const done = (life: Life) => {
    for (const change of life.changes) w.counters.add(change);
    return life;
  };
  if (spec.fate === "closed") {
    for (let attempt = 0; attempt < 8; attempt++) {
      const life = play(w, spec, "closed", attempt >= 3);
      if (life.concern.status === "struck_off" && life.lastAt <= end) return done(life);
    }
  } else if (spec.fate === "answered") {
    for (let attempt = 0; attempt < 40; attempt++) {
      const life = play(w, spec, "answered", attempt >= 20);
      const answeredAt = Date.parse(life.concern.answeredAt ?? "");
      if (answeredAt <= end && answeredAt > w.now - 6.5 * DAY) {
        life.jobUntil(w.now);
        if (life.concern.status === "answered") return done(life);
      }
    }
  } else {
    let stop: Stop = w.rng.weighted(OPEN_STOPS);
    for (let attempt = 0; attempt < 30; attempt++) {
      if (attempt >= 20) stop = "registered";
      const life = play(w, spec, stop, false);
      if (life.lastAt <= end) {
        life.jobUntil(w.now);
        if (isOpen(life.concern)) return done(life);
      }
    }
  }
  throw new Error(`could not simulate ${spec.ledgerNo} (${spec.fate}) before now`);
}

/**
 * Writes one phase's concerns (built by `simulate`, a chunk at a time) to every writer, then
 * the counters summed so far and the ledger counters, printing progress with an ETA. The
 * first life of each fate joins `samples`, to be read back (`checkSamples`).
 */
export async function seedPhase(
  w: World,
  writers: BatchWriter[],
  label: string,
  specs: ConcernSpec[],
  samples: Life[],
  withEvents: boolean,
): Promise<{ items: number; ms: number }> {
  const started = performance.now();
  const writer = writers[0] as BatchWriter;
  const copies = writers.slice(1);
  let produced = 0;
  const put = async (item: Record<string, unknown>) => {
    produced++;
    await writer.put(item);
    for (const copy of copies) await copy.put(item);
  };
  const writtenBefore = writer.written;
  let concernsDone = 0;
  let nextReport = PROGRESS_EVERY;
  writer.onProgress = (written) => {
    const phaseWritten = written - writtenBefore;
    if (phaseWritten < nextReport) return;
    nextReport = (Math.floor(phaseWritten / PROGRESS_EVERY) + 1) * PROGRESS_EVERY;
    const elapsed = (performance.now() - started) / 1000;
    const rate = phaseWritten / elapsed;
    const perConcern = produced / Math.max(1, concernsDone);
    const remaining = (specs.length - concernsDone) * perConcern + (produced - phaseWritten);
    log(
      `  ${label}: ${int(phaseWritten)} items · ${int(concernsDone)}/${int(specs.length)} concerns · ${int(rate)} items/s · ETA ${duration((remaining / rate) * 1000)}`,
    );
  };
  const sampleFates = new Set<string>();
  for (let i = 0; i < specs.length; i += CHUNK) {
    // One chunk of concerns in memory at a time; the writer holds back when it is full.
    for (const spec of specs.slice(i, i + CHUNK)) {
      const life = simulate(w, spec);
      if (!sampleFates.has(spec.fate)) {
        sampleFates.add(spec.fate);
        samples.push(life);
      }
      concernsDone++;
      for (const item of life.items(withEvents)) await put(item);
    }
  }
  // The counters last, summed over every step of every concern so far (Put replaces the
  // earlier phase's items with the new totals), and the ledger counters.
  for (const item of w.counters.storeItems()) await put(item);
  for (const item of ledgerCounterItems(w)) await put(item);
  for (const each of writers) await each.drain();
  const took = performance.now() - started;
  const items = writer.written - writtenBefore;
  log(
    `  ${label}: wrote ${int(items)} items (${int(w.counters.size)} counter items) in ${duration(took)}, ${int(items / (took / 1000))} items/s`,
  );
  return { items, ms: took };
}

/** Read back a few concerns through the store: what was written is what core built. */
export async function checkSamples(store: Store, samples: Life[], withEvents: boolean) {
  let problems = 0;
  for (const life of samples) {
    const stored = await store.getConcernWithEvents(life.concern.ledgerNo);
    const sameConcern = isDeepStrictEqual(stored?.concern, life.concern);
    const sameEvents = !withEvents || isDeepStrictEqual(stored?.events, life.events);
    if (!sameConcern || !sameEvents) {
      problems++;
      log(`  check ✗: ${life.concern.ledgerNo} reads back differently than it was built`);
    }
  }
  if (problems === 0 && samples.length) {
    log(`  check ✓: ${samples.length} concerns read back through the store as built`);
  }
  return problems;
}
