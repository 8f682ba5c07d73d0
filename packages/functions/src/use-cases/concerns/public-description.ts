import { type Locale, PublicDescriptionRequest, publishDescription } from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { authorize } from "../accounts/authorize.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory } from "../directory/current-directory.js";
import { knownPeople } from "../directory/known-people.js";
import { parseInput } from "../parse.js";
import { changeOf, commitOrConflict, loadVisible, present } from "./staff-concerns.js";

/**
 * 公开诉求内容: admin makes a concern's description public before its close-out notice, so
 * that Open311 serves it (it serves no description until then). The text passes the masking
 * engine with every name known about the concern and every staff and party member's
 * (knownPeople); a span awaiting a decision refuses it (422 review_required, with the
 * highlights) until admin masks or keeps each. The public text and
 * its `description_published` event are written in one transaction, at the version admin saw.
 */
export async function publishConcernDescription(
  deps: Deps,
  auth: StaffAuth,
  ledgerNo: string,
  body: unknown,
  locale: Locale,
) {
  authorize(auth, "concern.publish_description");
  const request = parseInput(PublicDescriptionRequest, body);
  const found = await loadVisible(deps, auth, ledgerNo);
  const index = await currentDirectory(deps);
  const { concern, event } = publishDescription(found.concern, found.events, request, {
    user: auth.user,
    now: deps.now(),
    newEventId: deps.newId,
    index,
    personTagger: deps.personTagger,
    knownPeople: await knownPeople(deps),
  });
  await commitOrConflict(deps, [changeOf(found.concern, concern, [event])], []);
  return present(
    deps,
    auth,
    { concern, events: [...found.events, event], files: found.files },
    index,
    locale,
  );
}
