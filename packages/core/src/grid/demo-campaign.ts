import type { Concern, ConcernEvent, Outcome } from "../concern/concern.js";
import { applyFeedback } from "../concern/feedback.js";
import { applyAction } from "../concern/state-machine.js";
import type { ConcernSubmission } from "../concern/submission.js";
import { type DirectoryIndex, indexDirectory } from "../directory/lookup.js";
import type { Directory } from "../directory/schema.js";
import { registerConcern } from "../intake/register-concern.js";
import { accessCodeFromBytes } from "../ledger/access-code.js";
import { formatLedgerNo } from "../ledger/ledger-number.js";
import { type MetricDelta, metricDeltas } from "../metrics/counters.js";
import { routeConcern } from "../routing/route-concern.js";
import { buildDemoStaff } from "../staff/demo-staff.js";
import type { StaffUser } from "../staff/schema.js";
import { shanghaiYear } from "../time/shanghai.js";
import type { WorkingCalendar } from "../time/working-calendar.js";
import { monthsFrom } from "./compliance.js";
import { fieldWorkFigures } from "./field-work-figures.js";
import { channelOfFieldWork, type FieldLog, type FieldWorkKind } from "./schema.js";

/**
 * The seed's report (至8月中旬): the town totals the demo campaign reproduces exactly.
 * Visits and talks are person-times (人次): sums of the logs' people reached.
 */
export const SEED_TOTALS = {
  departments: 46,
  leaders: 17,
  villages: 25,
  visits: 5163,
  enterprises: 120,
  symposia: 169,
  talks: 972,
  consulted: 2914,
  solved: 606,
} as const;

/** Concerns answered "explained" (解释到位): struck off, but not counted as solved. */
const EXPLAINED = 74;
const CADRES_PER_DEPARTMENT = 6;
const ENTERPRISE_LOGS = 64;
const TALK_LOGS = 180;
const OFFICE_HOURS_LOGS = 60;
/** Concerns come from visits at least this many days before the campaign's end, so that
 * every one is struck off by then. */
const CONCERN_CUTOFF_DAYS = 35;
/** A few months without the required day, so the compliance matrix has gaps to show. */
const GAP_CHANCE = 0.03;

export interface DemoAuthor {
  id: string;
  name: string;
  role: "leader" | "dept_head" | "cadre";
  departmentId: string | null;
}

/** A concern raised during a demo visit, to be played to its strike-off. */
export interface DemoConcernSpec {
  ledgerNo: string;
  logId: string;
  author: DemoAuthor;
  /** Registration instant (ISO, UTC). */
  at: string;
  channel: ReturnType<typeof channelOfFieldWork>;
  input: ConcernSubmission;
  outcome: Outcome;
  /** Seeds the access code and the step times. */
  seed: number;
}

export interface DemoCampaign {
  authors: DemoAuthor[];
  logs: FieldLog[];
  concerns: DemoConcernSpec[];
}

/** A few helpers over an injected uniform generator in [0, 1). */
function helpers(random: () => number) {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (!items.length) throw new RangeError("pick from an empty list");
    return items[Math.floor(random() * items.length)] as T;
  };
  const shuffle = <T>(items: T[]): T[] => {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [a[i], a[j]] = [a[j] as T, a[i] as T];
    }
    return a;
  };
  /** `total` split into `parts` whole numbers, each at least `min`, summing exactly. */
  const split = (total: number, parts: number, min: number): number[] => {
    if (parts === 0) return [];
    const rest = total - parts * min;
    if (rest < 0) throw new RangeError(`cannot split ${total} into ${parts} parts of ${min}+`);
    const weights = Array.from({ length: parts }, () => 0.3 + random());
    const sum = weights.reduce((a, b) => a + b, 0);
    const out = weights.map((w) => min + Math.floor((rest * w) / sum));
    let left = total - out.reduce((a, b) => a + b, 0);
    while (left > 0) {
      const j = int(0, parts - 1);
      out[j] = (out[j] as number) + 1;
      left--;
    }
    return out;
  };
  return { int, pick, shuffle, split };
}

const DAY = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

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
const CHANNEL_WORDS: Record<FieldWorkKind, string> = {
  household_visits: "走访入户时",
  enterprise_visit: "走访企业时",
  symposium: "座谈会上",
  talk: "谈心谈话时",
  office_hours: "一线办公时",
};
const NOTES: Record<FieldWorkKind, string> = {
  household_visits: "入户走访，了解群众生产生活情况，记录意见建议。",
  enterprise_visit: "走访调研企业，了解用工、用地和生产经营困难。",
  symposium: "召开座谈会，听取村书记、两代表一委员、老党员和村民代表的意见。",
  talk: "与群众谈心谈话，了解思想动态和实际困难。",
  office_hours: "一线服务日现场办公，接待来访群众。",
};

/**
 * 扎根行动 demo campaign: field logs by the 17 leaders, the 46 department heads and their
 * cadres between `from` and `to` (YYYY-MM-DD), in all 25 villages and communities (and the
 * park), whose town totals equal the seed's report exactly (`SEED_TOTALS`), and the
 * concerns raised on those visits: 606 to be solved (resolved or assisted) and some to be
 * explained. Every leader spends a day a month in each contact village and every head a
 * day a month in a group they hold, but for a few deliberate gaps. Pure: randomness, ids
 * and dates come in.
 */
export function buildDemoCampaign(
  directory: Directory,
  options: { random: () => number; newId: () => string; from: string; to: string },
): DemoCampaign {
  const { random, newId, from, to } = options;
  const { int, pick, shuffle, split } = helpers(random);
  const index = indexDirectory(directory);
  const villages = directory.villages.filter((v) => !v.retiredAt);
  const demoStaff = buildDemoStaff(directory);

  const authors: DemoAuthor[] = [];
  const leaders = directory.leaders.filter((l) => !l.retiredAt);
  for (const l of leaders)
    authors.push({ id: l.id, name: l.name, role: "leader", departmentId: null });
  const departments = directory.departments.filter((d) => !d.retiredAt);
  const cadresOf = new Map<string, DemoAuthor[]>();
  for (const d of departments) {
    authors.push({ id: d.head.id, name: d.head.name, role: "dept_head", departmentId: d.id });
    const cadres: DemoAuthor[] = demoStaff
      .filter((u) => u.role === "cadre" && u.departmentId === d.id)
      .map((u) => ({ id: u.id, name: u.name, role: "cadre", departmentId: d.id }));
    for (let i = cadres.length; i < CADRES_PER_DEPARTMENT; i++) {
      cadres.push({
        id: `${d.id}-cadre-${i + 1}`,
        name: `${d.name}干部${i + 1}（演示）`,
        role: "cadre",
        departmentId: d.id,
      });
    }
    cadresOf.set(d.id, cadres);
    authors.push(...cadres);
  }

  const months = monthsFrom(from.slice(0, 7), to.slice(0, 7));
  /** A date of the month within [from, to]. */
  const dateIn = (month: string) => {
    const first = month === from.slice(0, 7) ? from : `${month}-01`;
    const [y, m] = month.split("-").map(Number) as [number, number];
    const lastOfMonth = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const last = [lastOfMonth, to].sort()[0] as string;
    const span = Math.round((Date.parse(last) - Date.parse(first)) / DAY);
    return addDays(first, int(0, Math.max(0, span)));
  };

  type Draft = Omit<
    FieldLog,
    "kind" | "peopleReached" | "enterprises" | "peopleConsulted" | "notes"
  >;
  const drafts: Draft[] = [];
  const draft = (author: DemoAuthor, villageId: string, groupId: string | null, date: string) =>
    drafts.push({
      id: `demo-${newId()}`,
      authorId: author.id,
      date,
      villageId,
      groupId,
      concernLedgerNos: [],
      serviceDayId: null,
      createdAt: `${date}T10:00:00.000Z`,
      demo: true,
    });

  const byId = new Map(authors.map((a) => [a.id, a]));
  for (const month of months) {
    // 驻村: each leader, a day a month in each contact village.
    for (const l of leaders) {
      for (const v of villages.filter((x) => x.contactLeaderId === l.id)) {
        if (month !== months[0] && random() < GAP_CHANCE) continue;
        draft(byId.get(l.id) as DemoAuthor, v.id, null, dateIn(month));
      }
    }
    // 进组: each head, a day a month in one of the groups they hold.
    for (const d of departments) {
      const held = villages.flatMap((v) =>
        v.groups.filter((g) => g.holderId === d.head.id && !g.retiredAt).map((g) => ({ v, g })),
      );
      if (!held.length || (month !== months[0] && random() < GAP_CHANCE)) continue;
      const { v, g } = pick(held);
      draft(byId.get(d.head.id) as DemoAuthor, v.id, g.id, dateIn(month));
    }
  }
  // 入户: cadres visit their department's paired village mostly, and others now and then.
  for (const d of departments) {
    for (const cadre of cadresOf.get(d.id) ?? []) {
      const visits = int(1, 3);
      for (let i = 0; i < visits; i++) {
        const v =
          random() < 0.7 ? (index.village(d.pairedVillageId) ?? pick(villages)) : pick(villages);
        const g = v.groups.length && random() < 0.8 ? pick(v.groups) : null;
        draft(cadre, v.id, g?.id ?? null, dateIn(pick(months)));
      }
    }
  }
  // Every village and community gets at least one visit (the park too).
  for (const v of villages) {
    if (!drafts.some((x) => x.villageId === v.id)) {
      const leader = byId.get(v.contactLeaderId) ?? pick(authors);
      draft(leader, v.id, null, dateIn(pick(months)));
    }
  }

  // Kinds: exactly the seed's symposia; enterprise visits mostly in the park.
  const order = shuffle(drafts.map((_, i) => i));
  const kinds = new Array<FieldWorkKind>(drafts.length).fill("household_visits");
  const parkFirst = [...order].sort(
    (a, b) =>
      Number(index.village(drafts[b]?.villageId ?? "")?.kind === "park") -
      Number(index.village(drafts[a]?.villageId ?? "")?.kind === "park"),
  );
  const enterpriseIdx = parkFirst.slice(0, ENTERPRISE_LOGS);
  for (const i of enterpriseIdx) kinds[i] = "enterprise_visit";
  const rest = order.filter((i) => kinds[i] === "household_visits");
  const symposiumIdx = rest.slice(0, SEED_TOTALS.symposia);
  const talkIdx = rest.slice(SEED_TOTALS.symposia, SEED_TOTALS.symposia + TALK_LOGS);
  const officeIdx = rest.slice(
    SEED_TOTALS.symposia + TALK_LOGS,
    SEED_TOTALS.symposia + TALK_LOGS + OFFICE_HOURS_LOGS,
  );
  for (const i of symposiumIdx) kinds[i] = "symposium";
  for (const i of talkIdx) kinds[i] = "talk";
  for (const i of officeIdx) kinds[i] = "office_hours";
  const householdIdx = order.filter((i) => kinds[i] === "household_visits");

  const reached = new Array<number>(drafts.length).fill(0);
  const enterprises = new Array<number>(drafts.length).fill(0);
  const consulted = new Array<number>(drafts.length).fill(0);
  const assign = (target: number[], idx: number[], values: number[]) =>
    idx.forEach((i, k) => {
      target[i] = values[k] as number;
    });
  assign(reached, householdIdx, split(SEED_TOTALS.visits, householdIdx.length, 1));
  assign(reached, talkIdx, split(SEED_TOTALS.talks, talkIdx.length, 1));
  assign(enterprises, enterpriseIdx, split(SEED_TOTALS.enterprises, enterpriseIdx.length, 1));
  assign(consulted, symposiumIdx, split(SEED_TOTALS.consulted, symposiumIdx.length, 5));
  for (const i of symposiumIdx) reached[i] = consulted[i] as number;
  for (const i of enterpriseIdx) reached[i] = int(2, 8);
  for (const i of officeIdx) reached[i] = int(3, 25);

  const logs: FieldLog[] = drafts.map((d, i) => {
    const kind = kinds[i] as FieldWorkKind;
    return {
      ...d,
      kind,
      peopleReached: reached[i] as number,
      enterprises: enterprises[i] as number,
      peopleConsulted: consulted[i] as number,
      notes: `${NOTES[kind]}（演示数据）`,
    };
  });

  // Concerns raised on visits made early enough to be struck off by `to`.
  const cutoff = addDays(to, -CONCERN_CUTOFF_DAYS);
  const carriers = shuffle(logs.filter((l) => l.date <= cutoff && l.kind !== "enterprise_visit"));
  if (!carriers.length) throw new RangeError("the campaign is too short to raise concerns");
  const categories = directory.categories.filter(
    (c) => !c.retiredAt && !c.conductComplaint && c.departmentId,
  );
  const outcomes: Outcome[] = [
    ...Array.from(
      { length: SEED_TOTALS.solved },
      (_, i): Outcome => (i % 7 === 0 ? "assisted" : "resolved"),
    ),
    ...Array.from({ length: EXPLAINED }, (): Outcome => "explained"),
  ];
  const pending: Array<Omit<DemoConcernSpec, "ledgerNo">> = [];
  outcomes.forEach((outcome, k) => {
    const log = carriers[k % carriers.length] as FieldLog;
    const author = byId.get(log.authorId) as DemoAuthor;
    const village = index.village(log.villageId);
    if (!village) throw new Error(`unknown village ${log.villageId}`);
    const category = pick(categories);
    const group = log.groupId ? index.group(village.id, log.groupId) : null;
    const where = `${village.name}${group?.name ?? ""}`;
    const anonymous = random() < 0.05;
    const minutes = Math.floor(k / carriers.length) * 20 + int(0, 15);
    pending.push({
      logId: log.id,
      author,
      at: new Date(Date.parse(`${log.date}T01:30:00Z`) + minutes * 60_000).toISOString(),
      channel: channelOfFieldWork(log.kind),
      input: {
        villageId: village.id,
        ...(group ? { groupId: group.id } : {}),
        categoryCode: category.code,
        title: `${where}${category.name}问题`,
        description: `${where}群众${CHANNEL_WORDS[log.kind]}反映：${category.description}。希望尽快帮助解决。（演示数据）`,
        contactName: `${pick(SURNAMES)}${random() < 0.5 ? "先生" : "女士"}`,
        contactPhone: `13${int(0, 9)}${String(int(0, 99_999_999)).padStart(8, "0")}`,
        anonymous,
      },
      outcome,
      seed: Math.floor(random() * 2 ** 31),
    });
  });
  pending.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const sequences = new Map<number, number>();
  const byLog = new Map(logs.map((l) => [l.id, l]));
  const concerns = pending.map((p) => {
    const year = shanghaiYear(new Date(p.at));
    const seq = (sequences.get(year) ?? 0) + 1;
    sequences.set(year, seq);
    const ledgerNo = formatLedgerNo(year, seq);
    byLog.get(p.logId)?.concernLedgerNos.push(ledgerNo);
    return { ...p, ledgerNo };
  });
  return { authors, logs, concerns };
}

/** The campaign's town totals, as the statistics would show them once seeded. */
export function demoCampaignTotals(campaign: DemoCampaign, directory: Directory) {
  const authors = new Map(campaign.authors.map((a) => [a.id, a]));
  const villageKind = new Map(directory.villages.map((v) => [v.id, v.kind]));
  const engaged = new Set(campaign.logs.map((l) => l.authorId));
  const figures = campaign.logs.map(fieldWorkFigures);
  const sum = (f: keyof ReturnType<typeof fieldWorkFigures>) =>
    figures.reduce((a, x) => a + x[f], 0);
  return {
    departments: new Set([...engaged].map((id) => authors.get(id)?.departmentId).filter(Boolean))
      .size,
    leaders: [...engaged].filter((id) => authors.get(id)?.role === "leader").length,
    people: engaged.size,
    villages: new Set(
      campaign.logs.map((l) => l.villageId).filter((v) => villageKind.get(v) !== "park"),
    ).size,
    visits: sum("visits"),
    enterprises: sum("enterprises"),
    symposia: sum("symposia"),
    talks: sum("talks"),
    consulted: sum("consulted"),
    solved: campaign.concerns.filter((c) => c.outcome === "resolved" || c.outcome === "assisted")
      .length,
  };
}

/** A seeded generator (mulberry32), for the access codes and step times of one concern. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * One demo concern's life, built with the real domain functions at injected times:
 * registered from the visit (routed like an online one), dispatched if nothing routed it,
 * signed for, responded to and answered by the department's head within the limits (before
 * any reminder would fall due), rated satisfied by the resident and so struck off. Returns
 * the final concern, every event and the counter deltas of every step.
 */
export function playDemoConcern(
  spec: DemoConcernSpec,
  ctx: { index: DirectoryIndex; calendar: WorkingCalendar; newId: () => string },
): { concern: Concern; events: ConcernEvent[]; deltas: MetricDelta[] } {
  const random = seededRandom(spec.seed);
  const { index, calendar, newId } = ctx;
  const village = index.village(spec.input.villageId);
  const category = index.category(spec.input.categoryCode);
  if (!village || !category) throw new Error(`unknown reference in ${spec.ledgerNo}`);
  const registered = registerConcern({
    input: spec.input,
    channel: spec.channel,
    registeredBy: { id: spec.author.id, name: spec.author.name },
    routing: routeConcern(index, village, category, spec.input.groupId ?? null),
    limits: category.limits,
    calendar,
    ledgerNo: spec.ledgerNo,
    accessCode: accessCodeFromBytes(
      Uint8Array.from({ length: 10 }, () => Math.floor(random() * 256)),
    ),
    now: new Date(spec.at),
    newEventId: newId,
  });
  let concern = registered.concern;
  const events = [...registered.events];
  const deltas = metricDeltas(null, concern);
  const start = Date.parse(spec.at);
  let t = start;
  const step = (next: { concern: Concern; events: ConcernEvent[] }) => {
    deltas.push(...metricDeltas(concern, next.concern));
    concern = next.concern;
    events.push(...next.events);
  };
  /** The next step's time: before 70 % of the way to `due` (reminders come at 80 %). */
  const before = (due: string) => {
    const latest = start + 0.7 * (Date.parse(due) - start);
    t = Math.max(t + 5 * 60_000, t + (latest - t) * (0.1 + 0.6 * random()));
    return new Date(t);
  };
  const office = index.triageOffice();
  const admin: StaffUser = {
    id: "staff-admin",
    username: "admin",
    name: "党政办管理员",
    role: "admin",
    departmentId: office.id,
    villageIds: [],
  };
  const act = (
    action: Parameters<typeof applyAction>[1] extends infer A
      ? A extends unknown
        ? Omit<A, "expectedVersion">
        : never
      : never,
    user: StaffUser,
    at: Date,
  ) =>
    step(
      applyAction(
        concern,
        { ...action, expectedVersion: concern.version } as Parameters<typeof applyAction>[1],
        { user, now: at, newEventId: newId, calendar, limits: category.limits, index },
      ),
    );
  if (concern.status === "triage") {
    const target =
      category.departmentId ??
      (index.directory.departments.find((d) => d.kind === "department") ?? office).id;
    act({ type: "dispatch", departmentId: target }, admin, before(concern.deadlines.signForBy));
  }
  const department = index.department(concern.routing.department.id);
  if (!department) throw new Error(`unknown department in ${spec.ledgerNo}`);
  const head: StaffUser = {
    id: department.head.id,
    username: department.head.id,
    name: department.head.name,
    role: "dept_head",
    departmentId: department.id,
    villageIds: [],
  };
  act({ type: "accept" }, head, before(concern.deadlines.signForBy));
  act(
    { type: "respond", method: "visit", summary: "已到现场了解情况，与反映人当面沟通，正在办理。" },
    head,
    before(concern.deadlines.respondBy),
  );
  const replies: Record<Outcome, string> = {
    resolved: "经现场核实，问题已整改到位，并向反映人反馈。",
    assisted: "已联系相关单位和公益项目给予帮扶，帮助解决实际困难。",
    explained: "已向反映人说明有关政策规定，做好解释工作。",
  };
  act(
    { type: "answer", outcome: spec.outcome, publicReply: replies[spec.outcome] },
    head,
    before(concern.deadlines.answerBy),
  );
  t += (2 + random() * 70) * 3_600_000;
  step(
    applyFeedback(
      concern,
      { rating: random() < 0.85 ? "satisfied" : "basically_satisfied" },
      { now: new Date(t), newEventId: newId, limits: category.limits, calendar },
    ),
  );
  return { concern, events, deltas };
}
