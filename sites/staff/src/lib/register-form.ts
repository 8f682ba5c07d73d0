// Staff registration of a concern that came by phone, in person or during a visit: the
// residents' submission fields plus the channel. Reading, validation and the API body. Pure.
// The residents' fields are read, checked and sent as site-kit does for the public form; here
// are the channel, this site's words for the problems and its phone check.

import { STAFF_CHANNELS, type StaffChannel, type StaffRegistrationBody } from "@lianxin/contract";
import {
  CONCERN_FIELDS,
  CONCERN_LIMITS,
  type ConcernProblemWords,
  type ConcernValues,
  checkConcernValues,
  type DirectoryIds,
  EMPTY_CONCERN_VALUES,
  type FormLike,
  formFlag,
  formText,
  isIdempotencyKey,
  readConcernValues,
  toConcernBody,
  wordProblems,
} from "@lianxin/site-kit/concern-form";
import type { MessageKey } from "../i18n/messages";
import type { Problem } from "./actions";

export { isIdempotencyKey };

export const REGISTER_LIMITS = CONCERN_LIMITS;

export const REGISTER_FIELDS = ["channel", ...CONCERN_FIELDS] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];

export interface RegisterValues extends ConcernValues {
  channel: string;
  /** 已告知群众将收到短信通知: without it no SMS goes to a resident who never asked online. */
  residentToldOfSms: boolean;
}

export const EMPTY_REGISTER: RegisterValues = {
  channel: "phone",
  ...EMPTY_CONCERN_VALUES,
  residentToldOfSms: false,
};

export function readRegisterForm(form: FormLike): RegisterValues {
  return {
    channel: formText(form, "channel").trim(),
    ...readConcernValues(form),
    residentToldOfSms: formFlag(form, "residentToldOfSms"),
  };
}

const WORDS: ConcernProblemWords<MessageKey> = {
  villageId: { required: "val.choose", unknown: "val.choose" },
  groupId: { mismatch: "val.groupMismatch" },
  categoryCode: { required: "val.choose", unknown: "val.choose" },
  title: { tooLong: "val.tooLong" },
  description: { required: "val.required", tooShort: "val.tooShort", tooLong: "val.tooLong" },
  address: { tooLong: "val.tooLong" },
  contactName: { tooLong: "val.tooLong" },
  contactPhone: { invalid: "val.phone" },
  anonymous: {},
};

export function validateRegister(
  v: RegisterValues,
  directory: DirectoryIds | null,
): Partial<Record<RegisterField, Problem>> {
  const p: Partial<Record<RegisterField, Problem>> = {};
  if (!(STAFF_CHANNELS as readonly string[]).includes(v.channel)) p.channel = { key: "val.choose" };
  return { ...p, ...wordProblems(WORDS, checkConcernValues(v, directory)) };
}

/** The API body: trimmed text, empty optional fields left out, no contact if anonymous. */
export function toRegistration(v: RegisterValues): StaffRegistrationBody {
  const body: StaffRegistrationBody = { channel: v.channel as StaffChannel, ...toConcernBody(v) };
  if (v.residentToldOfSms) body.residentToldOfSms = true;
  return body;
}
