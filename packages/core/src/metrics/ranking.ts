import type { DirectoryIndex } from "../directory/lookup.js";
import type { HoldingsOf } from "../grid/compliance.js";
import { type AssessmentMeasure, assessmentScore } from "../grid/reports.js";
import { type Counters, percentilesOf, ratesOf } from "./counters.js";

/**
 * 红黑榜: villages and departments ranked on the annual assessment's composite score
 * (`assessmentScore`, `ASSESSMENT_WEIGHTS`) over any period, so that units separate where a
 * single rate (everyone at 100 % response) does not. Pure: the use case reads the counters.
 */

/** The rules written on the page: who is ranked, who is on the 黑榜, how many on the 红榜. */
export interface RankingRules {
  /** Fewer concerns received in the period than this: listed apart, not ranked. */
  minReceived: number;
  /** A ranked unit scoring below this is on the 黑榜 (so is one with any item overdue now). */
  threshold: number;
  /** How many of the best are on the 红榜. */
  top: number;
}
export const DEFAULT_RANKING_RULES: RankingRules = { minReceived: 3, threshold: 80, top: 5 };

/** One unit's inputs: its counters summed over the period, compliance, overdue now. */
export interface UnitFigures {
  id: string;
  name: string;
  counters: Counters;
  /** Months met / months judged of its field-work duty; null when nothing was judged. */
  compliance: number | null;
  /** Its open items past a staff deadline at the time of reading. */
  overdueNow: number;
}

export interface ScoredUnit {
  id: string;
  name: string;
  received: number;
  closed: number;
  /** Items that went overdue in the period (the counter): the first tie-break. */
  overdue: number;
  overdueNow: number;
  measures: Record<AssessmentMeasure, number | null>;
  score: number | null;
  /** Median hours to close (histogram bucket bound): the second tie-break. */
  closeMedianHours: number | null;
}

export type BlackReason = "score" | "overdue_now";
export interface RankedUnit extends ScoredUnit {
  rank: number;
  black: BlackReason[];
}

export interface UnitRanking {
  /** Every unit with enough concerns, best first. */
  ranked: RankedUnit[];
  /** The best `top` ranked units that are not on the 黑榜. */
  red: RankedUnit[];
  /** Ranked units below the threshold or with an item overdue now, worst first. */
  black: RankedUnit[];
  /** Units with some concern or overdue item but fewer received than the minimum. */
  insufficient: ScoredUnit[];
  /** Units with nothing received in the period and nothing overdue now (not listed). */
  idle: number;
}

/** The assessment's measures of a unit: its rates from the counters, and its compliance. */
export function assessmentMeasures(
  counters: Counters,
  compliance: number | null,
): Record<AssessmentMeasure, number | null> {
  const r = ratesOf(counters);
  return {
    response: r.response,
    resolution: r.resolution,
    satisfaction: r.satisfaction,
    onTimeClosure: r.onTimeClosure,
    returnRate: r.returnRate,
    redoRate: r.redoRate,
    compliance,
  };
}

export function scoreUnit(u: UnitFigures): ScoredUnit {
  const measures = assessmentMeasures(u.counters, u.compliance);
  return {
    id: u.id,
    name: u.name,
    received: u.counters.received ?? 0,
    closed: u.counters.closed ?? 0,
    overdue: u.counters.overdue ?? 0,
    overdueNow: u.overdueNow,
    measures,
    score: assessmentScore(measures),
    closeMedianHours: percentilesOf(u.counters, "ct")?.medianHours ?? null,
  };
}

/** Higher score first; then fewer overdue; then the shorter median to close; then the name. */
export function compareScored(a: ScoredUnit, b: ScoredUnit): number {
  const score = (b.score ?? -1) - (a.score ?? -1);
  if (score !== 0) return score;
  if (a.overdue !== b.overdue) return a.overdue - b.overdue;
  const ca = a.closeMedianHours ?? Number.POSITIVE_INFINITY;
  const cb = b.closeMedianHours ?? Number.POSITIVE_INFINITY;
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.name.localeCompare(b.name, "zh-CN");
}

export function rankUnits(
  units: UnitFigures[],
  rules: RankingRules = DEFAULT_RANKING_RULES,
): UnitRanking {
  const scored = units.map(scoreUnit);
  const eligible = (u: ScoredUnit) => u.received >= rules.minReceived && u.score !== null;
  const ranked = scored
    .filter(eligible)
    .sort(compareScored)
    .map((u, i): RankedUnit => {
      const black: BlackReason[] = [];
      if ((u.score ?? 0) < rules.threshold) black.push("score");
      if (u.overdueNow > 0) black.push("overdue_now");
      return { ...u, rank: i + 1, black };
    });
  const listed = (u: ScoredUnit) => u.received > 0 || u.overdueNow > 0;
  return {
    ranked,
    red: ranked.filter((u) => u.black.length === 0).slice(0, rules.top),
    black: ranked.filter((u) => u.black.length > 0).reverse(),
    insufficient: scored
      .filter((u) => !eligible(u) && listed(u))
      .sort((a, b) => b.received - a.received || a.name.localeCompare(b.name, "zh-CN")),
    idle: scored.filter((u) => !eligible(u) && !listed(u)).length,
  };
}

/** Median and p90 hours to first response and to close of one unit. */
export interface UnitTimes {
  id: string;
  name: string;
  received: number;
  firstResponse: { medianHours: number | null; p90Hours: number | null } | null;
  close: { medianHours: number | null; p90Hours: number | null } | null;
}

/**
 * 最慢单位: units with enough concerns, slowest to close first (median, then p90, then the
 * first response's median and p90); a unit with nothing closed follows those that have.
 * Open-ended buckets (beyond the last bound) come back as null hours and sort as slowest.
 */
export function slowestUnits(
  units: Array<{ id: string; name: string; counters: Counters }>,
  minReceived: number,
  limit = 10,
): UnitTimes[] {
  const rows = units
    .filter((u) => (u.counters.received ?? 0) >= minReceived)
    .map((u) => ({
      id: u.id,
      name: u.name,
      received: u.counters.received ?? 0,
      firstResponse: percentilesOf(u.counters, "rt"),
      close: percentilesOf(u.counters, "ct"),
    }))
    .filter((u) => u.firstResponse || u.close);
  // Missing hours: -1 when nothing was measured, +∞ when past the last bucket.
  const hours = (p: UnitTimes["close"], k: "medianHours" | "p90Hours") =>
    p === null ? -1 : (p[k] ?? Number.POSITIVE_INFINITY);
  const keys = (u: UnitTimes) => [
    hours(u.close, "medianHours"),
    hours(u.close, "p90Hours"),
    hours(u.firstResponse, "medianHours"),
    hours(u.firstResponse, "p90Hours"),
  ];
  return rows
    .sort((a, b) => {
      const ka = keys(a);
      const kb = keys(b);
      for (let i = 0; i < ka.length; i++) {
        if (ka[i] !== kb[i]) return (kb[i] as number) > (ka[i] as number) ? 1 : -1;
      }
      return a.name.localeCompare(b.name, "zh-CN");
    })
    .slice(0, limit);
}

/** A field-work counter item of one person in one village and month (`month#personId`). */
export interface PresenceKey {
  villageId: string;
  personId: string;
  month: string;
}

/**
 * The member items that decide the units' compliance over the months: each village's
 * contact leader in that village, each department head in the villages where they held a
 * group that month. Read by key: as many as units × months, whatever the history.
 */
export function complianceKeys(
  index: DirectoryIndex,
  months: string[],
  holdings: HoldingsOf,
): PresenceKey[] {
  const out = new Map<string, PresenceKey>();
  const add = (k: PresenceKey) => out.set(`${k.villageId}|${k.month}#${k.personId}`, k);
  for (const v of index.directory.villages) {
    if (v.retiredAt || !v.contactLeaderId) continue;
    for (const month of months) add({ villageId: v.id, personId: v.contactLeaderId, month });
  }
  for (const d of index.directory.departments) {
    if (d.retiredAt) continue;
    for (const month of months) {
      for (const h of holdings(d.head.id, month)) {
        add({ villageId: h.villageId, personId: d.head.id, month });
      }
    }
  }
  return [...out.values()];
}

/**
 * Compliance rates from presence (a member item with a field log in it): a village meets a
 * month when its contact leader was there; a department when its head was in a village
 * where they held a group (the seed's rules, as `complianceMatrix`, at the village's grain:
 * the counters are per village). The month under way (or later) counts only once met; a
 * month with nothing required (no group held) is not judged.
 */
export function unitCompliance(input: {
  index: DirectoryIndex;
  months: string[];
  currentMonth: string;
  holdings: HoldingsOf;
  present: (k: PresenceKey) => boolean;
}): { villages: Map<string, number | null>; departments: Map<string, number | null> } {
  const { index, months, currentMonth, holdings, present } = input;
  const rate = (judge: (month: string) => boolean | null) => {
    let met = 0;
    let judged = 0;
    for (const month of months) {
      const ok = judge(month);
      if (ok === null || (!ok && month >= currentMonth)) continue;
      judged++;
      if (ok) met++;
    }
    return judged ? met / judged : null;
  };
  const villages = new Map<string, number | null>();
  for (const v of index.directory.villages) {
    if (v.retiredAt) continue;
    const leader = v.contactLeaderId;
    villages.set(
      v.id,
      leader ? rate((month) => present({ villageId: v.id, personId: leader, month })) : null,
    );
  }
  const departments = new Map<string, number | null>();
  for (const d of index.directory.departments) {
    if (d.retiredAt) continue;
    departments.set(
      d.id,
      rate((month) => {
        const held = holdings(d.head.id, month);
        if (!held.length) return null;
        return held.some((h) => present({ villageId: h.villageId, personId: d.head.id, month }));
      }),
    );
  }
  return { villages, departments };
}
