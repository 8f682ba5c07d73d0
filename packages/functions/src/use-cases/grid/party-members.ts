import {
  DirectoryId,
  DomainError,
  type PartyMember,
  PartyMemberRequest,
  partyMemberFrom,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { authorize } from "../accounts/authorize.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory } from "../directory/current-directory.js";
import { forgetKnownPeople } from "../directory/known-people.js";
import { parseInput } from "../parse.js";

/**
 * 入户: admin registers party members at a village and records the post each claims.
 * Inspectors may read the list. A member stays registered where they registered: moving
 * village is retiring here and registering there.
 */

function audit(deps: Deps, auth: StaffAuth, id: string, before: unknown, after: unknown) {
  return {
    id: deps.newId(),
    at: deps.now().toISOString(),
    actor: { id: auth.user.id, name: auth.user.name },
    subject: `party-member#${id}`,
    before,
    after,
  };
}

async function existing(deps: Deps, id: string): Promise<PartyMember> {
  if (!DirectoryId.safeParse(id).success) throw new DomainError("not_found");
  const member = await deps.store.getPartyMember(id);
  if (!member) throw new DomainError("not_found");
  return member;
}

export async function listPartyMembers(deps: Deps, auth: StaffAuth, query: Record<string, string>) {
  authorize(auth, "party_member.read");
  const index = await currentDirectory(deps);
  const village = DirectoryId.safeParse(query.villageId).success
    ? index.village(query.villageId as string)
    : undefined;
  if (!village) {
    throw new DomainError("validation_failed", {
      fields: { villageId: { kind: "unknown_village" } },
    });
  }
  const members = await deps.store.listPartyMembersAt(village.id);
  const groupName = (id: string | null) => village.groups.find((g) => g.id === id)?.name ?? null;
  return {
    village: { id: village.id, name: village.name },
    items: members
      .sort((a, b) => Number(!!a.retiredAt) - Number(!!b.retiredAt) || a.id.localeCompare(b.id))
      .map((m) => ({ ...m, post: { ...m.post, groupName: groupName(m.post.groupId) } })),
  };
}

export async function registerPartyMember(deps: Deps, auth: StaffAuth, body: unknown) {
  authorize(auth, "party_member.manage");
  const request = parseInput(PartyMemberRequest, body);
  const index = await currentDirectory(deps);
  const member = partyMemberFrom(request, index.village(request.villageId), {
    id: `pm-${deps.newId()}`,
  });
  if (
    !(await deps.store.putPartyMember(member, audit(deps, auth, member.id, null, member), {
      create: true,
    }))
  ) {
    throw new DomainError("conflict");
  }
  forgetKnownPeople(deps);
  return member;
}

export async function editPartyMember(deps: Deps, auth: StaffAuth, id: string, body: unknown) {
  authorize(auth, "party_member.manage");
  const before = await existing(deps, id);
  const request = parseInput(PartyMemberRequest, body);
  if (request.villageId !== before.villageId) {
    throw new DomainError("validation_failed", {
      fields: {
        villageId: {
          kind: "invalid",
          message: {
            "zh-CN": "党员在登记的村认领岗位：换村请先在原村注销，再到新村登记",
            en: "A party member serves where registered: retire here and register at the other village",
          },
        },
      },
    });
  }
  const index = await currentDirectory(deps);
  const member = partyMemberFrom(request, index.village(request.villageId), before);
  if (
    !(await deps.store.putPartyMember(member, audit(deps, auth, id, before, member), {
      create: false,
    }))
  ) {
    throw new DomainError("conflict");
  }
  forgetKnownPeople(deps);
  return member;
}

export async function retirePartyMember(deps: Deps, auth: StaffAuth, id: string) {
  authorize(auth, "party_member.manage");
  const before = await existing(deps, id);
  if (before.retiredAt) return before;
  const member = { ...before, retiredAt: deps.now().toISOString() };
  if (
    !(await deps.store.putPartyMember(member, audit(deps, auth, id, before, member), {
      create: false,
    }))
  ) {
    throw new DomainError("conflict");
  }
  forgetKnownPeople(deps);
  return member;
}
