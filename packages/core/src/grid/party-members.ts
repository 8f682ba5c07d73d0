import * as z from "zod/mini";
import { DirectoryId, type Village } from "../directory/schema.js";
import { DomainError } from "../errors.js";
import { freeText, plainText } from "../text/hygiene.js";
import { POST_KINDS } from "../vocabulary.js";
import { PartyMember } from "./schema.js";

/**
 * 入户: a party member registers at a village and claims a service post (认领服务岗位):
 * a villager group as a whole, or named households, with a title (e.g. 政策宣讲员).
 */

/** What admin sends to register or edit a party member. */
export const PartyMemberRequest = z.strictObject({
  name: PartyMember.shape.name,
  villageId: DirectoryId,
  post: z.strictObject({
    kind: z.enum(POST_KINDS),
    groupId: z._default(z.nullable(DirectoryId), null),
    households: z._default(z.nullable(plainText(200)), null),
    title: freeText(50),
  }),
});
export type PartyMemberRequest = z.infer<typeof PartyMemberRequest>;
/** The body `POST /api/staff/party-members` (and its PUT) takes. */
export type PartyMemberBody = z.input<typeof PartyMemberRequest>;

const invalid = (zh: string, en: string) => ({
  kind: "invalid" as const,
  message: { "zh-CN": zh, en },
});

/**
 * A party member from a request, checked against the village: a group post names one of
 * its active groups; a households post describes the households (and may name a group).
 */
export function partyMemberFrom(
  request: PartyMemberRequest,
  village: Village | undefined,
  base: { id: string; demo?: boolean; retiredAt?: string | null },
): PartyMember {
  if (!village || village.retiredAt) {
    throw new DomainError("validation_failed", {
      fields: { villageId: { kind: "unknown_village" } },
    });
  }
  const { post } = request;
  if (post.groupId && !village.groups.some((g) => g.id === post.groupId && !g.retiredAt)) {
    throw new DomainError("validation_failed", {
      fields: { "post.groupId": { kind: "unknown_group" } },
    });
  }
  if (post.kind === "group" && !post.groupId) {
    throw new DomainError("validation_failed", {
      fields: {
        "post.groupId": invalid(
          "认领村民小组时须选择小组",
          "A group post needs its villager group",
        ),
      },
    });
  }
  if (post.kind === "households" && !post.households) {
    throw new DomainError("validation_failed", {
      fields: {
        "post.households": invalid(
          "认领联系户时须写明户的范围（如：倪巷组 12–30 号）",
          "A households post needs the households it covers (e.g. 倪巷组 12–30)",
        ),
      },
    });
  }
  return PartyMember.parse({
    id: base.id,
    name: request.name,
    villageId: village.id,
    post: {
      kind: post.kind,
      groupId: post.groupId,
      households: post.kind === "households" ? post.households : null,
      title: post.title,
    },
    demo: base.demo ?? false,
    retiredAt: base.retiredAt ?? null,
  });
}
