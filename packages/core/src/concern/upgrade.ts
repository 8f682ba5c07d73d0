import type { Concern } from "./concern.js";

/**
 * Concerns are stored as written at the time; fields added since get their defaults here,
 * the one place that knows the schema's history. The store applies it on every read.
 * `location` and `mediaUrl` (added with Open311's lat/long and media_url) are optional:
 * an item without them reads as a concern without them, so they need no default here.
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
