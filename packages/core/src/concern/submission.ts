import * as z from "zod";
import { CategoryCode, DirectoryId } from "../directory/schema.js";
import { GeoLocation, MediaUrl } from "./location-media.js";

/** Trim, and treat an empty field from a form as absent. */
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || undefined : v),
    z.string().max(max).optional(),
  );

/** Mainland mobiles (1xx xxxx xxxx) and landlines (0xxx-xxxxxxx), spaces and dashes allowed. */
const PHONE = /^(?:\+?86)?(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** What a resident submits: the body of `POST /api/concerns`. */
export const ConcernSubmission = z
  .object({
    villageId: DirectoryId,
    groupId: z.preprocess((v) => (v === "" ? undefined : v), DirectoryId.optional()),
    categoryCode: CategoryCode,
    title: optionalText(100),
    description: z.string().trim().min(10).max(4000),
    address: optionalText(200),
    contactName: optionalText(50),
    contactPhone: z.preprocess(
      (v) => (typeof v === "string" ? v.replace(/[\s-]/g, "") || undefined : v),
      z.string().regex(PHONE).optional(),
    ),
    anonymous: z.boolean().default(false),
    /** From other systems (Open311 `lat`/`long`); the portal's form does not ask for it. */
    location: GeoLocation.optional(),
    /** From other systems (Open311 `media_url`): http(s) only, stored as parsed. */
    mediaUrl: z.preprocess(
      (v) => (typeof v === "string" ? v.trim() || undefined : v),
      MediaUrl.optional(),
    ),
  })
  .strict();
export type ConcernSubmission = z.infer<typeof ConcernSubmission>;

/** A resident's added information: the body of `POST /api/concerns/{ledgerNo}/messages`. */
export const ResidentMessage = z.object({ text: z.string().trim().min(1).max(2000) }).strict();
export type ResidentMessage = z.infer<typeof ResidentMessage>;

/** How a concern reached the ledger. Field-work channels come with the field logs. */
export const Channel = z.enum([
  "online",
  "phone",
  "in_person",
  "visit",
  "symposium",
  "talk",
  "office_hours",
  "open311",
]);
export type Channel = z.infer<typeof Channel>;
