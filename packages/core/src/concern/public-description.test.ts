import { describe, expect, it } from "vitest";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { indexDirectory } from "../directory/lookup.js";
import { DomainError } from "../errors.js";
import { registerConcern } from "../intake/register-concern.js";
import { toOpen311Request } from "../open311/georeport.js";
import { routeConcern } from "../routing/route-concern.js";
import type { StaffUser } from "../staff/schema.js";
import { officialCalendar } from "../time/working-calendar.js";
import type { Concern, ConcernEvent } from "./concern.js";
import { PublicDescriptionRequest, publishDescription } from "./public-description.js";
import { toResidentView } from "./resident-view.js";

const index = indexDirectory(buildDemoDirectory());
const t0 = new Date("2026-11-27T02:00:00Z");
let ids = 0;
const newEventId = () => `e${++ids}`;
const admin: StaffUser = {
  id: "a1",
  username: "admin",
  name: "党政办甲",
  role: "admin",
  departmentId: "office",
  villageIds: [],
};

function filed(description: string, categoryCode = "environment") {
  const category = index.category(categoryCode);
  const village = index.village("meijing");
  if (!category || !village) throw new Error("fixture missing");
  return registerConcern({
    input: {
      villageId: "meijing",
      categoryCode,
      description,
      contactName: "陈小兰",
      contactPhone: "13912345678",
      anonymous: false,
    },
    routing: routeConcern(index, village, category, null),
    limits: category.limits,
    calendar: officialCalendar,
    ledgerNo: "LS-2026-000001",
    accessCode: "7KQ2M9X4PA",
    now: t0,
    newEventId,
  });
}

const ctx = { user: admin, now: new Date("2026-11-28T02:00:00Z"), newEventId, index };
const publish = (concern: Concern, events: ConcernEvent[], body: Record<string, unknown> = {}) =>
  publishDescription(
    concern,
    events,
    PublicDescriptionRequest.parse({ expectedVersion: concern.version, ...body }),
    ctx,
  );

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("not refused");
}

describe("publishing a description before the notice", () => {
  it("clears the description, records who and what, and Open311 then serves it", () => {
    const { concern, events } = filed("倪巷浜河水发臭，陈小兰家门口最严重，电话13912345678");
    expect(toOpen311Request(concern, index, "zh-CN", { extensions: false }).description).toBe(null);
    const out = publish(concern, events);
    expect(out.concern).toMatchObject({
      publicDescription: "倪巷浜河水发臭，陈某家门口最严重，电话139****5678",
      version: concern.version + 1,
      updatedAt: ctx.now.toISOString(),
    });
    expect(out.event).toMatchObject({
      type: "description_published",
      seq: concern.version + 1,
      actor: { kind: "staff", id: "a1", name: "党政办甲" },
      public: true,
      text: "倪巷浜河水发臭，陈某家门口最严重，电话139****5678",
      data: { review: { mask: [], keep: [] }, masked: 2, edited: false },
    });
    expect(toOpen311Request(out.concern, index, "zh-CN", { extensions: false })).toMatchObject({
      description: "倪巷浜河水发臭，陈某家门口最严重，电话139****5678",
    });
    // The resident reads that it is public, and how.
    const view = toResidentView(out.concern, [...events, out.event], index, "zh-CN", ctx.now);
    expect(view.timeline.at(-1)).toEqual({
      at: ctx.now.toISOString(),
      type: "description_published",
      text: "倪巷浜河水发臭，陈某家门口最严重，电话139****5678",
    });
  });

  it("refuses while a span is undecided, with the highlights; decisions then clear it", () => {
    const { concern, events } = filed("请拨打83456789了解倪巷浜治理进度");
    const error = refusal(() => publish(concern, events));
    expect(error.code).toBe("review_required");
    expect(error.details).toEqual({
      texts: { text: "请拨打83456789了解倪巷浜治理进度" },
      highlights: { text: [{ start: 3, end: 11, kind: "phone", text: "83456789" }] },
    });
    const masked = publish(concern, events, { review: { mask: ["83456789"] } });
    expect(masked.concern.publicDescription).toBe("请拨打********了解倪巷浜治理进度");
    expect(masked.event.data).toMatchObject({ review: { mask: ["83456789"], keep: [] } });
    const kept = publish(concern, events, { review: { keep: ["83456789"] } });
    expect(kept.concern.publicDescription).toBe("请拨打83456789了解倪巷浜治理进度");
  });

  it("takes admin's own text instead, masked with the same names", () => {
    const { concern, events } = filed("倪巷浜河水发臭，陈小兰家门口最严重");
    const out = publish(concern, events, { text: "  倪巷浜河水发臭（陈小兰反映）  " });
    expect(out.concern.publicDescription).toBe("倪巷浜河水发臭（陈某反映）");
    expect(out.event.data).toMatchObject({ edited: true });
  });

  it("refuses a stale version, a conduct complaint, and a concern whose notice is out", () => {
    const { concern, events } = filed("倪巷浜河水发臭，希望尽快治理");
    expect(
      refusal(() =>
        publishDescription(concern, events, { expectedVersion: concern.version - 1 }, ctx),
      ).code,
    ).toBe("conflict");
    const conduct = filed("村干部办事拖拉，多次找他都推说没空", "cadre_conduct");
    expect(refusal(() => publish(conduct.concern, conduct.events)).code).toBe("invalid_transition");
    const notice = {
      ...(events.at(-1) as ConcernEvent),
      seq: concern.version + 1,
      type: "notice_published" as const,
    };
    const after = { ...concern, version: notice.seq, publicDescription: "倪巷浜臭水河" };
    expect(refusal(() => publish(after, [...events, notice])).code).toBe("invalid_transition");
  });

  it("takes only its own fields", () => {
    expect(PublicDescriptionRequest.safeParse({ expectedVersion: 1, extra: 1 }).success).toBe(
      false,
    );
    expect(PublicDescriptionRequest.safeParse({ expectedVersion: 1, text: "  " }).success).toBe(
      false,
    );
    expect(PublicDescriptionRequest.safeParse({ text: "倪巷浜" }).success).toBe(false);
  });
});
