import type { Concern } from "./concern.js";

/**
 * Concerns are stored as written at the time; fields added since get their defaults here,
 * the one place that knows the schema's history. The store applies it on every read.
 */
export function upgradeConcern(stored: Concern): Concern {
  const raw = stored as Partial<Concern> & Concern;
  return {
    ...raw,
    reopenCount: raw.reopenCount ?? 0,
    escalation: raw.escalation ?? {
      reminded: [],
      overdue: [],
      inspectors: false,
      responseDueCounted: false,
    },
  };
}
