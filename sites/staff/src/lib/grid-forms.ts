// Reading the grid pages' forms into API bodies. Pure, so it is tested on its own; the API
// validates again and its field errors are shown beside the fields.
import type { BodyOf, PartyMemberItem, ServiceDayItem } from "@lianxin/contract";

export type RotationBody = BodyOf<"PUT /api/staff/rotation/:villageId">;
export type ServiceDayHeldBody = BodyOf<"POST /api/staff/service-days/:id/held">;
/** `POST /api/staff/service-days`: a day's own fields; the host is the caller unless given. */
export type ServiceDayBody = Pick<
  ServiceDayItem,
  "villageId" | "place" | "startTime" | "endTime" | "schedule"
> & { personId?: string };
/** `POST` / `PUT /api/staff/party-members`: a member's name, village and post. */
export type PartyMemberBody = Pick<PartyMemberItem, "name" | "villageId"> & {
  post: Omit<PartyMemberItem["post"], "groupName">;
};

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
/** A count: empty is 0; anything not a number goes on as NaN for the API to refuse. */
const count = (form: FormData, name: string) => {
  const v = text(form, name);
  return v === "" ? 0 : Number(v);
};

export function readRotationForm(form: FormData): RotationBody {
  return {
    startMonth: text(form, "startMonth"),
    horizonMonths: Number(text(form, "horizonMonths")),
    intervalMonths: Number(text(form, "intervalMonths")),
  };
}

/** A once-off day (`date`) or a weekly one (`weekday`, from `from`, optionally `until`). */
export function readServiceDayForm(form: FormData): ServiceDayBody {
  const personId = text(form, "personId");
  const body: ServiceDayBody = {
    villageId: text(form, "villageId"),
    place: text(form, "place"),
    startTime: text(form, "startTime"),
    endTime: text(form, "endTime"),
    schedule:
      text(form, "kind") === "weekly"
        ? {
            kind: "weekly",
            weekday: Number(text(form, "weekday")),
            from: text(form, "from"),
            until: text(form, "until") || null,
          }
        : { kind: "once", date: text(form, "date") },
  };
  if (personId) body.personId = personId;
  return body;
}

/** A service day recorded as held on one of its dates (the field log's figures). */
export function readServiceDayHeldForm(form: FormData): ServiceDayHeldBody {
  return {
    date: text(form, "date"),
    peopleReached: count(form, "peopleReached"),
    peopleConsulted: count(form, "peopleConsulted"),
    notes: text(form, "notes"),
  };
}

/** Where a held day's field log is listed: its author's logs of that month. */
export function heldLogHref(date: string, logId: string): string {
  return `/field-logs?month=${encodeURIComponent(date.slice(0, 7))}#log-${encodeURIComponent(logId)}`;
}

export function readPartyMemberForm(form: FormData): PartyMemberBody {
  const kind = text(form, "kind") === "households" ? "households" : "group";
  return {
    name: text(form, "name"),
    villageId: text(form, "villageId"),
    post: {
      kind,
      groupId: text(form, "groupId") || null,
      households: kind === "households" ? text(form, "households") || null : null,
      title: text(form, "title"),
    },
  };
}

/** Coverage as "3 / 6". */
export function coverageText(covered: number, total: number): string {
  return `${covered} / ${total}`;
}

const WEEKDAYS = {
  "zh-CN": ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
  en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
} as const;

/** 1 = Monday … 7 = Sunday, in the page's language. */
export function weekdayName(weekday: number, locale: "zh-CN" | "en"): string {
  return WEEKDAYS[locale][weekday - 1] ?? String(weekday);
}
