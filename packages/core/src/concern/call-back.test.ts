import { describe, expect, it } from "vitest";
import { registerConcern } from "../intake/register-concern.js";
import { routeConcern } from "../routing/route-concern.js";
import { index } from "../testing/random-histories.js";
import { officialCalendar } from "../time/working-calendar.js";
import { callBackReason } from "./call-back.js";
import type { Concern } from "./concern.js";

const village = index.village("meijing");
const category = index.category("environment");
if (!village || !category) throw new Error("demo directory");
const answeredAt = "2026-12-07T02:00:00.000Z";
const day = (n: number) => new Date(Date.parse(answeredAt) + n * 86_400_000);

function answered(contact: {
  contactPhone?: string;
  anonymous?: boolean;
  smsOptOut?: boolean;
}): Concern {
  const { concern } = registerConcern({
    input: {
      villageId: "meijing",
      categoryCode: "environment",
      description: "河水发黑发臭需要治理",
      anonymous: false,
      ...contact,
    },
    routing: routeConcern(index, village as never, category as never, null),
    limits: category?.limits as never,
    calendar: officialCalendar,
    ledgerNo: "LS-2026-000001",
    accessCode: "7KQ2M9X4PA",
    now: new Date("2026-12-06T02:00:00Z"),
    newEventId: () => "e",
  });
  return { ...concern, status: "answered", answeredAt, outcome: "resolved" };
}

describe("who is called back for a rating (回访)", () => {
  it("a landline, a resident without SMS, and one whose rating link did not arrive", () => {
    expect(callBackReason(answered({ contactPhone: "0510-83312345" }), null, day(1))).toBe(
      "landline",
    );
    expect(
      callBackReason(answered({ contactPhone: "13800138000", smsOptOut: true }), null, day(1)),
    ).toBe("sms_off");
    const bySms = answered({ contactPhone: "13800138000" });
    for (const state of ["dropped", "failed", "unknown"] as const) {
      expect(callBackReason(bySms, state, day(1))).toBe("sms_undelivered");
    }
    for (const state of ["pending", "sending", "sent", null] as const) {
      expect(callBackReason(bySms, state, day(1))).toBeNull();
    }
  });

  it("nobody without a phone, rated, awaiting verification, or past the rating window", () => {
    expect(
      callBackReason(answered({ anonymous: true, contactPhone: "13800138000" }), null, day(1)),
    ).toBeNull();
    expect(callBackReason(answered({}), null, day(1))).toBeNull();
    const landline = answered({ contactPhone: "0510-83312345" });
    expect(callBackReason(landline, null, day(8))).toBeNull();
    expect(callBackReason({ ...landline, awaitingVerification: true }, null, day(1))).toBeNull();
    expect(
      callBackReason(
        { ...landline, rating: { rating: "satisfied", comment: null, at: day(1).toISOString() } },
        null,
        day(1),
      ),
    ).toBeNull();
    expect(callBackReason({ ...landline, status: "in_progress" }, null, day(1))).toBeNull();
  });
});
