import type { DirectoryIndex } from "../directory/lookup.js";
import type { Locale } from "../errors.js";
import type { LocalDate } from "../time/shanghai.js";
import type { WorkingCalendar } from "../time/working-calendar.js";
import type { PartyMember, ServiceDay } from "./schema.js";
import { nextServiceDays } from "./service-days.js";

/** A leader or department head by directory id: name and title (no phone, nothing else). */
export function personRef(index: DirectoryIndex, id: string, locale: Locale) {
  const leader = index.leader(id);
  if (leader) return { name: leader.name, title: leader.title };
  for (const d of index.directory.departments) {
    if (d.head.id === id) {
      const dept = locale === "en" ? d.nameEn : d.name;
      return { name: d.head.name, title: locale === "en" ? `Head, ${dept}` : `${dept}负责人` };
    }
  }
  return null;
}

/**
 * A village as residents see it (`GET /api/villages/:id`): its contact leader, paired
 * departments, group holders, party members' posts and next service days. Names and
 * posts only: the function never reads a phone or an address, and builds every field.
 */
export function toPublicVillage(
  index: DirectoryIndex,
  villageId: string,
  grid: {
    partyMembers: PartyMember[];
    serviceDays: ServiceDay[];
    today: LocalDate;
    calendar?: WorkingCalendar;
    serviceDayCount?: number;
  },
  locale: Locale,
) {
  const village = index.village(villageId);
  if (!village || village.retiredAt) return null;
  const leader = index.leader(village.contactLeaderId);
  const groupName = (id: string | null) =>
    id ? (village.groups.find((g) => g.id === id)?.name ?? null) : null;
  const calendarOption = grid.calendar ? { calendar: grid.calendar } : {};
  return {
    village: { id: village.id, name: village.name, kind: village.kind },
    contactLeader: { name: leader?.name ?? "", title: leader?.title ?? "" },
    pairedDepartments: index.directory.departments
      .filter((d) => d.pairedVillageId === village.id && !d.retiredAt)
      .map((d) => ({ id: d.id, name: locale === "en" ? d.nameEn : d.name })),
    groups: village.groups
      .filter((g) => !g.retiredAt)
      .map((g) => {
        const holder = g.holderId ? personRef(index, g.holderId, locale) : null;
        return { id: g.id, name: g.name, holder: holder ? { name: holder.name } : null };
      }),
    partyMembers: grid.partyMembers
      .filter((m) => m.villageId === village.id && !m.retiredAt)
      .map((m) => ({
        name: m.name,
        post: {
          kind: m.post.kind,
          title: m.post.title,
          group: m.post.groupId ? { id: m.post.groupId, name: groupName(m.post.groupId) } : null,
          households: m.post.households,
        },
      })),
    nextServiceDays: nextServiceDays(
      grid.serviceDays.filter((d) => d.villageId === village.id),
      grid.today,
      grid.serviceDayCount ?? 5,
      calendarOption,
    ).map((o) => ({
      date: o.date,
      startTime: o.startTime,
      endTime: o.endTime,
      place: o.place,
      host: personRef(index, o.personId, locale),
    })),
  };
}
export type PublicVillage = NonNullable<ReturnType<typeof toPublicVillage>>;
