import {
  accessCodeFromBytes,
  type Concern,
  ConcernSubmission,
  claimProblem,
  DomainError,
  formKeyHash,
  ledgerYear,
  metricDeltas,
  placeOfSubmission,
  registerConcern,
  requestFingerprint,
  residentIndexKey,
  resolveSubmissionReferences,
  routeConcern,
  type StaffUser,
  type SubmissionReceipt,
  watchEntriesOf,
} from "@lianxin/core";
import { STAFF_CHANNELS } from "@lianxin/core/vocabulary";
import type { IdempotencyRecord } from "@lianxin/store";
import * as z from "zod/mini";
import type { Deps } from "../../deps.js";
import { currentCalendar } from "../calendar/calendar.js";
import { currentDirectory } from "../directory/current-directory.js";
import { attachClaimedUploads } from "../files/attach-upload.js";
import { residentSmsItems, urgentAlertItems } from "../messaging/resident-sms.js";
import { parseInput } from "../parse.js";

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

/** What staff register: a submission plus how it reached them. */
const StaffRegistration = z.extend(ConcernSubmission, {
  channel: z.enum(STAFF_CHANNELS),
  /** Staff told the resident that SMS updates will come (they are sent only then). */
  residentToldOfSms: z.optional(z.boolean()),
});

/**
 * 登记: put a resident's concern on the ledger, routed, with its deadlines. A retry with
 * the same Idempotency-Key and body gets the first answer back; nothing is created twice.
 */
export async function submitConcern(
  deps: Deps,
  request: {
    idempotencyKey: string | undefined;
    body: unknown;
    clientAddress: string;
    /** Staff registering a concern received by phone, in person or on a visit. */
    staff?: { user: StaffUser };
    /** Another system filing through Open311 (not with `staff`); default "online". */
    channel?: "open311";
  },
): Promise<{ receipt: SubmissionReceipt; replayed: boolean }> {
  const key = request.idempotencyKey?.trim();
  if (!key || !IDEMPOTENCY_KEY.test(key)) throw new DomainError("missing_idempotency_key");
  const { channel, residentToldOfSms, ...fields } = request.staff
    ? parseInput(StaffRegistration, request.body)
    : {
        channel: request.channel ?? ("online" as const),
        residentToldOfSms: false,
        ...parseInput(ConcernSubmission, request.body),
      };
  const input = fields as ConcernSubmission;
  const fingerprint = requestFingerprint({ channel, ...input });
  const now = deps.now();

  // The open internet is limited per address; staff registering what residents told them
  // are not.
  const rateLimit = request.staff
    ? undefined
    : {
        rule: { scope: "submit", limit: deps.limits.submissionsPerHour, windowSeconds: 3600 },
        subject: request.clientAddress,
      };
  // Request 1 of 3: an earlier answer under this key, and room in the submitter's window.
  const gate = await deps.store.readSubmissionGate({
    key,
    now,
    ...(rateLimit ? { rate: rateLimit } : {}),
    ...(input.photos?.length ? { uploads: input.photos } : {}),
  });
  const earlier = answerOf(gate.record, fingerprint);
  if (earlier) return earlier;

  // Every check on the input comes before the rate limit, so that a refused submission
  // writes nothing, not even a count against the resident's hourly allowance. The directory
  // and calendar come from the process cache (no request when warm).
  const place = receivedPlace(deps, input);
  const index = await currentDirectory(deps);
  const { village, category } = resolveSubmissionReferences(index, input);
  const formHash = formKeyHash(key);
  const photoProblem = gate.uploads.findIndex((u) => claimProblem(u, formHash, now) !== null);
  if (photoProblem >= 0) throw unavailablePhoto(photoProblem + 1);
  if (gate.rate && !gate.rate.allowed) {
    throw new DomainError("rate_limited", { retryAfterSeconds: gate.rate.retryAfterSeconds });
  }
  const routing = routeConcern(index, village, category, input.groupId ?? null);
  const accessCode = accessCodeFromBytes(deps.randomBytes(10));
  const calendar = await currentCalendar(deps);

  // Requests 2 and 3: reserve the number, write the concern (store README, AP-C1).
  const outcome = await deps.store.registerConcernWithNextLedgerNumber({
    year: ledgerYear(now),
    idempotency: { key, fingerprint },
    now,
    ...(rateLimit ? { rateLimit } : {}),
    build: (ledgerNo) => {
      const registered = registerConcern({
        input,
        channel,
        ...(request.staff
          ? { registeredBy: { id: request.staff.user.id, name: request.staff.user.name } }
          : {}),
        routing,
        ...(place ? { place } : {}),
        residentToldOfSms: residentToldOfSms ?? false,
        limits: category.limits,
        calendar,
        ledgerNo,
        accessCode,
        now,
        newEventId: deps.newId,
      });
      return {
        ...registered,
        counters: metricDeltas(null, registered.concern),
        // Its arrival in the department's shared inbox and the contact leader's, the
        // resident's receipt SMS and (urgent category) the head's alert: all in the concern's
        // own transaction.
        extraPuts: [
          ...registered.notifications.map((n) => deps.store.items.outbox(n)),
          ...residentSmsItems(deps, [registered], accessCode),
          ...urgentAlertItems(deps, [registered], index),
          // Listed in "我的诉求" under the keyed hash of the resident's mobile.
          ...residentIndexItems(deps, registered.concern),
          // A conduct complaint goes on the inspectors' watch list (AP-W0).
          ...watchEntriesOf(null, registered.concern, registered.concern.createdAt).map((e) =>
            deps.store.items.watch(e),
          ),
        ],
        // The form's photos, claimed in the same transaction: a photo is on the concern or
        // the concern is not written.
        ...(input.photos?.length
          ? { claimUploads: { uploadIds: input.photos, formKeyHash: formHash } }
          : {}),
      };
    },
  });
  if (outcome.kind === "created") {
    if (input.photos?.length) await attachClaimedUploads(deps, input.photos);
    if (outcome.result.concern.smsUpdates || category.urgent) await deps.smsSender.kick();
    return { receipt: outcome.result.receipt, replayed: false };
  }
  if (outcome.kind === "rate_limited") {
    throw new DomainError("rate_limited", { retryAfterSeconds: outcome.retryAfterSeconds });
  }
  if (outcome.kind === "upload_unavailable") {
    throw unavailablePhoto((input.photos ?? []).indexOf(outcome.uploadId) + 1);
  }
  // A concurrent request with the same key won the race: answer as it did.
  const winner = answerOf(await deps.store.getIdempotencyRecord(key, now), fingerprint);
  if (!winner) throw new DomainError("conflict", { detail: "idempotency record vanished" });
  return winner;
}

/**
 * A named photo that could not be claimed: another form's, refused by the processor, or its
 * POST expired before any file came. Nothing was written; the resident removes it and sends.
 */
function unavailablePhoto(n: number) {
  return new DomainError("validation_failed", {
    fields: {
      photos: {
        kind: "invalid",
        message: {
          "zh-CN": `第${n}张照片无法使用（未通过检查、已过期或不属于本次提交），请删除后重新添加`,
          en: `Photo ${n} cannot be used (refused, expired, or not from this form): remove it and add it again`,
        },
      },
    },
  });
}

/** The portal's place (core placeOfSubmission), refused with its field's words before any write. */
function receivedPlace(deps: Deps, input: ConcernSubmission) {
  const received = placeOfSubmission(input, deps.townArea);
  if (!received) return undefined;
  if (!received.ok)
    throw new DomainError("validation_failed", { fields: { place: received.problem } });
  return { location: received.location, locationAsSent: received.locationAsSent };
}

/** The earlier answer under a key, if any; the same key with another body is refused. */
function answerOf(record: IdempotencyRecord | null, fingerprint: string) {
  if (!record) return null;
  if (record.fingerprint !== fingerprint) throw new DomainError("idempotency_conflict");
  return { receipt: record.receipt, replayed: true };
}

/** The item listing a new concern in "我的诉求" (none without a mobile, or anonymous). */
function residentIndexItems(deps: Deps, concern: Concern) {
  const phoneKey = residentIndexKey(concern, deps.residentKey);
  return phoneKey ? [deps.store.items.residentConcern(phoneKey, concern)] : [];
}
