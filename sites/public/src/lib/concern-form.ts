// The submission form's values, rules and the body sent to the API. Pure: the page's server
// code and the form island both use it, so the live validation says exactly what the server says.
// Reading, checking and the body are site-kit's (shared with the staff registration form);
// here are this site's words for the problems, its phone check and the extras.

import type { ConcernBody, PublicDirectory } from "@lianxin/contract";
import { DATUMS, MAX_PLACE_ACCURACY_M, PLACE_SOURCES } from "@lianxin/contract";
import type { ApiFailure } from "@lianxin/site-kit/api-result";
import {
  CONCERN_FIELDS,
  CONCERN_LIMITS,
  type ConcernField,
  type ConcernProblemWords,
  type ConcernValues,
  checkConcernValues,
  EMPTY_CONCERN_VALUES,
  type FormLike,
  formFlag,
  isIdempotencyKey,
  readConcernValues,
  textLength,
  toConcernBody,
  wordProblem,
  wordProblems,
} from "@lianxin/site-kit/concern-form";
import type { MessageKey, Vars } from "../i18n/messages";

export const LIMITS = { ...CONCERN_LIMITS, messageMin: 1, messageMax: 2000 } as const;

export { CONCERN_FIELDS, type ConcernField, isIdempotencyKey, textLength };
/**
 * "使用我的位置": the point the browser gave, carried in hidden inputs (`placeLat`…) so that
 * the form still posts normally. Text as posted; `placeBody` makes the API's `place` of it.
 */
export interface PlaceValues {
  lat: string;
  long: string;
  accuracyM: string;
  datum: string;
  source: string;
}

/** The residents' fields, 不接收短信通知 (this site's only: staff ask in person) and the place. */
export interface ConcernFormValues extends ConcernValues {
  smsOptOut: boolean;
  place: PlaceValues | null;
}
export const EMPTY_CONCERN: ConcernFormValues = {
  ...EMPTY_CONCERN_VALUES,
  smsOptOut: false,
  place: null,
};

/** The hidden inputs' names, by place value. */
export const PLACE_INPUTS = {
  lat: "placeLat",
  long: "placeLong",
  accuracyM: "placeAccuracy",
  datum: "placeDatum",
  source: "placeSource",
} as const satisfies Record<keyof PlaceValues, string>;

export { MAX_PLACE_ACCURACY_M };

function readPlace(form: FormLike): PlaceValues | null {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v.trim() : "";
  };
  const place: PlaceValues = {
    lat: text(PLACE_INPUTS.lat),
    long: text(PLACE_INPUTS.long),
    accuracyM: text(PLACE_INPUTS.accuracyM),
    datum: text(PLACE_INPUTS.datum),
    source: text(PLACE_INPUTS.source),
  };
  return place.lat || place.long ? place : null;
}

/**
 * The API's `place` from the posted values, or undefined when there is none or it is not a
 * point at all (hidden inputs someone edited): the API judges range, accuracy and area.
 */
export function placeBody(place: PlaceValues | null): ConcernBody["place"] {
  if (!place) return undefined;
  const number = (s: string) => (/^[+-]?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN);
  const lat = number(place.lat);
  const long = number(place.long);
  const accuracyM = number(place.accuracyM);
  const datum = DATUMS.find((d) => d === place.datum);
  const source = PLACE_SOURCES.find((s) => s === place.source);
  if (![lat, long, accuracyM].every(Number.isFinite) || !datum || !source) return undefined;
  return { lat, long, accuracyM, datum, source };
}

/**
 * The place from the browser's `GeolocationPosition`. `navigator.geolocation` is WGS84 by the
 * W3C spec; a page cannot tell a browser that reports GCJ-02 instead, so it says "wgs84"
 * (core concern/place.ts explains the datum; only a source that names it says "gcj02").
 */
export function placeFromPosition(coords: {
  latitude: number;
  longitude: number;
  accuracy: number;
}): PlaceValues {
  return {
    lat: coords.latitude.toFixed(7),
    long: coords.longitude.toFixed(7),
    accuracyM: String(Math.round(coords.accuracy * 10) / 10),
    datum: "wgs84",
    source: "browser",
  };
}

/**
 * The API's words about the place (`place`, `place.accuracyM`…), to be shown by the place,
 * and the failure without them (for the other fields and the form's message).
 */
export function takePlaceErrors(failure: ApiFailure): {
  failure: ApiFailure;
  placeError: string | null;
} {
  if (failure.kind !== "http" || !failure.error?.fields) return { failure, placeError: null };
  const fields: Record<string, string> = {};
  let placeError: string | null = null;
  for (const [key, message] of Object.entries(failure.error.fields)) {
    if (key === "place" || key.startsWith("place.")) placeError ??= message;
    else fields[key] = message;
  }
  return { failure: { ...failure, error: { ...failure.error, fields } }, placeError };
}

/** A validation problem as a dictionary key, translated where it is shown. */
export interface Problem {
  key: MessageKey;
  vars?: Vars;
}
export type Problems<F extends string> = Partial<Record<F, Problem>>;

/** Read the posted form. Text is kept as typed (so a re-rendered form shows it unchanged). */
export function readConcernForm(form: FormLike): ConcernFormValues {
  return {
    ...readConcernValues(form),
    smsOptOut: formFlag(form, "smsOptOut"),
    place: readPlace(form),
  };
}

const WORDS: ConcernProblemWords<MessageKey> = {
  villageId: { required: "val.villageRequired", unknown: "val.villageUnknown" },
  groupId: { mismatch: "val.groupMismatch" },
  categoryCode: { required: "val.categoryRequired", unknown: "val.categoryUnknown" },
  title: { tooLong: "val.titleTooLong" },
  description: {
    required: "val.descriptionRequired",
    tooShort: "val.descriptionTooShort",
    tooLong: "val.descriptionTooLong",
  },
  address: { tooLong: "val.addressTooLong" },
  contactName: { tooLong: "val.contactNameTooLong" },
  contactPhone: { invalid: "val.contactPhoneInvalid" },
  anonymous: {},
};

/** One field's problem (or none). `directory` lets the server check ids; the island has it too. */
export function validateConcernField(
  field: ConcernField,
  v: ConcernFormValues,
  directory?: PublicDirectory | null,
): Problem | undefined {
  return wordProblem(WORDS, field, checkConcernValues(v, directory)[field]);
}

export function validateConcern(
  v: ConcernFormValues,
  directory?: PublicDirectory | null,
): Problems<ConcernField> {
  return wordProblems(WORDS, checkConcernValues(v, directory));
}

export function hasProblems(p: Partial<Record<string, unknown>>): boolean {
  return Object.values(p).some((x) => x !== undefined);
}

/**
 * The API body: trimmed text, empty optional fields left out, no contact details if anonymous;
 * `smsOptOut` only when ticked and a phone goes with the body (otherwise no SMS goes anyway).
 */
export function toSubmission(v: ConcernFormValues): ConcernBody {
  const body = toConcernBody(v);
  if (v.smsOptOut && body.contactPhone) body.smsOptOut = true;
  const place = placeBody(v.place);
  if (place) body.place = place;
  return body;
}

/** The id of a field's control on the page, for labels, error links and focus. */
export function fieldId(field: string): string {
  return `f-${field}`;
}

/** Text of an "add information" message. */
export function validateMessageText(text: string): Problem | undefined {
  const n = textLength(text);
  if (n < LIMITS.messageMin) return { key: "val.textRequired" };
  if (n > LIMITS.messageMax) return { key: "val.textTooLong", vars: { max: LIMITS.messageMax, n } };
  return undefined;
}

/** The hidden input naming the photos uploaded with the form (issue 15): upload ids, comma-separated. */
export const PHOTOS_INPUT = "photos";
const UPLOAD_ID = /^u[A-Za-z0-9_-]{22}$/;

/**
 * The upload ids the form names (the island's uploads), well-formed and distinct, in order.
 * At most `max`: more are dropped here and the API judges the rest (its own limit).
 */
export function readPhotoIds(form: FormLike, max: number): string[] {
  const raw = form.get(PHOTOS_INPUT);
  if (typeof raw !== "string") return [];
  const ids = raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => UPLOAD_ID.test(s));
  return [...new Set(ids)].slice(0, max);
}

/** The API's body with the form's photos (none: no `photos` field at all). */
export function withPhotos(body: ConcernBody, photos: string[]): ConcernBody {
  return photos.length ? { ...body, photos } : body;
}
