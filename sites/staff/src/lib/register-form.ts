// Staff registration of a concern that came by phone, in person or during a visit: the
// residents' submission fields plus the channel. Reading, validation and the API body. Pure.

import type { Problem } from "./actions";
import { CHANNELS, type Channel, type Directory, type SubmissionBody } from "./api-types";

export const REGISTER_LIMITS = {
  title: 100,
  descriptionMin: 10,
  descriptionMax: 4000,
  address: 200,
  contactName: 50,
} as const;

export const REGISTER_FIELDS = [
  "channel",
  "villageId",
  "groupId",
  "categoryCode",
  "title",
  "description",
  "address",
  "contactName",
  "contactPhone",
  "anonymous",
] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];

export interface RegisterValues {
  channel: string;
  villageId: string;
  groupId: string;
  categoryCode: string;
  title: string;
  description: string;
  address: string;
  contactName: string;
  contactPhone: string;
  anonymous: boolean;
}

export const EMPTY_REGISTER: RegisterValues = {
  channel: "phone",
  villageId: "",
  groupId: "",
  categoryCode: "",
  title: "",
  description: "",
  address: "",
  contactName: "",
  contactPhone: "",
  anonymous: false,
};

type FormLike = { get(name: string): FormDataEntryValue | null };

function str(form: FormLike, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

export function readRegisterForm(form: FormLike): RegisterValues {
  const anon = str(form, "anonymous");
  return {
    channel: str(form, "channel").trim(),
    villageId: str(form, "villageId").trim(),
    groupId: str(form, "groupId").trim(),
    categoryCode: str(form, "categoryCode").trim(),
    title: str(form, "title"),
    description: str(form, "description"),
    address: str(form, "address"),
    contactName: str(form, "contactName"),
    contactPhone: str(form, "contactPhone"),
    anonymous: anon === "on" || anon === "true" || anon === "1",
  };
}

/** Chinese mobile or landline numbers, loosely (the API checks again). */
export function isPlausiblePhone(input: string): boolean {
  const digits = input.normalize("NFKC").replace(/[\s\-().]/g, "");
  return (
    /^(?:\+?86)?1[3-9]\d{9}$/.test(digits) ||
    /^(?:\+?86)?0\d{9,11}$/.test(digits) ||
    /^\d{7,8}$/.test(digits)
  );
}

export function validateRegister(
  v: RegisterValues,
  directory: Directory | null,
): Partial<Record<RegisterField, Problem>> {
  const p: Partial<Record<RegisterField, Problem>> = {};
  const len = (s: string) => s.trim().length;
  if (!(CHANNELS as readonly string[]).includes(v.channel)) p.channel = { key: "val.choose" };
  const village = directory?.villages.find((x) => x.id === v.villageId);
  if (!v.villageId || (directory && !village)) p.villageId = { key: "val.choose" };
  if (v.groupId && village && !village.groups.some((g) => g.id === v.groupId)) {
    p.groupId = { key: "val.groupMismatch" };
  }
  if (
    !v.categoryCode ||
    (directory && !directory.categories.some((c) => c.code === v.categoryCode))
  )
    p.categoryCode = { key: "val.choose" };
  if (len(v.title) > REGISTER_LIMITS.title)
    p.title = { key: "val.tooLong", vars: { max: REGISTER_LIMITS.title, n: len(v.title) } };
  const d = len(v.description);
  if (d === 0) p.description = { key: "val.required" };
  else if (d < REGISTER_LIMITS.descriptionMin)
    p.description = { key: "val.tooShort", vars: { min: REGISTER_LIMITS.descriptionMin, n: d } };
  else if (d > REGISTER_LIMITS.descriptionMax)
    p.description = { key: "val.tooLong", vars: { max: REGISTER_LIMITS.descriptionMax, n: d } };
  if (len(v.address) > REGISTER_LIMITS.address)
    p.address = { key: "val.tooLong", vars: { max: REGISTER_LIMITS.address, n: len(v.address) } };
  if (!v.anonymous) {
    if (len(v.contactName) > REGISTER_LIMITS.contactName)
      p.contactName = {
        key: "val.tooLong",
        vars: { max: REGISTER_LIMITS.contactName, n: len(v.contactName) },
      };
    if (v.contactPhone.trim() && !isPlausiblePhone(v.contactPhone))
      p.contactPhone = { key: "val.phone" };
  }
  return p;
}

/** The API body: trimmed text, empty optional fields left out, no contact if anonymous. */
export function toRegistration(v: RegisterValues): SubmissionBody {
  const body: SubmissionBody = {
    channel: v.channel as Channel,
    villageId: v.villageId,
    categoryCode: v.categoryCode,
    description: v.description.trim(),
    anonymous: v.anonymous,
  };
  const opt = (s: string) => s.trim() || undefined;
  const groupId = opt(v.groupId);
  if (groupId) body.groupId = groupId;
  const title = opt(v.title);
  if (title) body.title = title;
  const address = opt(v.address);
  if (address) body.address = address;
  if (!v.anonymous) {
    const name = opt(v.contactName);
    if (name) body.contactName = name;
    const phone = opt(v.contactPhone);
    if (phone) body.contactPhone = phone;
  }
  return body;
}

/** Idempotency keys the API accepts: 8–128 of [A-Za-z0-9_-]. */
export function isIdempotencyKey(value: string): boolean {
  return /^[A-Za-z0-9_-]{8,128}$/.test(value);
}
