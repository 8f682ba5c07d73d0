import { type ConcernEvent, DomainError, RESIDENT_ACTOR, ResidentMessage } from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { commitConcernChanges } from "../messaging/resident-sms.js";
import { parseInput } from "../parse.js";
import { enforceRateLimit } from "./rate-limit.js";
import { authenticateResident, type ResidentKey } from "./resident-access.js";
import { changeOf } from "./staff-concerns.js";

const CLOSED = new Set(["struck_off", "merged"]);

/** 补充说明: the resident adds information; it joins the public timeline. */
export async function addResidentMessage(
  deps: Deps,
  request: ResidentKey & { body: unknown },
): Promise<{ at: string; type: "message"; text: string }> {
  const { text } = parseInput(ResidentMessage, request.body);
  let { concern } = await authenticateResident(deps, request);
  const now = deps.now();
  await enforceRateLimit(
    deps,
    { scope: "message", limit: deps.limits.messagesPerHour, windowSeconds: 3600 },
    concern.ledgerNo,
    now,
  );
  for (let attempt = 0; attempt < 5; attempt++) {
    if (CLOSED.has(concern.status)) throw new DomainError("conflict", { detail: "closed" });
    const event: ConcernEvent = {
      ledgerNo: concern.ledgerNo,
      seq: concern.version + 1,
      id: deps.newId(),
      type: "message",
      at: now.toISOString(),
      actor: RESIDENT_ACTOR,
      reason: null,
      public: true,
      text,
      data: {},
    };
    const next = { ...concern, updatedAt: event.at, version: event.seq };
    if (await commitConcernChanges(deps, [changeOf(concern, next, [event])])) {
      return { at: event.at, type: "message", text };
    }
    // Someone acted on the concern meanwhile: re-read it and append after them.
    const fresh = await deps.store.getConcernWithEvents(concern.ledgerNo);
    if (!fresh) throw new DomainError("not_found");
    concern = fresh.concern;
  }
  throw new DomainError("conflict", { detail: "busy" });
}
