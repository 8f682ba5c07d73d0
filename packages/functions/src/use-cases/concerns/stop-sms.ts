import { stopSmsUpdates } from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { commitConcernChanges } from "../messaging/resident-sms.js";
import { authenticateResident, type ResidentKey } from "./resident-access.js";
import { changeOf } from "./staff-concerns.js";

/**
 * 停止短信通知: the resident stops the SMS updates of a concern (by its code or a link from
 * one of its messages), recorded as an event. Doing it again changes nothing; a concern that
 * changed meanwhile is read again and tried once more.
 */
export async function stopSms(deps: Deps, request: ResidentKey): Promise<{ smsUpdates: false }> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const { concern } = await authenticateResident(deps, request);
    const stopped = stopSmsUpdates(concern, { now: deps.now(), newEventId: deps.newId });
    if (!stopped) break;
    if (await commitConcernChanges(deps, [changeOf(concern, stopped.concern, stopped.events)])) {
      break;
    }
  }
  return { smsUpdates: false };
}
