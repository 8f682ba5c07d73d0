import { knownPeopleOf } from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { processCache } from "../process-cache.js";
import { currentDirectory } from "./current-directory.js";

/** Party members are read per village (the store's only party-member query): this many at once. */
const VILLAGES_AT_ONCE = 6;

/**
 * Everyone the system knows by name beyond the directory and the concern itself: every staff
 * account (AP-S7, active or not) and every party member of every village (retired included:
 * a name stays personal). Masked as known names in all public text (notices, the public
 * reply, a description made public, Open311), so a reply naming a party member of another
 * village or an unrelated colleague never publishes the name. Loaded at most once per
 * `directoryCacheMs` per process, as the directory: one Query for the accounts and one per
 * village for the party members, never a Scan.
 */
const people = processCache(async (deps): Promise<string[]> => {
  const index = await currentDirectory(deps);
  const [accounts, members] = await Promise.all([
    deps.store.listStaffAccounts(),
    partyMemberNames(
      deps,
      index.directory.villages.map((v) => v.id),
    ),
  ]);
  return knownPeopleOf([...accounts.map((a) => a.name), ...members], index);
});

async function partyMemberNames(deps: Deps, villageIds: string[]): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < villageIds.length; i += VILLAGES_AT_ONCE) {
    const batch = villageIds.slice(i, i + VILLAGES_AT_ONCE);
    const lists = await Promise.all(batch.map((id) => deps.store.listPartyMembersAt(id)));
    for (const list of lists) for (const m of list) names.push(m.name);
  }
  return names;
}

export function knownPeople(deps: Deps): Promise<string[]> {
  return people.get(deps);
}

/** After a staff account or a party member is added or renamed: the next request reloads. */
export function forgetKnownPeople(deps: Deps): void {
  people.forget(deps);
}
