import * as z from "zod/mini";
import { PhoneField } from "../contact/phone-schema.js";
import { CategoryCode, DirectoryId } from "../directory/schema.js";
import { AttachedUploads } from "../files/attachments.js";
import { freeText, optionalFreeText } from "../text/hygiene.js";
import { CHANNELS, CONCERN_FIELD_LIMITS as LIMITS } from "../vocabulary.js";
import { GeoLocation, MediaUrl } from "./location-media.js";
import { PlaceInput } from "./place.js";

/** Trim, and treat an empty field from a form (or one that shows nothing) as absent. */
const optionalText = optionalFreeText;

/** What a resident submits: the body of `POST /api/concerns`. */
export const ConcernSubmission = z.strictObject({
  villageId: DirectoryId,
  groupId: z.pipe(
    z.transform((v) => (v === "" ? undefined : v)),
    z.optional(DirectoryId),
  ),
  categoryCode: CategoryCode,
  title: optionalText(LIMITS.title),
  description: freeText(LIMITS.description, LIMITS.descriptionMin),
  address: optionalText(LIMITS.address),
  contactName: optionalText(LIMITS.contactName),
  contactPhone: PhoneField,
  anonymous: z._default(z.boolean(), false),
  /** 不接收短信通知: the resident declines the SMS messages a mobile number otherwise gets. */
  smsOptOut: z.optional(z.boolean()),
  /** From other systems (Open311 `lat`/`long`); the portal's form does not ask for it. */
  location: z.optional(GeoLocation),
  /**
   * The portal's "使用我的位置": a point with its datum and accuracy, converted to WGS84
   * into the concern's `location` on receipt and kept as sent (concern/place.ts). Checked
   * against the town's area by the API; not with `location`.
   */
  place: z.optional(PlaceInput),
  /**
   * Photos the form uploaded while the resident typed (issue 15): their upload ids, at most
   * 3, claimed in the submission's own transaction (only uploads made under the same
   * Idempotency-Key can be).
   */
  photos: z.optional(AttachedUploads),
  /** From other systems (Open311 `media_url`): http(s) only, stored as parsed. */
  mediaUrl: z.pipe(
    z.transform((v) => (typeof v === "string" ? v.trim() || undefined : v)),
    z.optional(MediaUrl),
  ),
});
export type ConcernSubmission = z.infer<typeof ConcernSubmission>;

/** A resident's added information: the body of `POST /api/concerns/{ledgerNo}/messages`. */
export const ResidentMessage = z.strictObject({
  text: freeText(LIMITS.message),
});
export type ResidentMessage = z.infer<typeof ResidentMessage>;

/** How a concern reached the ledger. Field-work channels come with the field logs. */
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;
