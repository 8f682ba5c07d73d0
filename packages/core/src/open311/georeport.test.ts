import { describe, expect, it } from "vitest";
import type { Concern } from "../concern/concern.js";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { indexDirectory } from "../directory/lookup.js";
import { DomainError } from "../errors.js";
import {
  fromOpen311Post,
  matchVillage,
  monthsNewestFirst,
  OPEN311_ITEM_NAMES,
  open311ReadRange,
  open311ServiceDefinition,
  open311Services,
  open311Status,
  open311Window,
  parseW3cDateTime,
  toOpen311Request,
} from "./georeport.js";
import { toXml } from "./xml.js";

const index = indexDirectory(buildDemoDirectory());
const form = (fields: Record<string, string>, attributes: Record<string, string[]> = {}) => ({
  fields,
  attributes,
});

describe("services", () => {
  it("lists every category but conduct complaints", () => {
    const codes = open311Services(index, "zh-CN").map(
      (s) => (s as { service_code: string }).service_code,
    );
    expect(codes).toContain("environment");
    expect(codes).not.toContain("cadre_conduct");
    expect(open311ServiceDefinition(index, "cadre_conduct", "en")).toBeUndefined();
  });
});

describe("a POSTed request as a submission", () => {
  const base = { service_code: "environment", description: "倪巷浜河水发黑发臭，希望治理。" };

  it("takes the village from address_id, attribute[village] or a village named in address_string", () => {
    expect(fromOpen311Post(index, form({ ...base, address_id: "doumen" }))).toMatchObject({
      villageId: "doumen",
    });
    expect(
      fromOpen311Post(index, form({ ...base, lat: "31.5", long: "120.2" }, { village: ["yaxi"] })),
    ).toMatchObject({ villageId: "yaxi", location: { lat: 31.5, long: 120.2 } });
    expect(
      fromOpen311Post(index, form({ ...base, address_string: "倪巷组 18号, 梅泾村" })),
    ).toMatchObject({ villageId: "meijing", groupId: "meijing-01" });
  });

  it("keeps lat/long as the location and media_url as parsed, nothing folded into the address", () => {
    const body = fromOpen311Post(
      index,
      form({
        ...base,
        address_string: "倪巷组, 梅泾村",
        lat: "31.512345",
        long: "120.234567",
        media_url: "https://IMG.example.cn/河道.jpg",
      }),
    );
    expect(body).toMatchObject({
      villageId: "meijing",
      address: "倪巷组, 梅泾村",
      location: { lat: 31.512345, long: 120.234567 },
      mediaUrl: "https://img.example.cn/%E6%B2%B3%E9%81%93.jpg",
    });
    const plain = fromOpen311Post(index, form({ ...base, address_id: "meijing" }));
    expect(plain).not.toHaveProperty("location");
    expect(plain).not.toHaveProperty("mediaUrl");
    expect(plain).not.toHaveProperty("address");
  });

  it("refuses a media_url that is not http(s), with words in both languages", () => {
    for (const media_url of [
      "javascript:alert(1)",
      "data:image/png;base64,iVBORw0KGgo=",
      "file:///etc/passwd",
      "not a link",
      `https://example.com/${"x".repeat(2000)}`,
    ]) {
      try {
        fromOpen311Post(index, form({ ...base, address_id: "meijing", media_url }));
        throw new Error(`accepted ${media_url}`);
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        const fields = (error as DomainError).fields ?? {};
        expect(Object.keys(fields)).toEqual(["media_url"]);
        const problem = fields.media_url;
        expect(problem?.kind).toBe("invalid");
        if (problem?.kind === "invalid") {
          expect(problem.message["zh-CN"]).toMatch(/网址/);
          expect(problem.message.en).toMatch(/URL/);
        }
      }
    }
  });

  it("names the resident family name first in Chinese, given name first otherwise", () => {
    const cn = fromOpen311Post(
      index,
      form({ ...base, address_id: "meijing", first_name: "三", last_name: "张" }),
    );
    expect(cn).toMatchObject({ contactName: "张三", anonymous: false });
    const en = fromOpen311Post(
      index,
      form({ ...base, address_id: "meijing", first_name: "Ann", last_name: "Lee" }),
    );
    expect(en).toMatchObject({ contactName: "Ann Lee" });
    expect(fromOpen311Post(index, form({ ...base, address_id: "meijing" }))).toMatchObject({
      anonymous: true,
    });
  });

  it("refuses coordinates alone, ambiguous or unknown places, unknown attributes", () => {
    const fails = (f: ReturnType<typeof form>) => {
      try {
        fromOpen311Post(index, f);
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        return Object.keys((error as DomainError).fields ?? {});
      }
      throw new Error("accepted");
    };
    expect(fails(form({ ...base, lat: "31.5", long: "120.2" }))).toEqual(["address_id"]);
    expect(fails(form({ ...base, lat: "95", long: "120.2", address_id: "meijing" }))).toEqual([
      "lat",
    ]);
    for (const [lat, long] of [
      ["1e1", "120"],
      ["0x1f", "120"],
      ["31.5", "-181"],
      ["31.5", "Infinity"],
    ] as const) {
      expect(fails(form({ ...base, lat, long, address_id: "meijing" })), `${lat},${long}`).toEqual([
        "lat",
      ]);
    }
    expect(fails(form({ ...base, address_string: "梅泾村和陡门村" }))).toEqual(["address_string"]);
    expect(fails(form({ ...base, address_string: "人民路 5 号" }))).toEqual(["address_string"]);
    expect(fails(form({ ...base, address_id: "meijing" }, { colour: ["red"] }))).toEqual([
      "attribute[colour]",
    ]);
    expect(fails(form({ description: "x", address_id: "meijing" }))).toEqual(["service_code"]);
  });

  it("matches the longer name when one village's name holds another's", () => {
    expect(matchVillage(index, "杨市社区 3 幢")).toMatchObject({
      kind: "one",
      village: { id: "yangshi-community" },
    });
    expect(matchVillage(index, "meijing")).toMatchObject({ kind: "one" });
  });
});

describe("a concern as a service request", () => {
  const concern = {
    ledgerNo: "LS-2026-000001",
    status: "answered",
    flags: { overdue: false, supervised: false, reopened: false },
    channel: "open311",
    villageId: "meijing",
    groupId: "meijing-01",
    categoryCode: "environment",
    title: null,
    description: "张三家门口河水发臭，电话 13800138000。",
    anonymous: false,
    contact: { name: "张三", phone: "13800138000", address: "倪巷组 18号" },
    routing: {
      status: "assigned",
      department: { id: "env-bureau", name: "环保分局" },
      contactLeader: { id: "x", name: "王建国", title: "" },
      groupHolder: null,
      visibility: "standard",
      reasons: [],
    },
    createdAt: "2026-11-01T00:00:00.000Z",
    updatedAt: "2026-11-03T00:00:00.000Z",
    deadlines: {
      signForBy: "2026-11-01T04:00:00.000Z",
      respondBy: "2026-11-02T00:00:00.000Z",
      answerBy: "2026-11-08T00:00:00.000Z",
    },
    committedDate: null,
    closedAt: null,
    outcome: "resolved",
    publicReply: "已清淤，张三反映的问题已解决。",
    mergedInto: null,
  } as unknown as Concern;

  it("withholds the description and media_url until a public description exists", () => {
    const fresh = { ...concern, mediaUrl: "https://img.example.cn/nixiang.jpg" };
    const request = toOpen311Request(fresh, index, "zh-CN", { extensions: false });
    expect(request).toMatchObject({
      status: "open",
      description: null,
      media_url: null,
      address: "倪巷组, 梅泾村",
      address_id: "meijing",
      expected_datetime: "2026-11-08T00:00:00.000Z",
    });
    expect(JSON.stringify(request)).not.toMatch(/张三|13800138000|18号|河水发臭|nixiang/);
    expect(request).not.toHaveProperty("extended_attributes");
    expect(request).toMatchObject({ lat: null, long: null });
    // XML: the elements are there, empty (the spec's fields are all present).
    const xml = toXml("service_requests", [request], OPEN311_ITEM_NAMES);
    expect(xml).toContain("<description/>");
    expect(xml).toContain("<media_url/>");
  });

  it("serves the public description once there is one, with media_url, masked once more", () => {
    const published = {
      ...concern,
      mediaUrl: "https://img.example.cn/nixiang.jpg",
      // A text cleared earlier; the second net still masks what is certain.
      publicDescription: "倪巷浜河水发臭（张三反映，电话 13800138000），王建国已到现场",
    };
    const request = toOpen311Request(published, index, "zh-CN", { extensions: false });
    expect(request).toMatchObject({
      description: "倪巷浜河水发臭（张某反映，电话 138****8000），王某已到现场",
      media_url: "https://img.example.cn/nixiang.jpg",
    });
    // What the review left alone stays as it is: the net masks only what is certain.
    const kept = { ...published, publicDescription: "请拨打83456789（镇便民服务中心）咨询" };
    expect(toOpen311Request(kept, index, "zh-CN", { extensions: false }).description).toBe(
      "请拨打83456789（镇便民服务中心）咨询",
    );
    // Masking twice changes nothing more.
    const once = String(request.description);
    const twice = toOpen311Request({ ...published, publicDescription: once }, index, "zh-CN", {
      extensions: false,
    });
    expect(twice.description).toBe(once);
  });

  it("serves the public reply as status_notes from the answer on, masked once more", () => {
    const request = toOpen311Request(concern, index, "zh-CN", { extensions: false });
    expect(request.status_notes).toBe("已清淤，张某反映的问题已解决。");
    const before = { ...concern, status: "accepted", outcome: null, publicReply: null };
    expect(
      toOpen311Request(before as Concern, index, "zh-CN", { extensions: false }).status_notes,
    ).toBeNull();
  });

  it("gives lat/long rounded to 3 decimals (about 100 m) and media_url as stored once public", () => {
    const located = {
      ...concern,
      location: { lat: 31.512345, long: 120.234567 },
      mediaUrl: "https://img.example.cn/nixiang.jpg",
      publicDescription: "倪巷浜河水发臭",
    };
    expect(toOpen311Request(located, index, "en", { extensions: false })).toMatchObject({
      lat: 31.512,
      long: 120.235,
      media_url: "https://img.example.cn/nixiang.jpg",
    });
    const south = { ...concern, location: { lat: -33.868819, long: -151.209295 } };
    expect(toOpen311Request(south, index, "en", { extensions: true })).toMatchObject({
      lat: -33.869,
      long: -151.209,
    });
  });

  it("is closed once struck off or merged", () => {
    expect(open311Status({ ...concern, status: "struck_off" })).toBe("closed");
    expect(open311Status({ ...concern, status: "merged" })).toBe("closed");
    expect(open311Status({ ...concern, status: "deferred" })).toBe("open");
  });
});

describe("dates and windows", () => {
  it("reads W3C date-times with a zone, bare dates in the town's zone, refuses the rest", () => {
    expect(parseW3cDateTime("2010-01-01T00:00:00Z")?.toISOString()).toBe(
      "2010-01-01T00:00:00.000Z",
    );
    expect(parseW3cDateTime("2010-01-01T08:00:00+08:00")?.toISOString()).toBe(
      "2010-01-01T00:00:00.000Z",
    );
    expect(parseW3cDateTime("2010-01-02")?.toISOString()).toBe("2010-01-01T16:00:00.000Z");
    for (const bad of ["2010-01-01T00:00:00", "2010-02-30", "yesterday", "2010-13-01T00:00Z"]) {
      expect(parseW3cDateTime(bad)).toBeNull();
    }
  });

  it("defaults to the last 90 days and refuses longer or reversed ranges", () => {
    const now = new Date("2026-11-27T00:00:00Z");
    expect(open311Window(null, null, now)).toEqual({
      from: new Date("2026-08-29T00:00:00Z"),
      to: now,
    });
    expect(
      open311Window(new Date("2026-01-01T00:00:00Z"), new Date("2026-06-01T00:00:00Z"), now),
    ).toEqual({
      problem: "too_long",
    });
    expect(open311Window(now, new Date("2026-01-01T00:00:00Z"), now)).toEqual({
      problem: "reversed",
    });
  });

  it("walks months newest first across a year end", () => {
    expect(monthsNewestFirst("2025-11", "2026-02")).toEqual([
      "2026-02",
      "2026-01",
      "2025-12",
      "2025-11",
    ]);
    // Years of fewer than four digits are padded, so the walk ends where it should.
    expect(monthsNewestFirst("0999-11", "1000-02")).toEqual([
      "1000-02",
      "1000-01",
      "0999-12",
      "0999-11",
    ]);
  });

  it("reads only the part of a window the ledger can hold (found by the fuzz)", () => {
    const now = new Date("2026-11-27T00:00:00Z");
    const window = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });
    // end_date=0000-01-01: the default start is 90 days before, in year -1.
    const yearZero = open311Window(null, new Date("0000-01-01T00:00:00+08:00"), now);
    expect("from" in yearZero && open311ReadRange(yearZero, now)).toBeNull();
    expect(open311ReadRange(window("1969-11-01T00:00:00Z", "1970-01-20T00:00:00Z"), now)).toEqual(
      window("1970-01-01T00:00:00Z", "1970-01-20T00:00:00Z"),
    );
    // A window in the future reads up to a day past now, or nothing.
    expect(open311ReadRange(window("2026-11-01T00:00:00Z", "2027-01-01T00:00:00Z"), now)).toEqual(
      window("2026-11-01T00:00:00Z", "2026-11-28T00:00:00Z"),
    );
    expect(
      open311ReadRange(window("9999-12-01T00:00:00Z", "9999-12-31T00:00:00Z"), now),
    ).toBeNull();
    const recent = window("2026-09-01T00:00:00Z", "2026-11-01T00:00:00Z");
    expect(open311ReadRange(recent, now)).toEqual(recent);
  });
});
