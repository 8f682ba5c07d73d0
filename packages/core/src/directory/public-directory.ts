import type { Locale } from "../errors.js";
import type { DirectoryIndex } from "./lookup.js";

/** The directory as residents see it (`GET /api/directory`): names and titles only. */
export function toPublicDirectory(index: DirectoryIndex, locale: Locale) {
  const { villages, categories } = index.directory;
  return {
    // Retired entries take no new concerns, so residents are not offered them.
    villages: villages
      .filter((v) => !v.retiredAt)
      .map((v) => {
        const leader = index.leader(v.contactLeaderId);
        return {
          id: v.id,
          name: v.name,
          kind: v.kind,
          groups: v.groups.filter((g) => !g.retiredAt).map((g) => ({ id: g.id, name: g.name })),
          contactLeader: { name: leader?.name ?? "", title: leader?.title ?? "" },
        };
      }),
    categories: categories
      .filter((c) => !c.retiredAt)
      .map((c) => ({
        code: c.code,
        name: locale === "en" ? c.nameEn : c.name,
        description: locale === "en" ? c.descriptionEn : c.description,
        limits: c.limits,
      })),
  };
}
export type PublicDirectory = ReturnType<typeof toPublicDirectory>;
