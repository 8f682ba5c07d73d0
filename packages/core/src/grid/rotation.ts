import * as z from "zod/mini";
import type { Directory, Village } from "../directory/schema.js";
import { DirectoryId } from "../directory/schema.js";
import { DomainError } from "../errors.js";
import { addMonths, monthIndex } from "../time/months.js";

/**
 * 包干 and rotation: the department heads paired with a village (结对) each hold one of its
 * villager groups and change group every 1–2 months, so that within 1–2 years every head
 * has covered every group (the seed: 每1∼2个月换一个村民组，在1∼2年内熟悉每个村民组).
 *
 * The planner is a cyclic shift: with the groups in a fixed order g0 … g(G-1) and the
 * heads h0 … h(H-1), head i holds group (i + p) mod G in period p. Offsets differ, so no
 * two heads share a group and no head holds two; every head changes group at every
 * period boundary (G ≥ 2); after G periods every head has held every group. Hence it is
 * feasible exactly when 2 ≤ G, 1 ≤ H ≤ G and G × interval ≤ horizon.
 */

/** `YYYY-MM` (a month in Asia/Shanghai). */
export const YearMonth = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));
export type YearMonth = z.infer<typeof YearMonth>;

export const MIN_HORIZON_MONTHS = 12;
export const MAX_HORIZON_MONTHS = 24;

/** What admin asks for (`PUT /api/staff/rotation/:villageId`). */
export const RotationRequest = z.strictObject({
  startMonth: YearMonth,
  horizonMonths: z.number().check(z.int(), z.gte(MIN_HORIZON_MONTHS), z.lte(MAX_HORIZON_MONTHS)),
  intervalMonths: z.number().check(z.int(), z.gte(1), z.lte(2)),
});
export type RotationRequest = z.infer<typeof RotationRequest>;

export const RotationPeriod = z.object({
  index: z.number().check(z.int(), z.gte(0)),
  startMonth: YearMonth,
  /** 1 or 2 (the interval), the last period possibly shorter when the horizon is odd. */
  months: z.number().check(z.int(), z.gte(1), z.lte(2)),
  /** groupId → head id, or null when there are fewer heads than groups. */
  holders: z.record(z.string(), z.nullable(DirectoryId)),
});
export type RotationPeriod = z.infer<typeof RotationPeriod>;

export const RotationPlan = z.object({
  villageId: DirectoryId,
  startMonth: YearMonth,
  horizonMonths: z.number().check(z.int()),
  intervalMonths: z.number().check(z.int()),
  groupIds: z.array(DirectoryId),
  headIds: z.array(DirectoryId),
  periods: z.array(RotationPeriod),
});
export type RotationPlan = z.infer<typeof RotationPlan>;

export interface RotationInput extends RotationRequest {
  villageId: string;
  groupIds: string[];
  headIds: string[];
  /** Today's holders (groupId → head id): the plan keeps them for the first period if it can. */
  currentHolders?: Record<string, string | null>;
}

export type RotationInfeasibleReason =
  | "no_groups"
  | "single_group"
  | "no_heads"
  | "more_heads_than_groups"
  | "horizon_too_short"
  | "invalid_request";

const bilingual = (zh: string, en: string) => ({ "zh-CN": zh, en });

/**
 * The plan cannot be made. `validation_failed` with the field to change and a sentence
 * saying why and what would make it feasible; `details.reason` for programs.
 */
export class RotationInfeasible extends DomainError {
  readonly reason: RotationInfeasibleReason;
  constructor(
    reason: RotationInfeasibleReason,
    field: string,
    message: { "zh-CN": string; en: string },
    extra: Record<string, unknown> = {},
  ) {
    super("validation_failed", {
      fields: { [field]: { kind: "invalid", message } },
      details: { reason, ...extra },
      detail: message.en,
    });
    this.name = "RotationInfeasible";
    this.reason = reason;
  }
}

/** The shortest horizon (months) that lets every head cover every group. */
export function minimumHorizon(groups: number, intervalMonths: number): number {
  return groups * intervalMonths;
}

function checkFeasible(input: RotationInput): void {
  const parsed = RotationRequest.safeParse({
    startMonth: input.startMonth,
    horizonMonths: input.horizonMonths,
    intervalMonths: input.intervalMonths,
  });
  if (!parsed.success) {
    throw new RotationInfeasible(
      "invalid_request",
      String(parsed.error.issues[0]?.path[0] ?? "body"),
      bilingual(
        `起始月份须为 YYYY-MM，计划期 ${MIN_HORIZON_MONTHS}–${MAX_HORIZON_MONTHS} 个月，轮换间隔 1–2 个月`,
        `The start month must be YYYY-MM, the horizon ${MIN_HORIZON_MONTHS}–${MAX_HORIZON_MONTHS} months and the interval 1–2 months`,
      ),
    );
  }
  const G = input.groupIds.length;
  const H = input.headIds.length;
  if (new Set(input.groupIds).size !== G || new Set(input.headIds).size !== H) {
    throw new Error("rotation input has duplicate groups or heads");
  }
  if (G === 0) {
    throw new RotationInfeasible(
      "no_groups",
      "villageId",
      bilingual(
        "该村没有在用的村民小组：先在名录中添加村民小组",
        "This village has no active villager groups: add groups in the directory first",
      ),
    );
  }
  if (H === 0) {
    throw new RotationInfeasible(
      "no_heads",
      "villageId",
      bilingual(
        "没有与该村结对的部门负责人：先将一个部门与该村结对",
        "No department head is paired with this village: pair a department with it first",
      ),
    );
  }
  if (G === 1) {
    throw new RotationInfeasible(
      "single_group",
      "villageId",
      bilingual(
        "该村只有一个村民小组，无法轮换：添加村民小组，或在名录中直接指定包干负责人",
        "This village has only one villager group, so nobody can rotate: add groups, or set the group's holder in the directory",
      ),
    );
  }
  if (H > G) {
    throw new RotationInfeasible(
      "more_heads_than_groups",
      "villageId",
      bilingual(
        `结对部门负责人（${H} 人）多于村民小组（${G} 个），每人同一时间只能包干一个组：减少结对部门至 ${G} 个以内，或增加村民小组`,
        `There are more paired department heads (${H}) than villager groups (${G}) and a head holds one group at a time: pair at most ${G} departments with this village, or add groups`,
      ),
      { heads: H, groups: G },
    );
  }
  const needed = minimumHorizon(G, input.intervalMonths);
  if (needed > input.horizonMonths) {
    const withOne = minimumHorizon(G, 1);
    const fixes: string[] = [];
    const fixesEn: string[] = [];
    if (needed <= MAX_HORIZON_MONTHS) {
      fixes.push(`将计划期延长到至少 ${needed} 个月`);
      fixesEn.push(`lengthen the horizon to at least ${needed} months`);
    }
    if (input.intervalMonths > 1 && withOne <= input.horizonMonths) {
      fixes.push("改为每 1 个月轮换一次");
      fixesEn.push("rotate every month instead");
    } else if (input.intervalMonths > 1 && withOne <= MAX_HORIZON_MONTHS) {
      fixes.push(`改为每 1 个月轮换并将计划期设为至少 ${withOne} 个月`);
      fixesEn.push(`rotate every month with a horizon of at least ${withOne} months`);
    }
    if (!fixes.length) {
      fixes.push(`村民小组超过 ${MAX_HORIZON_MONTHS} 个，两年内无法走遍：将该村分片分别轮换`);
      fixesEn.push(
        `with more than ${MAX_HORIZON_MONTHS} groups no plan covers them all in two years: rotate the village in parts`,
      );
    }
    throw new RotationInfeasible(
      "horizon_too_short",
      "horizonMonths",
      bilingual(
        `${G} 个村民小组每 ${input.intervalMonths} 个月轮换一次，走遍所有小组需要 ${needed} 个月，超过计划期 ${input.horizonMonths} 个月：${fixes.join("，或")}`,
        `${G} groups changed every ${input.intervalMonths} month(s) need ${needed} months for every head to cover every group, more than the ${input.horizonMonths}-month horizon: ${fixesEn.join(", or ")}`,
      ),
      { minimumHorizonMonths: needed, groups: G },
    );
  }
}

/**
 * The group order of the cycle: each head's current group (if they hold exactly one not
 * claimed already) at the head's own position, so the first period keeps today's holders.
 */
function cycleOrder(input: RotationInput): string[] {
  const G = input.groupIds.length;
  const slots: Array<string | undefined> = new Array(G).fill(undefined);
  const placed = new Set<string>();
  const current = input.currentHolders ?? {};
  input.headIds.forEach((head, i) => {
    const held = input.groupIds.filter((g) => current[g] === head);
    const mine = held.find((g) => !placed.has(g));
    if (mine) {
      slots[i] = mine;
      placed.add(mine);
    }
  });
  const rest = input.groupIds.filter((g) => !placed.has(g));
  return slots.map((s) => s ?? (rest.shift() as string));
}

/** Builds the plan, or throws `RotationInfeasible` saying why and what would help. */
export function planRotation(input: RotationInput): RotationPlan {
  checkFeasible(input);
  const order = cycleOrder(input);
  const G = order.length;
  const periods: RotationPeriod[] = [];
  for (let p = 0, offset = 0; offset < input.horizonMonths; p++) {
    const months = Math.min(input.intervalMonths, input.horizonMonths - offset);
    const holders: Record<string, string | null> = Object.fromEntries(
      input.groupIds.map((g) => [g, null]),
    );
    input.headIds.forEach((head, i) => {
      holders[order[(i + p) % G] as string] = head;
    });
    periods.push({ index: p, startMonth: addMonths(input.startMonth, offset), months, holders });
    offset += months;
  }
  return {
    villageId: input.villageId,
    startMonth: input.startMonth,
    horizonMonths: input.horizonMonths,
    intervalMonths: input.intervalMonths,
    groupIds: [...input.groupIds],
    headIds: [...input.headIds],
    periods,
  };
}

/** The period running in `month`, or null before the plan starts and after it ends. */
export function periodAt(plan: RotationPlan, month: string): RotationPeriod | null {
  const m = monthIndex(month);
  for (const period of plan.periods) {
    const start = monthIndex(period.startMonth);
    if (m >= start && m < start + period.months) return period;
  }
  return null;
}

/** Who holds `groupId` in `month` by the plan (null: nobody, or outside the plan). */
export function holderAt(plan: RotationPlan, groupId: string, month: string): string | null {
  return periodAt(plan, month)?.holders[groupId] ?? null;
}

export interface HeadCoverage {
  headId: string;
  /** Groups held in periods begun by `month`, or walked (field work logged there), in plan order. */
  covered: string[];
  total: number;
  complete: boolean;
}

/** A day of field work someone logged in a villager group (a presence day, core field-work). */
export interface GroupWalk {
  personId: string;
  groupId: string | null;
}

/**
 * Each head's coverage so far: the groups held in every period begun by `month`, and the
 * groups they logged field work in (进组: a symposium or visit in a group is having walked it,
 * whoever held it then, and before any plan was saved: coverage read the plan alone, so a head
 * with logs in a group but no plan, or not its holder by the plan, showed 0). `walks` are of
 * this village only.
 */
export function coverageSoFar(
  plan: Pick<RotationPlan, "groupIds" | "headIds" | "periods">,
  month: string,
  walks: readonly GroupWalk[] = [],
): HeadCoverage[] {
  const m = monthIndex(month);
  const begun = plan.periods.filter((p) => monthIndex(p.startMonth) <= m);
  return plan.headIds.map((headId) => {
    const held = new Set<string>();
    for (const p of begun) {
      for (const [g, h] of Object.entries(p.holders)) if (h === headId) held.add(g);
    }
    for (const w of walks) if (w.personId === headId && w.groupId) held.add(w.groupId);
    const covered = plan.groupIds.filter((g) => held.has(g));
    return {
      headId,
      covered,
      total: plan.groupIds.length,
      complete: covered.length === plan.groupIds.length,
    };
  });
}

/** The planner's input for a village of the directory: active groups, paired departments' heads. */
export function rotationInputFor(
  directory: Directory,
  village: Village,
  request: RotationRequest,
): RotationInput {
  const groups = village.groups.filter((g) => !g.retiredAt);
  const headIds = directory.departments
    .filter((d) => d.pairedVillageId === village.id && !d.retiredAt)
    .map((d) => d.head.id);
  return {
    ...request,
    villageId: village.id,
    groupIds: groups.map((g) => g.id),
    // Sorted, so that the plan does not depend on the order the directory was read in.
    headIds: [...new Set(headIds)].sort(),
    currentHolders: Object.fromEntries(groups.map((g) => [g.id, g.holderId])),
  };
}

/**
 * The directory changes a plan calls for in `month`: the village's groups whose holder
 * differs from the plan's. Empty outside the plan's months (holders then stay as they are).
 */
export function rotationChanges(
  village: Village,
  plan: RotationPlan,
  month: string,
): Array<{ groupId: string; from: string | null; to: string | null }> {
  const period = periodAt(plan, month);
  if (!period) return [];
  const changes: Array<{ groupId: string; from: string | null; to: string | null }> = [];
  for (const group of village.groups) {
    if (group.retiredAt || !(group.id in period.holders)) continue;
    const to = period.holders[group.id] ?? null;
    if (group.holderId !== to) changes.push({ groupId: group.id, from: group.holderId, to });
  }
  return changes;
}
