import {
  accessCodeFromBytes,
  ConcernSubmission,
  DomainError,
  ledgerYear,
  metricDeltas,
  registerConcern,
  requestFingerprint,
  resolveSubmissionReferences,
  routeConcern,
  type StaffUser,
  type SubmissionReceipt,
} from "@lianxin/core";
import { STAFF_CHANNELS } from "@lianxin/core/vocabulary";
import * as z from "zod/mini";
import type { Deps } from "../../deps.js";
import { currentCalendar } from "../calendar/calendar.js";
import { currentDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";
import { enforceRateLimit } from "./rate-limit.js";

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

/** What staff register: a submission plus how it reached them. */
const StaffRegistration = z.extend(ConcernSubmission, {
  channel: z.enum(STAFF_CHANNELS),
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
  const { channel, ...fields } = request.staff
    ? parseInput(StaffRegistration, request.body)
    : {
        channel: request.channel ?? ("online" as const),
        ...parseInput(ConcernSubmission, request.body),
      };
  const input = fields as ConcernSubmission;
  const fingerprint = requestFingerprint({ channel, ...input });
  const now = deps.now();

  const replay = async () => {
    const record = await deps.store.getIdempotencyRecord(key, now);
    if (!record) return null;
    if (record.fingerprint !== fingerprint) throw new DomainError("idempotency_conflict");
    return { receipt: record.receipt, replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  // Every check on the input comes before the rate limit, so that a refused submission
  // writes nothing, not even a count against the resident's hourly allowance.
  const index = await currentDirectory(deps);
  const { village, category } = resolveSubmissionReferences(index, input);

  // Staff registering what residents told them are not limited like the open internet.
  if (!request.staff) {
    await enforceRateLimit(
      deps,
      { scope: "submit", limit: deps.limits.submissionsPerHour, windowSeconds: 3600 },
      request.clientAddress,
      now,
    );
  }

  const routing = routeConcern(index, village, category, input.groupId ?? null);
  const accessCode = accessCodeFromBytes(deps.randomBytes(10));
  const calendar = await currentCalendar(deps);

  const outcome = await deps.store.registerConcernWithNextLedgerNumber({
    year: ledgerYear(now),
    idempotency: { key, fingerprint },
    now,
    build: (ledgerNo) => {
      const registered = registerConcern({
        input,
        channel,
        ...(request.staff
          ? { registeredBy: { id: request.staff.user.id, name: request.staff.user.name } }
          : {}),
        routing,
        limits: category.limits,
        calendar,
        ledgerNo,
        accessCode,
        now,
        newEventId: deps.newId,
      });
      return { ...registered, counters: metricDeltas(null, registered.concern) };
    },
  });
  if (outcome.kind === "created") return { receipt: outcome.result.receipt, replayed: false };
  // A concurrent request with the same key won the race: answer as it did.
  const winner = await replay();
  if (!winner) throw new DomainError("conflict", { detail: "idempotency record vanished" });
  return winner;
}
