/**
 * The escalation job's audit of reserved ledger numbers: every number up to the year's
 * counter must hold a concern or a void record. A number still empty 10 minutes after it
 * was reserved belongs to a request that died (its deadline is seconds), so the job voids
 * it, once (the void is conditional on neither existing).
 *
 * The counter records only its highest number, not when each was reserved, so the job keeps
 * sightings: "at time t the counter stood at s" means every number up to s was reserved by t.
 * Numbers up to a sighting at least ORPHAN_AFTER_MS old are old enough to void. Everything
 * up to `accountedThrough` is known to be a concern or a void and is not read again.
 */

export const ORPHAN_AFTER_MS = 10 * 60 * 1000;
/** Numbers checked per run at most, so that a first audit of a long year stays bounded. */
export const AUDIT_BATCH = 2_000;

export interface CounterSighting {
  sequence: number;
  at: string;
}

export interface LedgerAudit {
  accountedThrough: number;
  sightings: CounterSighting[];
}

/** The numbers this run must look at: after the watermark, up to the counter, bounded. */
export function numbersToAudit(audit: LedgerAudit, lastSequence: number): number[] {
  const from = audit.accountedThrough + 1;
  const to = Math.min(lastSequence, audit.accountedThrough + AUDIT_BATCH);
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** The highest number reserved at least ORPHAN_AFTER_MS before `now` (0 if none known). */
export function orphanHorizon(sightings: CounterSighting[], now: Date): number {
  const cutoff = now.getTime() - ORPHAN_AFTER_MS;
  let horizon = 0;
  for (const s of sightings)
    if (Date.parse(s.at) <= cutoff) horizon = Math.max(horizon, s.sequence);
  return horizon;
}

/**
 * One run's decision, from the numbers found holding a concern or a void: which empty ones
 * to void now, how far the watermark moves, and the sightings to keep (this run's, plus
 * those not yet old enough, plus the newest old one: it is the horizon).
 */
export function auditStep(args: {
  audit: LedgerAudit;
  lastSequence: number;
  checked: number[];
  accounted: ReadonlySet<number>;
  now: Date;
}): { toVoid: number[]; next: LedgerAudit } {
  const { audit, lastSequence, checked, accounted, now } = args;
  const horizon = orphanHorizon(audit.sightings, now);
  const toVoid = checked.filter((n) => !accounted.has(n) && n <= horizon);
  const settled = new Set([...accounted, ...toVoid]);
  let accountedThrough = audit.accountedThrough;
  for (const n of checked) {
    if (n !== accountedThrough + 1 || !settled.has(n)) break;
    accountedThrough = n;
  }
  const cutoff = now.getTime() - ORPHAN_AFTER_MS;
  const old = audit.sightings.filter((s) => Date.parse(s.at) <= cutoff);
  const newestOld = old.reduce<CounterSighting | null>(
    (best, s) => (best && best.sequence >= s.sequence ? best : s),
    null,
  );
  const young = audit.sightings.filter(
    (s) => Date.parse(s.at) > cutoff && s.sequence > accountedThrough,
  );
  const sightings = [
    ...(newestOld && newestOld.sequence > accountedThrough ? [newestOld] : []),
    ...young,
    // An older sighting of the same height proves more; a new one is added only if higher.
    ...(lastSequence > accountedThrough && !audit.sightings.some((s) => s.sequence >= lastSequence)
      ? [{ sequence: lastSequence, at: now.toISOString() }]
      : []),
  ];
  return { toVoid, next: { accountedThrough, sightings } };
}
