import type { PublicDirectory as Directory } from "@lianxin/contract";
import { describe, expect, it } from "vitest";
import {
  EMPTY_CONCERN,
  isIdempotencyKey,
  placeBody,
  placeFromPosition,
  readConcernForm,
  takePlaceErrors,
  toSubmission,
  validateConcern,
  validateMessageText,
} from "./concern-form";

const directory: Directory = {
  villages: [
    {
      id: "meijing",
      name: "梅泾村",
      kind: "village",
      groups: [{ id: "meijing-03", name: "第三村民小组" }],
      contactLeader: { name: "王某", title: "镇党委副书记" },
    },
    {
      id: "yaxi",
      name: "雅西社区",
      kind: "community",
      groups: [],
      contactLeader: { name: "李某", title: "副镇长" },
    },
  ],
  categories: [
    {
      code: "environment",
      name: "环境卫生",
      description: "",
      limits: {
        signFor: { amount: 1, unit: "working_days" },
        respond: { amount: 1, unit: "working_days" },
        answer: { amount: 7, unit: "days" },
      },
    },
  ],
};

const good = {
  ...EMPTY_CONCERN,
  villageId: "meijing",
  groupId: "meijing-03",
  categoryCode: "environment",
  description: "倪巷浜河水发黑发臭，夏天尤其严重。",
};

function form(entries: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
}

describe("readConcernForm", () => {
  it("reads posted fields and the checkbox", () => {
    const v = readConcernForm(
      form({ villageId: " meijing ", description: " text ", anonymous: "on" }),
    );
    expect(v).toEqual({
      ...EMPTY_CONCERN,
      villageId: "meijing",
      description: " text ",
      anonymous: true,
    });
    expect(readConcernForm(form({})).anonymous).toBe(false);
    expect(readConcernForm(form({ smsOptOut: "on" })).smsOptOut).toBe(true);
    expect(readConcernForm(form({})).smsOptOut).toBe(false);
  });
});

describe("validateConcern", () => {
  it("accepts a good submission", () => {
    expect(validateConcern(good, directory)).toEqual({});
  });
  it("requires village, category and description", () => {
    expect(validateConcern(EMPTY_CONCERN, directory)).toEqual({
      villageId: { key: "val.villageRequired" },
      categoryCode: { key: "val.categoryRequired" },
      description: { key: "val.descriptionRequired" },
    });
  });
  it("checks ids against the directory when it has one", () => {
    expect(
      validateConcern({ ...good, villageId: "nowhere", groupId: "" }, directory).villageId?.key,
    ).toBe("val.villageUnknown");
    expect(validateConcern({ ...good, groupId: "other-01" }, directory).groupId?.key).toBe(
      "val.groupMismatch",
    );
    expect(validateConcern({ ...good, categoryCode: "x" }, directory).categoryCode?.key).toBe(
      "val.categoryUnknown",
    );
    expect(
      validateConcern({ ...good, villageId: "nowhere", groupId: "", categoryCode: "x" }, null),
    ).toEqual({});
  });
  it("counts description length after trimming", () => {
    expect(
      validateConcern({ ...good, description: "   短短短短短短短短短   " }).description,
    ).toEqual({
      key: "val.descriptionTooShort",
      vars: { min: 10, n: 9 },
    });
    expect(validateConcern({ ...good, description: "字".repeat(10) }).description).toBeUndefined();
    expect(
      validateConcern({ ...good, description: "字".repeat(4000) }).description,
    ).toBeUndefined();
    expect(validateConcern({ ...good, description: "字".repeat(4001) }).description?.key).toBe(
      "val.descriptionTooLong",
    );
  });
  it("limits the optional fields", () => {
    const p = validateConcern({
      ...good,
      title: "题".repeat(101),
      address: "址".repeat(201),
      contactName: "名".repeat(51),
      contactPhone: "12345",
    });
    expect(Object.keys(p).sort()).toEqual(["address", "contactName", "contactPhone", "title"]);
  });
  it("ignores contact details when anonymous", () => {
    expect(
      validateConcern({
        ...good,
        anonymous: true,
        contactName: "名".repeat(51),
        contactPhone: "x",
      }),
    ).toEqual({});
  });
});

describe("toSubmission", () => {
  it("trims and leaves out empty optional fields", () => {
    expect(
      toSubmission({ ...good, groupId: "", title: "  ", description: "  倪巷浜河水发黑发臭。 " }),
    ).toEqual({
      villageId: "meijing",
      categoryCode: "environment",
      description: "倪巷浜河水发黑发臭。",
      anonymous: false,
    });
  });
  it("keeps contact details, unless anonymous", () => {
    const v = {
      ...good,
      contactName: " 张三 ",
      contactPhone: "13812345678",
      address: "倪巷 12 号",
    };
    expect(toSubmission(v)).toMatchObject({
      contactName: "张三",
      contactPhone: "13812345678",
      address: "倪巷 12 号",
      groupId: "meijing-03",
    });
    const anon = toSubmission({ ...v, anonymous: true });
    expect(anon.anonymous).toBe(true);
    expect(anon).not.toHaveProperty("contactName");
    expect(anon).not.toHaveProperty("contactPhone");
  });
  it("sends 不接收短信通知 only when ticked with a phone given", () => {
    const v = { ...good, contactPhone: "13812345678" };
    expect(toSubmission(v)).not.toHaveProperty("smsOptOut");
    expect(toSubmission({ ...v, smsOptOut: true }).smsOptOut).toBe(true);
    expect(toSubmission({ ...v, smsOptOut: true, anonymous: true })).not.toHaveProperty(
      "smsOptOut",
    );
    expect(toSubmission({ ...good, smsOptOut: true })).not.toHaveProperty("smsOptOut");
  });
});

describe("small checks", () => {
  it("validates idempotency keys like the API", () => {
    expect(isIdempotencyKey(crypto.randomUUID())).toBe(true);
    expect(isIdempotencyKey("short")).toBe(false);
    expect(isIdempotencyKey("has space in it")).toBe(false);
  });
  it("validates message text", () => {
    expect(validateMessageText("  ")?.key).toBe("val.textRequired");
    expect(validateMessageText("好")).toBeUndefined();
    expect(validateMessageText("字".repeat(2001))?.key).toBe("val.textTooLong");
  });
});

describe("the place (使用我的位置)", () => {
  const hidden = {
    placeLat: "31.6556000",
    placeLong: "120.1873000",
    placeAccuracy: "25",
    placeDatum: "wgs84",
    placeSource: "browser",
  };
  const base = {
    villageId: "meijing",
    categoryCode: "roads",
    description: "路灯坏了一个多月，晚上很黑。",
  };

  it("is read from the hidden inputs and sent as the API's place", () => {
    const v = readConcernForm(new URLSearchParams({ ...base, ...hidden }));
    expect(v.place).toEqual({
      lat: "31.6556000",
      long: "120.1873000",
      accuracyM: "25",
      datum: "wgs84",
      source: "browser",
    });
    expect(toSubmission(v).place).toEqual({
      lat: 31.6556,
      long: 120.1873,
      accuracyM: 25,
      datum: "wgs84",
      source: "browser",
    });
    expect(readConcernForm(new URLSearchParams(base)).place).toBeNull();
    expect(toSubmission(readConcernForm(new URLSearchParams(base)))).not.toHaveProperty("place");
  });

  it("is left out when the hidden inputs are not a point", () => {
    for (const bad of [
      { placeLat: "31.6e1" },
      { placeLong: "east" },
      { placeAccuracy: "" },
      { placeDatum: "bd09" },
      { placeSource: "ip" },
    ]) {
      const v = readConcernForm(new URLSearchParams({ ...base, ...hidden, ...bad }));
      expect(placeBody(v.place), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it("comes from the browser's position as WGS84 (the spec's datum)", () => {
    expect(
      placeFromPosition({ latitude: 31.65561234567, longitude: 120.2, accuracy: 12.34 }),
    ).toEqual({
      lat: "31.6556123",
      long: "120.2000000",
      accuracyM: "12.3",
      datum: "wgs84",
      source: "browser",
    });
  });

  it("takes the API's words about the place out for the place, leaving the rest", () => {
    const taken = takePlaceErrors({
      ok: false,
      kind: "http",
      status: 400,
      retryAfter: null,
      error: {
        code: "validation_failed",
        message: "x",
        fields: { "place.accuracyM": "精度太差", description: "太短" },
      },
    });
    expect(taken.placeError).toBe("精度太差");
    expect(taken.failure.kind === "http" && taken.failure.error?.fields).toEqual({
      description: "太短",
    });
    const network = { ok: false as const, kind: "network" as const, reason: "down" };
    expect(takePlaceErrors(network)).toEqual({ failure: network, placeError: null });
  });
});
