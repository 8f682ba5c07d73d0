import { canSeePersonalData, mayPerform, mayReissueAccessCode } from "../access/policy.js";
import { type DirectoryIndex, namedRefs } from "../directory/lookup.js";
import type { Locale } from "../errors.js";
import type { FileView } from "../files/attachments.js";
import { maskName, maskPhone } from "../notice/mask.js";
import type { StaffUser } from "../staff/schema.js";
import { ACTION_TYPES, type ActionType } from "./actions.js";
import type { Concern, ConcernEvent } from "./concern.js";
import { currentDeadline, isOverdue } from "./deadline.js";
import { type GeoLocation, roundLocation } from "./location-media.js";
import { distanceMeters } from "./place.js";
import { queueStageOf } from "./queue-filter.js";
import { toResidentView } from "./resident-view.js";
import { transitionAllowed } from "./state-machine.js";

/** What this user may do to the concern now: role and relation, and the state. */
export function allowedActions(user: StaffUser, concern: Concern): ActionType[] {
  return ACTION_TYPES.filter((t) => mayPerform(user, t, concern) && transitionAllowed(t, concern));
}

/**
 * The concern as a staff member sees it. Personal data is masked unless the user may see
 * it; `personalDataShown` tells the caller to write the access log. The location is exact
 * for those who may see the resident's contact (it may be their doorstep, like the
 * address), rounded as Open311 publishes it for the rest (`rounded: true`).
 */
export function toStaffView(
  concern: Concern,
  events: ConcernEvent[],
  user: StaffUser,
  index: DirectoryIndex,
  locale: Locale,
  now: Date,
  /** Every file's view (staff see all of a concern's files), links signed by the API. */
  files: FileView[] = [],
) {
  const unmasked = canSeePersonalData(user, concern);
  const hasPersonalData = Boolean(concern.contact.name || concern.contact.phone);
  const base = toResidentView(concern, events, index, locale, now, files);
  const location = concern.location
    ? unmasked
      ? concern.location
      : roundLocation(concern.location)
    : undefined;
  return {
    view: {
      ...base,
      flags: { ...concern.flags, overdue: isOverdue(concern, now) },
      version: concern.version,
      channel: concern.channel,
      anonymous: concern.anonymous,
      visibility: concern.routing.visibility,
      contact: unmasked
        ? { ...concern.contact, masked: false }
        : {
            name: maskName(concern.contact.name),
            phone: maskPhone(concern.contact.phone),
            address: concern.contact.address ? "***" : null,
            masked: true,
          },
      location: location ? { ...location, rounded: !unmasked } : null,
      /**
       * How the place was sent from the portal: its datum (GCJ-02 was converted), the
       * accuracy the device claimed and its source; the original point only for those who
       * see the exact place. Null for places from other systems or none.
       */
      locationAsSent: concern.locationAsSent
        ? {
            datum: concern.locationAsSent.datum,
            accuracyM: concern.locationAsSent.accuracyM,
            source: concern.locationAsSent.source,
            converted: concern.locationAsSent.datum !== "wgs84",
            point: unmasked
              ? { lat: concern.locationAsSent.lat, long: concern.locationAsSent.long }
              : null,
          }
        : null,
      fromVillageCentre: fromCentre(location, index.village(concern.villageId)?.centre, unmasked),
      mediaUrl: concern.mediaUrl ?? null,
      /** The description as Open311 serves it (a notice's summary or a text admin cleared), else null. */
      publicDescription: concern.publicDescription ?? null,
      routing: { ...concern.routing, contactLeader: concern.routing.contactLeader },
      assignee: concern.assignee,
      deadlines: { ...concern.deadlines, committedDate: concern.committedDate },
      deadline: currentDeadline(concern, now),
      /** Set while a deadline was counted through a year without the official holiday data. */
      calendarWarning: concern.calendarWarning,
      extensionUsed: concern.extension !== null,
      evidence: concern.evidence,
      awaitingVerification: concern.awaitingVerification,
      mergedInto: concern.mergedInto,
      mergedFrom: concern.mergedFrom,
      timeline: events.map((e) => ({
        seq: e.seq,
        at: e.at,
        type: e.type,
        actor: e.actor,
        reason: e.reason,
        text: e.text,
        public: e.public,
        data: e.data,
      })),
      allowedActions: allowedActions(user, concern),
      /** May this user issue a new access code (there is a phone number to check it against)? */
      mayReissueAccessCode: mayReissueAccessCode(user, concern) && Boolean(concern.contact.phone),
    },
    personalDataShown: unmasked && hasPersonalData,
  };
}
export type StaffConcernView = ReturnType<typeof toStaffView>["view"];

/**
 * The distance of the place from its village's centre (directory), when both exist: to the
 * metre from the exact place, to 100 m from the rounded one (no finer than what is shown).
 */
function fromCentre(
  location: GeoLocation | undefined,
  centre: GeoLocation | undefined,
  exact: boolean,
): { distanceM: number; centre: GeoLocation } | null {
  if (!location || !centre) return null;
  const d = distanceMeters(location, centre);
  return { distanceM: exact ? Math.round(d) : Math.round(d / 100) * 100, centre };
}

/** A row of a staff queue. */
export function toQueueItem(concern: Concern, index: DirectoryIndex, locale: Locale, now: Date) {
  const refs = namedRefs(index, locale);
  return {
    ledgerNo: concern.ledgerNo,
    /** For bulk actions: each item's action is checked against the version the page saw. */
    version: concern.version,
    status: concern.status,
    /** 签收 / 首次回应 / 答复: the staff limit it runs against (the `stage` filter's word). */
    stage: queueStageOf(concern),
    flags: { ...concern.flags, overdue: isOverdue(concern, now) },
    title: concern.title,
    summary: [...concern.description].slice(0, 80).join(""),
    category: refs.category(concern.categoryCode),
    village: refs.village(concern.villageId),
    department: refs.department(concern.routing.department.id, concern.routing.department.name),
    assignee: concern.assignee,
    createdAt: concern.createdAt,
    lastChangedAt: concern.updatedAt,
    closedAt: concern.closedAt,
    deadline: currentDeadline(concern, now),
  };
}
export type QueueItem = ReturnType<typeof toQueueItem>;
