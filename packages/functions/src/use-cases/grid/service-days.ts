import {
  DirectoryId,
  type DirectoryIndex,
  DomainError,
  type FieldLog,
  fieldLogForServiceDay,
  findDepartmentHead,
  isServiceDayOn,
  type Locale,
  may,
  nextServiceDays,
  pastServiceDates,
  personRef,
  type ServiceDay,
  ServiceDayHeldRequest,
  ServiceDayRequest,
  shanghaiDate,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { authorize } from "../accounts/authorize.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentCalendar } from "../calendar/calendar.js";
import { currentDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";

/**
 * 一线服务日: leaders and department heads schedule their hours in their villages (admin
 * for anyone); residents see the next ones on the village page.
 */

const invalid = (zh: string, en: string) => ({
  kind: "invalid" as const,
  message: { "zh-CN": zh, en },
});

/**
 * May `personId` hold service days in `villageId`? Its contact leader, the head of a
 * department paired with it, or the head holding one of its groups.
 */
export function mayHostIn(index: DirectoryIndex, personId: string, villageId: string): boolean {
  const village = index.village(villageId);
  if (!village || village.retiredAt) return false;
  if (village.contactLeaderId === personId) return true;
  if (village.groups.some((g) => g.holderId === personId && !g.retiredAt)) return true;
  return index.directory.departments.some(
    (d) => d.head.id === personId && d.pairedVillageId === villageId && !d.retiredAt,
  );
}

function audit(deps: Deps, auth: StaffAuth, id: string, before: unknown, after: unknown) {
  return {
    id: deps.newId(),
    at: deps.now().toISOString(),
    actor: { id: auth.user.id, name: auth.user.name },
    subject: `service-day#${id}`,
    before,
    after,
  };
}

/** Its host, or admin. */
function mayManage(auth: StaffAuth, day: ServiceDay) {
  return may(auth.user, "service_day.manage_all") || auth.user.id === day.personId;
}

async function existing(deps: Deps, auth: StaffAuth, id: string): Promise<ServiceDay> {
  if (!DirectoryId.safeParse(id).success) throw new DomainError("not_found");
  const day = await deps.store.getServiceDay(id);
  if (!day) throw new DomainError("not_found");
  if (!mayManage(auth, day)) throw new DomainError("forbidden");
  return day;
}

export async function scheduleServiceDay(deps: Deps, auth: StaffAuth, body: unknown) {
  const userId = auth.user.id;
  authorize(auth, "service_day.schedule");
  // Admin names the host; leaders and heads schedule their own.
  const forAnyone = may(auth.user, "service_day.manage_all");
  const request = parseInput(ServiceDayRequest, body);
  const index = await currentDirectory(deps);
  if (!index.village(request.villageId)) {
    throw new DomainError("validation_failed", {
      fields: { villageId: { kind: "unknown_village" } },
    });
  }
  const personId = forAnyone ? request.personId : (request.personId ?? userId);
  if (!personId) {
    throw new DomainError("validation_failed", {
      fields: {
        personId: invalid("请选择主持服务日的领导或部门负责人", "Choose who holds the day"),
      },
    });
  }
  if (!forAnyone && personId !== userId) throw new DomainError("forbidden");
  if (!mayHostIn(index, personId, request.villageId)) {
    throw new DomainError("validation_failed", {
      fields: {
        villageId: invalid(
          "只能在自己的联系村、结对村或包干小组所在村安排服务日",
          "Service days are held in one's contact village, paired village or held group's village",
        ),
      },
    });
  }
  const day: ServiceDay = {
    id: `sd-${deps.newId()}`,
    personId,
    villageId: request.villageId,
    place: request.place,
    startTime: request.startTime,
    endTime: request.endTime,
    schedule: request.schedule,
    demo: false,
    retiredAt: null,
  };
  if (
    !(await deps.store.putServiceDay(day, audit(deps, auth, day.id, null, day), { create: true }))
  ) {
    throw new DomainError("conflict");
  }
  return day;
}

/** How many of a schedule's dates up to today the list gives, each with its log if held. */
const PAST_DATES = 4;

/** One log per service day and date: holding the same day twice records it once. */
const heldLogId = (dayId: string, date: string) => `fl-${dayId}-${date}`;

/**
 * Service days with their next dates and their last dates up to today (`past`, newest
 * first, each with the id of its field log once recorded as held): `mine=true` (the
 * signed-in person's), or one village's (`villageId`, any staff).
 */
export async function listServiceDays(
  deps: Deps,
  auth: StaffAuth,
  query: Record<string, string>,
  locale: Locale,
) {
  const index = await currentDirectory(deps);
  let days: ServiceDay[];
  if (query.mine === "true") {
    days = await deps.store.listServiceDaysOf(auth.user.id);
  } else if (
    DirectoryId.safeParse(query.villageId).success &&
    index.village(query.villageId as string)
  ) {
    days = await deps.store.listServiceDaysAt(query.villageId as string);
  } else {
    throw new DomainError("validation_failed", {
      fields: { villageId: invalid("请指定村（或 mine=true）", "Give a village (or mine=true)") },
    });
  }
  const calendar = await currentCalendar(deps);
  const today = shanghaiDate(deps.now());
  const past = (d: ServiceDay) =>
    Promise.all(
      pastServiceDates(d, today, PAST_DATES, { calendar }).map(async (date) => {
        const log = await deps.store.getFieldLog(d.personId, date, heldLogId(d.id, date));
        return { date, logId: log?.id ?? null };
      }),
    );
  return {
    items: await Promise.all(
      days
        .sort((a, b) => Number(!!a.retiredAt) - Number(!!b.retiredAt) || a.id.localeCompare(b.id))
        .map(async (d) => ({
          ...d,
          village: { id: d.villageId, name: index.village(d.villageId)?.name ?? d.villageId },
          host: personRef(index, d.personId, locale),
          next: nextServiceDays([d], today, 3, { calendar }).map((o) => o.date),
          past: await past(d),
        })),
    ),
  };
}

export async function retireServiceDay(deps: Deps, auth: StaffAuth, id: string) {
  const before = await existing(deps, auth, id);
  if (before.retiredAt) return before;
  const day = { ...before, retiredAt: deps.now().toISOString() };
  if (
    !(await deps.store.putServiceDay(day, audit(deps, auth, id, before, day), { create: false }))
  ) {
    throw new DomainError("conflict");
  }
  return day;
}

/**
 * A day held, as the field log (一线办公) to record: its host's or admin's, on one of the
 * schedule's dates, not in the future. Storing the log belongs to the field-log store.
 */
export async function serviceDayHeldLog(
  deps: Deps,
  auth: StaffAuth,
  id: string,
  body: unknown,
): Promise<FieldLog> {
  const day = await existing(deps, auth, id);
  const request = parseInput(ServiceDayHeldRequest, body);
  if (request.date > shanghaiDate(deps.now())) {
    throw new DomainError("validation_failed", {
      fields: { date: invalid("服务日尚未到来", "That day has not come yet") },
    });
  }
  if (!isServiceDayOn(day, request.date)) {
    throw new DomainError("validation_failed", {
      fields: {
        date: invalid(
          "这一天不是该服务日的日期",
          "That date is not one of this service day's dates",
        ),
      },
    });
  }
  return fieldLogForServiceDay(day, request, {
    id: heldLogId(day.id, request.date),
    createdAt: deps.now().toISOString(),
  });
}

/**
 * `POST /api/staff/service-days/:id/held`: a day held is logged as a field visit
 * (一线办公), counted in its host's (and the host's department's) field work.
 */
export async function recordServiceDayHeld(deps: Deps, auth: StaffAuth, id: string, body: unknown) {
  const log = await serviceDayHeldLog(deps, auth, id, body);
  const index = await currentDirectory(deps);
  const departmentId = findDepartmentHead(index, log.authorId)?.departmentId ?? null;
  return deps.store.putFieldLog(log, { departmentId });
}
