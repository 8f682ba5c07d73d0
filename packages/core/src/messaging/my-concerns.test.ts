import { describe, expect, it } from "vitest";
import { registerConcern } from "../intake/register-concern.js";
import { routeConcern } from "../routing/route-concern.js";
import { index } from "../testing/random-histories.js";
import { officialCalendar } from "../time/working-calendar.js";
import {
  isResidentSessionToken,
  myConcernItem,
  myConcernsSince,
  residentIndexKey,
  residentSessionId,
  sessionMayOpen,
} from "./my-concerns.js";
import { residentPhoneKey } from "./resident-phone.js";

const village = index.village("meijing");
const category = index.category("environment");
if (!village || !category) throw new Error("demo directory");
let ids = 0;

function concernWith(
  contact: { phone?: string; anonymous?: boolean },
  at = "2026-03-02T02:00:00Z",
) {
  return registerConcern({
    input: {
      villageId: "meijing",
      categoryCode: "environment",
      description: "倪巷浜河水发黑发臭，希望尽快治理",
      contactName: "张三",
      anonymous: contact.anonymous ?? false,
      ...(contact.phone ? { contactPhone: contact.phone } : {}),
    },
    routing: routeConcern(index, village as never, category as never, null),
    limits: category?.limits as never,
    calendar: officialCalendar,
    ledgerNo: "LS-2026-000123",
    accessCode: "7KQ2M9X4PA",
    now: new Date(at),
    newEventId: () => `e-${++ids}`,
  }).concern;
}

describe("我的诉求", () => {
  const key = "resident-key";

  it("lists a named concern under its mobile however it was written, never a landline", () => {
    const mine = residentPhoneKey("13800138000", key);
    expect(residentIndexKey(concernWith({ phone: "+86 138-0013-8000" }), key)).toBe(mine);
    expect(residentIndexKey(concernWith({ phone: "13800138000" }), key)).toBe(mine);
    expect(residentIndexKey(concernWith({ phone: "0510-83301234" }), key)).toBeNull();
    expect(residentIndexKey(concernWith({}), key)).toBeNull();
    expect(residentIndexKey(concernWith({ phone: "13800138000", anonymous: true }), key)).toBe(
      null,
    );
    expect(residentIndexKey(concernWith({ phone: "13800138000" }), "other")).not.toBe(mine);
  });

  it("opens only the session phone's own concerns of the last two years", () => {
    const concern = concernWith({ phone: "13800138000" }, "2025-01-10T02:00:00Z");
    const mine = residentPhoneKey("13800138000", key);
    const theirs = residentPhoneKey("13900139000", key);
    expect(sessionMayOpen(concern, mine, key, new Date("2026-12-06T00:00:00Z"))).toBe(true);
    expect(sessionMayOpen(concern, theirs, key, new Date("2026-12-06T00:00:00Z"))).toBe(false);
    expect(sessionMayOpen(concern, mine, key, new Date("2027-01-11T00:00:00Z"))).toBe(false);
    expect(myConcernsSince(new Date("2026-12-06T00:00:00Z"))).toBe("2024-12-06T00:00:00.000Z");
  });

  it("keeps only a hash of a session token, and refuses other shapes before any read", () => {
    const token = Buffer.alloc(32, 7).toString("base64url");
    expect(isResidentSessionToken(token)).toBe(true);
    expect(isResidentSessionToken(`${token}x`)).toBe(false);
    expect(isResidentSessionToken(undefined)).toBe(false);
    expect(residentSessionId(token)).not.toContain(token);
    expect(residentSessionId(token)).toBe(residentSessionId(token));
  });

  it("shows a new concern's status and no contact data", () => {
    const item = myConcernItem(concernWith({ phone: "13800138000" }), new Date());
    expect(item).toMatchObject({ ledgerNo: "LS-2026-000123", status: "assigned" });
    expect(item.awaitingRating).toBe(false);
    expect(JSON.stringify(item)).not.toContain("13800138000");
    expect(JSON.stringify(item)).not.toContain("张三");
  });
});
