import * as z from "zod/mini";
import { plainText } from "../text/hygiene.js";
import { FieldWorkKind } from "./schema.js";

const LocalDate = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/));

/** `POST /api/staff/field-logs`: the author is whoever is signed in. */
export const FieldLogInput = z.strictObject({
  date: LocalDate,
  villageId: z.string().check(z.minLength(1), z.maxLength(64)),
  groupId: z.pipe(
    z.transform((v) => (v === "" || v === undefined ? null : v)),
    z.nullable(z.string().check(z.minLength(1), z.maxLength(64))),
  ),
  kind: FieldWorkKind,
  peopleReached: z.number().check(z.int(), z.gte(0), z.lte(10_000)),
  enterprises: z._default(z.number().check(z.int(), z.gte(0), z.lte(1_000)), 0),
  peopleConsulted: z._default(z.number().check(z.int(), z.gte(0), z.lte(10_000)), 0),
  notes: z._default(plainText(4000), ""),
  serviceDayId: z._default(z.nullable(z.string().check(z.minLength(1), z.maxLength(64))), null),
  /** Submission bodies (ConcernSubmission without the need to repeat the village). */
  concerns: z._default(z.array(z.record(z.string(), z.unknown())).check(z.maxLength(20)), []),
});
export type FieldLogInput = z.infer<typeof FieldLogInput>;
/** The body `POST /api/staff/field-logs` takes. */
export type FieldLogBody = z.input<typeof FieldLogInput>;
