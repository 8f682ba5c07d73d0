import {
  DirectoryId,
  DomainError,
  type Locale,
  shanghaiDate,
  toPublicVillage,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { currentCalendar } from "../calendar/calendar.js";
import { currentDirectory } from "../directory/current-directory.js";

/**
 * `GET /api/villages/:id`: a village's people and service days as residents see them
 * (core `toPublicVillage`: names and posts only).
 */
export async function publicVillage(deps: Deps, villageId: string, locale: Locale) {
  if (!DirectoryId.safeParse(villageId).success) throw new DomainError("not_found");
  const index = await currentDirectory(deps);
  if (!index.village(villageId)) throw new DomainError("not_found");
  const [partyMembers, serviceDays, calendar] = await Promise.all([
    deps.store.listPartyMembersAt(villageId),
    deps.store.listServiceDaysAt(villageId),
    currentCalendar(deps),
  ]);
  const view = toPublicVillage(
    index,
    villageId,
    { partyMembers, serviceDays, today: shanghaiDate(deps.now()), calendar },
    locale,
  );
  if (!view) throw new DomainError("not_found");
  return view;
}
