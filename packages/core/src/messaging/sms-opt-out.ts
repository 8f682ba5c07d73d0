import type { Concern, ConcernEvent } from "../concern/concern.js";
import { eventFactory, RESIDENT_ACTOR } from "../concern/state-machine.js";

/**
 * 停止短信通知: the resident stops the SMS updates of one concern, recorded as an event.
 * Null when they were not getting any (nothing to record).
 */
export function stopSmsUpdates(
  concern: Concern,
  ctx: { now: Date; newEventId: () => string },
): { concern: Concern; events: ConcernEvent[] } | null {
  if (!concern.smsUpdates) return null;
  const at = ctx.now.toISOString();
  const resident = eventFactory(concern, at, RESIDENT_ACTOR, ctx.newEventId);
  return {
    concern: { ...concern, smsUpdates: false, updatedAt: at, version: concern.version + 1 },
    events: [resident("sms_opted_out", { public: true })],
  };
}
