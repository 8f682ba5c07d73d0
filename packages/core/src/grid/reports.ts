import * as z from "zod/mini";

/** `2026Q3` → its three months. */
export const Quarter = z.string().check(z.regex(/^\d{4}Q[1-4]$/));

export function quarterMonths(quarter: string): [string, string, string] {
  const year = quarter.slice(0, 4);
  const q = Number(quarter.slice(5));
  const month = (i: number) => `${year}-${String((q - 1) * 3 + i).padStart(2, "0")}`;
  return [month(1), month(2), month(3)];
}

/** The quarter a month (YYYY-MM) falls in. */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * 年度考核: how a department's year is scored. Each measure is a rate in [0, 1] (return and
 * redo rates count inverted: fewer is better); the score is the weighted mean of the
 * measures the department has data for, times 100 (a missing measure's weight is shared
 * out among the others, so a department is not marked down for having no rated answers).
 * The weights are shown on the assessment page.
 */
export const ASSESSMENT_WEIGHTS = {
  response: 0.2,
  resolution: 0.2,
  satisfaction: 0.2,
  onTimeClosure: 0.15,
  returnRate: 0.05,
  redoRate: 0.05,
  compliance: 0.15,
} as const;
export type AssessmentMeasure = keyof typeof ASSESSMENT_WEIGHTS;

export function assessmentScore(rates: Record<AssessmentMeasure, number | null>): number | null {
  let weighted = 0;
  let weights = 0;
  for (const [measure, weight] of Object.entries(ASSESSMENT_WEIGHTS) as Array<
    [AssessmentMeasure, number]
  >) {
    const r = rates[measure];
    if (r === null || !Number.isFinite(r)) continue;
    const value = measure === "returnRate" || measure === "redoRate" ? 1 - r : r;
    weighted += weight * Math.min(1, Math.max(0, value));
    weights += weight;
  }
  return weights > 0 ? Math.round((weighted / weights) * 1000) / 10 : null;
}
