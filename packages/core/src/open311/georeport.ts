import type { Concern } from "../concern/concern.js";
import {
  type GeoLocation,
  parseDegrees,
  parseMediaUrl,
  roundCoordinate,
} from "../concern/location-media.js";
import { type DirectoryIndex, namedRefs } from "../directory/lookup.js";
import type { Category, Village } from "../directory/schema.js";
import { DomainError, type FieldProblem, type Locale } from "../errors.js";
import { namesToMask } from "../notice/notice.js";
import { publicTextContext } from "../notice/public-text.js";
import { type MaskContext, maskPersonalData } from "../text/personal-data.js";
import { endOfShanghaiDay, shanghaiDate } from "../time/shanghai.js";
import type { XmlValue } from "./xml.js";

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), pure: the documents this
 * server answers with, and the mapping of a POSTed service request to a concern
 * submission. The HTTP layer picks XML or JSON; the values here serve both.
 */
export const OPEN311_SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
/** When the service list or definitions last changed shape (discovery `changeset`). */
export const OPEN311_CHANGESET = "2026-11-27T00:00:00Z";
export const OPEN311_FORMATS = { xml: "text/xml", json: "application/json" } as const;
export type Open311Format = keyof typeof OPEN311_FORMATS;
/** Item element names of the arrays (Spark convention: the JSON array is the wrapper). */
export const OPEN311_ITEM_NAMES: Record<string, string> = {
  services: "service",
  service_requests: "request",
  errors: "error",
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
};
/** Default query limit of GET requests: 90 days or 1,000 requests, whichever is smaller. */
export const OPEN311_MAX_DAYS = 90;
export const OPEN311_MAX_PAGE_SIZE = 1000;

type Words = Record<Locale, string>;
const say = (words: Words, locale: Locale) => words[locale];

/** Conduct complaints never travel through Open311 (restricted visibility); nor do retired categories. */
export function open311Categories(index: DirectoryIndex): Category[] {
  return index.directory.categories.filter((c) => !c.conductComplaint && !c.retiredAt);
}

const activeVillages = (index: DirectoryIndex): Village[] =>
  index.directory.villages.filter((v) => !v.retiredAt);

/** GET services: one service per category. */
export function open311Services(index: DirectoryIndex, locale: Locale): XmlValue[] {
  const refs = namedRefs(index, locale);
  return open311Categories(index).map((c) => ({
    service_code: c.code,
    service_name: locale === "en" ? c.nameEn : c.name,
    description: locale === "en" ? c.descriptionEn : c.description,
    metadata: true,
    type: "realtime",
    keywords: [c.name, c.nameEn].join(", "),
    group: refs.department(c.departmentId ?? index.triageOffice().id).name,
  }));
}

/** The attribute codes a service definition declares (`attribute[code]=…`). */
export const OPEN311_ATTRIBUTES = ["village", "group", "title"] as const;

/** GET services/{service_code}: the attributes every category takes. */
export function open311ServiceDefinition(
  index: DirectoryIndex,
  serviceCode: string,
  locale: Locale,
): { [name: string]: XmlValue } | undefined {
  if (!open311Categories(index).some((c) => c.code === serviceCode)) return undefined;
  const villages = activeVillages(index);
  return {
    service_code: serviceCode,
    attributes: [
      {
        variable: true,
        code: "village",
        datatype: "singlevaluelist",
        required: false,
        datatype_description: say(
          {
            "zh-CN": "村（社区）编号；也可用 address_id 或 address_string 给出",
            en: "A village id; address_id or address_string may give it instead",
          },
          locale,
        ),
        order: 1,
        description: say(
          {
            "zh-CN": "问题发生在哪个村（社区）。只给经纬度时必填。",
            en: "The village or community where the problem is. Required when only lat/long is sent.",
          },
          locale,
        ),
        values: villages.map((v) => ({ key: v.id, name: v.name })),
      },
      {
        variable: true,
        code: "group",
        datatype: "singlevaluelist",
        required: false,
        datatype_description: say(
          { "zh-CN": "所选村（社区）的村民小组", en: "A villager group of the chosen village" },
          locale,
        ),
        order: 2,
        description: say(
          { "zh-CN": "村民小组（可不填）", en: "Villager group (optional)" },
          locale,
        ),
        values: villages.flatMap((v) =>
          v.groups
            .filter((g) => !g.retiredAt)
            .map((g) => ({ key: g.id, name: `${v.name} ${g.name}` })),
        ),
      },
      {
        variable: true,
        code: "title",
        datatype: "string",
        required: false,
        datatype_description: say(
          { "zh-CN": "不超过 100 字", en: "At most 100 characters" },
          locale,
        ),
        order: 3,
        description: say(
          { "zh-CN": "一句话标题（可不填）", en: "A one-line title (optional)" },
          locale,
        ),
        values: [],
      },
    ],
  };
}

/** The Service Discovery document (http://wiki.open311.org/Service_Discovery). */
export function open311Discovery(options: {
  endpointUrl: string;
  type: "production" | "test";
  locale: Locale;
}): { [name: string]: XmlValue } {
  return {
    changeset: OPEN311_CHANGESET,
    contact: say(
      {
        "zh-CN": "洛社镇党政办（连心诉求台账）",
        en: "The town office (党政办) of Luoshe, which keeps the Lianxin concern ledger",
      },
      options.locale,
    ),
    key_service: say(
      {
        "zh-CN": "提交诉求需要 api_key，请向镇党政办申请",
        en: "Filing requests needs an api_key: ask the town office (党政办) for one",
      },
      options.locale,
    ),
    endpoints: [
      {
        specification: OPEN311_SPECIFICATION,
        url: options.endpointUrl,
        changeset: OPEN311_CHANGESET,
        type: options.type,
        formats: [OPEN311_FORMATS.xml, OPEN311_FORMATS.json],
      },
    ],
  };
}

/** Open until struck off (销号) or merged into another item; answered is still open (being rated). */
export function open311Status(concern: Concern): "open" | "closed" {
  return concern.status === "struck_off" || concern.status === "merged" ? "closed" : "open";
}

/** Who handles it and by when: the POST answer's and each request's `service_notice`. */
export function open311ServiceNotice(
  routing: { department: { name: string }; contactLeader: { name: string } },
  dueAt: string,
  locale: Locale,
): string {
  const due = shanghaiDate(new Date(dueAt));
  return locale === "en"
    ? `Handled by ${routing.department.name}; contact leader ${routing.contactLeader.name}; answer due by ${due} (Beijing time).`
    : `由${routing.department.name}办理，联系领导${routing.contactLeader.name}，${due}前答复。`;
}

/**
 * One concern as an Open311 service request. Nothing personal, and no text of the resident's
 * that nobody reviewed: `description` is the concern's public description (the close-out
 * notice's approved summary once the notice is published, or a text admin cleared earlier
 * through the same review), null until one exists; `media_url` (a photo may show a face, a
 * door, a plate) is withheld as long. `status_notes` is the public reply, cleared when the
 * answer was given. Both texts pass the masking engine once more here, as a second net
 * (certain spans only: names known from the concern, the directory, staff accounts and party
 * members, phones, ID numbers…; the reviewers decided on the uncertain ones). The address is
 * the village and group, never the resident's own address. `lat`/`long` are rounded to 3
 * decimals (about 100 m): a pin sent from someone's doorstep must not point at their door in
 * a public answer (staff see the exact point).
 */
export function toOpen311Request(
  concern: Concern,
  index: DirectoryIndex,
  locale: Locale,
  options: { extensions: boolean; knownPeople?: readonly string[] },
): { [name: string]: XmlValue } {
  const refs = namedRefs(index, locale);
  // The names the concern itself knows (resident, assignee, contact leader, group holder);
  // the events' actors were masked when the texts were cleared.
  let context: MaskContext | undefined;
  const mask = (text: string) => {
    context ??= publicTextContext({
      index,
      knownNames: namesToMask(concern, []),
      knownPeople: options.knownPeople,
    });
    return maskPersonalData(text, context).text;
  };
  const village = refs.village(concern.villageId);
  const group = concern.groupId ? index.group(concern.villageId, concern.groupId) : undefined;
  const department = refs.department(
    concern.routing.department.id,
    concern.routing.department.name,
  );
  const status = open311Status(concern);
  const expected = concern.committedDate
    ? endOfShanghaiDay(concern.committedDate).toISOString()
    : concern.deadlines.answerBy;
  const request: { [name: string]: XmlValue } = {
    service_request_id: concern.ledgerNo,
    status,
    status_notes: statusNotes(concern, locale, mask),
    service_name: refs.category(concern.categoryCode).name,
    service_code: concern.categoryCode,
    description: concern.publicDescription ? mask(concern.publicDescription) : null,
    agency_responsible: department.name,
    service_notice: open311ServiceNotice(
      { department, contactLeader: concern.routing.contactLeader },
      concern.deadlines.answerBy,
      locale,
    ),
    requested_datetime: concern.createdAt,
    updated_datetime:
      status === "closed" && concern.closedAt ? concern.closedAt : concern.updatedAt,
    expected_datetime: expected,
    address: group ? `${group.name}, ${village.name}` : village.name,
    address_id: concern.villageId,
    zipcode: null,
    lat: concern.location ? roundCoordinate(concern.location.lat) : null,
    long: concern.location ? roundCoordinate(concern.location.long) : null,
    media_url: concern.publicDescription ? (concern.mediaUrl ?? null) : null,
  };
  if (options.extensions) {
    request.extended_attributes = {
      detailed_status: concern.status,
      outcome: concern.outcome,
      village: village.name,
      channel: concern.channel,
      contact_leader: concern.routing.contactLeader.name,
    };
  }
  return request;
}

function statusNotes(
  concern: Concern,
  locale: Locale,
  mask: (text: string) => string,
): string | null {
  if (concern.publicReply) return mask(concern.publicReply);
  if (concern.status === "merged" && concern.mergedInto) {
    return locale === "en" ? `Merged into ${concern.mergedInto}` : `已合并至 ${concern.mergedInto}`;
  }
  if (concern.status === "deferred" && concern.committedDate) {
    return locale === "en"
      ? `To be completed by ${concern.committedDate}`
      : `限期办理，承诺 ${concern.committedDate} 前办结`;
  }
  return null;
}

/** The form fields of POST requests, as read from the body (attribute[code] collected apart). */
export interface Open311PostForm {
  fields: Record<string, string>;
  attributes: Record<string, string[]>;
}

/** Submission field → the Open311 parameter a client sent it as (for error descriptions). */
export const OPEN311_PARAMETER_OF: Record<string, string> = {
  villageId: "address_id",
  groupId: "attribute[group]",
  categoryCode: "service_code",
  title: "attribute[title]",
  description: "description",
  address: "address_string",
  contactName: "first_name/last_name",
  contactPhone: "phone",
  location: "lat/long",
  "location.lat": "lat",
  "location.long": "long",
  mediaUrl: "media_url",
};

const invalid = (zh: string, en: string): FieldProblem => ({
  kind: "invalid",
  message: { "zh-CN": zh, en },
});

const CJK = /^[\u3400-\u9fff\uf900-\ufaff]+$/;

/**
 * A POSTed service request as the body of a concern submission (validated after by the
 * portal's own schema, in the same use case). The location must name a village: by
 * `address_id` (a village id), `attribute[village]`, or an `address_string` containing
 * exactly one village's name. Coordinates alone cannot: the directory has no village
 * geometry, so they are kept as the concern's location but never decide the village.
 * `media_url` is kept too (http/https only). Not kept: email, device_id, account_id,
 * jurisdiction_id (the ledger has no place for them).
 */
export function fromOpen311Post(index: DirectoryIndex, form: Open311PostForm) {
  const { fields, attributes } = form;
  const problems: Record<string, FieldProblem> = {};
  const category = open311Categories(index).find((c) => c.code === fields.service_code);
  if (!fields.service_code) {
    problems.service_code = invalid("必填", "Required");
  } else if (!category) {
    problems.service_code = { kind: "unknown_category" };
  }
  const single: Record<string, string> = {};
  for (const [code, values] of Object.entries(attributes)) {
    if (!(OPEN311_ATTRIBUTES as readonly string[]).includes(code)) {
      problems[`attribute[${code}]`] = invalid(
        "该服务没有这个属性",
        "This service has no such attribute",
      );
    } else if (values.length !== 1) {
      problems[`attribute[${code}]`] = invalid("只能有一个值", "Takes exactly one value");
    } else single[code] = values[0] as string;
  }

  let coordinates: GeoLocation | undefined;
  if (fields.lat !== undefined || fields.long !== undefined) {
    const lat = fields.lat === undefined ? null : parseDegrees(fields.lat);
    const long = fields.long === undefined ? null : parseDegrees(fields.long);
    if (lat === null || long === null || Math.abs(lat) > 90 || Math.abs(long) > 180) {
      problems.lat = invalid(
        "lat 与 long 须同时给出，且为 WGS84 经纬度（十进制度数，纬度 -90 至 90，经度 -180 至 180）",
        "lat and long must both be sent, as WGS84 decimal degrees (lat -90 to 90, long -180 to 180)",
      );
    } else coordinates = { lat, long };
  }

  let mediaUrl: string | undefined;
  if (fields.media_url !== undefined) {
    const parsed = parseMediaUrl(fields.media_url);
    if (parsed.ok) mediaUrl = parsed.url;
    else problems.media_url = parsed.problem;
  }

  const addressString = fields.address_string;
  let villageId = fields.address_id ?? single.village;
  if (fields.address_id && single.village && fields.address_id !== single.village) {
    problems.address_id = invalid(
      "address_id 与 attribute[village] 不一致",
      "address_id and attribute[village] name different villages",
    );
  }
  if (!villageId && addressString) {
    const found = matchVillage(index, addressString);
    if (found.kind === "one") villageId = found.village.id;
    else
      problems.address_string =
        found.kind === "none"
          ? invalid(
              "地址中没有找到任何村（社区）的名称，请写明村（社区）或用 address_id 给出村编号",
              "The address names no village: include the village's name, or send its id as address_id",
            )
          : invalid(
              "地址中含有多个村（社区）的名称，请用 address_id 指明",
              "The address names more than one village: send the village's id as address_id",
            );
  }
  if (!villageId && !problems.address_string && !problems.lat) {
    problems.address_id = coordinates
      ? invalid(
          "本服务尚不能由经纬度确定村（社区）：请同时给出 attribute[village]、address_id 或 address_string",
          "This server cannot map coordinates to a village: send attribute[village], address_id or address_string as well",
        )
      : invalid(
          "须给出位置：address_id（村编号）、address_string 或 lat/long 加 attribute[village]",
          "A location is required: address_id (a village id), address_string, or lat/long with attribute[village]",
        );
  }
  if (Object.keys(problems).length)
    throw new DomainError("validation_failed", { fields: problems });

  let groupId = single.group;
  const village = villageId ? index.village(villageId) : undefined;
  if (!groupId && village && addressString) groupId = matchGroup(village, addressString);

  const first = fields.first_name?.trim() ?? "";
  const last = fields.last_name?.trim() ?? "";
  const contactName =
    CJK.test(first) && CJK.test(last) ? `${last}${first}` : [first, last].filter(Boolean).join(" ");
  const address = addressString?.trim();
  const phone = fields.phone?.trim();
  return {
    villageId,
    ...(groupId ? { groupId } : {}),
    categoryCode: fields.service_code,
    ...(single.title ? { title: single.title } : {}),
    description: fields.description ?? "",
    ...(address ? { address } : {}),
    ...(contactName ? { contactName } : {}),
    ...(phone ? { contactPhone: phone } : {}),
    anonymous: !contactName && !phone,
    ...(coordinates ? { location: coordinates } : {}),
    ...(mediaUrl ? { mediaUrl } : {}),
  };
}

/** The one village whose name (or id) an address contains; names inside longer names yield. */
export function matchVillage(
  index: DirectoryIndex,
  address: string,
): { kind: "one"; village: Village } | { kind: "none" } | { kind: "many" } {
  const text = address.trim();
  const byId = activeVillages(index).find((v) => v.id === text.toLowerCase());
  if (byId) return { kind: "one", village: byId };
  const named = activeVillages(index).filter((v) => text.includes(v.name));
  const outermost = named.filter((v) => !named.some((o) => o !== v && o.name.includes(v.name)));
  if (outermost.length === 1) return { kind: "one", village: outermost[0] as Village };
  return outermost.length === 0 ? { kind: "none" } : { kind: "many" };
}

function matchGroup(village: Village, address: string): string | undefined {
  const groups = village.groups.filter((g) => !g.retiredAt && address.includes(g.name));
  return groups.length === 1 ? groups[0]?.id : undefined;
}

const W3C =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d))?$/;

/**
 * A W3C date-time (the spec's format: `2010-01-01T00:00:00Z`, offset required). A bare
 * date is read as midnight in the town (UTC+8). null if it is not one.
 */
export function parseW3cDateTime(value: string): Date | null {
  const match = W3C.exec(value.trim());
  if (!match) return null;
  const text = match[4] === undefined ? `${value.trim()}T00:00:00+08:00` : value.trim();
  const t = Date.parse(text);
  if (!Number.isFinite(t)) return null;
  // Reject days the month does not have (Feb 30 would roll over).
  const [, y, m, d] = match;
  const probe = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (probe.getUTCDate() !== Number(d)) return null;
  return new Date(t);
}

const DAY_MS = 86_400_000;

/**
 * The requested_datetime range of GET requests, both ends included: the spec's default is
 * the most recent 90 days, and a given range may not span more than 90 days.
 */
export function open311Window(
  start: Date | null,
  end: Date | null,
  now: Date,
): { from: Date; to: Date } | { problem: "reversed" | "too_long" } {
  const span = OPEN311_MAX_DAYS * DAY_MS;
  const to = end ?? (start ? new Date(start.getTime() + span) : now);
  const from = start ?? new Date(to.getTime() - span);
  if (to < from) return { problem: "reversed" };
  if (to.getTime() - from.getTime() > span) return { problem: "too_long" };
  return { from, to };
}

/**
 * The first instant the ledger may hold: nothing was registered before 1970. (A window is
 * any dates a client sends, year 0000 included.)
 */
const LEDGER_EPOCH_MS = Date.UTC(1970, 0, 1);

/**
 * The part of a window the ledger can hold anything in: from 1970 (`LEDGER_EPOCH_MS`) to a
 * day past `now` (a little clock skew between instances), or null when none of it can. Only
 * this part is read, so that the months walked are `YYYY-MM` months of four-digit years: a
 * window in year 0 made its months negative years, which never compared below the first
 * one, and GET requests.json?end_date=0000-01-01 ran out of memory (found by the fuzz suite,
 * issue 12).
 */
export function open311ReadRange(
  window: { from: Date; to: Date },
  now: Date,
): { from: Date; to: Date } | null {
  const from = Math.max(window.from.getTime(), LEDGER_EPOCH_MS);
  const to = Math.min(window.to.getTime(), now.getTime() + DAY_MS);
  return from > to ? null : { from: new Date(from), to: new Date(to) };
}

/** The `YYYY-MM` months from `last` back to `first`, newest first. */
export function monthsNewestFirst(first: string, last: string): string[] {
  const months: string[] = [];
  let [y, m] = last.split("-").map(Number) as [number, number];
  for (;;) {
    const month = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}`;
    if (month < first) break;
    months.push(month);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return months;
}
