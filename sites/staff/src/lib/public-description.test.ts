import type { StaffConcernView } from "@lianxin/contract";
import { describe, expect, it } from "vitest";
import { choiceName, termName } from "./highlights";
import {
  checkPublicText,
  DESCRIPTION_REVIEW_PREFIX,
  offersPublication,
  publicDescriptionBody,
  publicDescriptionState,
  readPublicDescriptionForm,
  showsPublicDescription,
} from "./public-description";

type View = Pick<StaffConcernView, "publicDescription" | "timeline" | "visibility">;
const event = (type: string) => ({ type }) as StaffConcernView["timeline"][number];
const view = (over: Partial<View> = {}): View => ({
  publicDescription: null,
  timeline: [event("submitted"), event("routed")],
  visibility: "standard",
  ...over,
});
const user = (role: "admin" | "leader" | "dept_head" | "cadre" | "inspector") => ({
  id: "u1",
  role,
  departmentId: null,
  villageIds: [],
});

function form(entries: [string, string][]) {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("the public description panel", () => {
  it("tells what Open311 serves: nothing, an early text, or the notice's summary", () => {
    expect(publicDescriptionState(view())).toBe("withheld");
    expect(publicDescriptionState(view({ publicDescription: "倪巷浜河水发臭" }))).toBe("early");
    const noticed = view({
      publicDescription: "倪巷浜臭水河",
      timeline: [event("description_published"), event("notice_published")],
    });
    expect(publicDescriptionState(noticed)).toBe("notice");
    expect(offersPublication(noticed)).toBe(false);
    expect(offersPublication(view({ publicDescription: "倪巷浜河水发臭" }))).toBe(true);
  });

  it("is admin's, and never on a conduct complaint", () => {
    expect(showsPublicDescription(user("admin"), view())).toBe(true);
    for (const role of ["leader", "dept_head", "cadre", "inspector"] as const) {
      expect(showsPublicDescription(user(role), view())).toBe(false);
    }
    expect(showsPublicDescription(null, view())).toBe(false);
    expect(showsPublicDescription(user("admin"), view({ visibility: "discipline" }))).toBe(false);
  });

  it("reads the form: text, version, carried decisions and this round's choices", () => {
    const posted = readPublicDescriptionForm(
      form([
        ["intent", "public-description"],
        ["expectedVersion", "7"],
        ["text", "  可拨打83456789，陈小兰家门口  "],
        [`${DESCRIPTION_REVIEW_PREFIX}.keep`, "倪巷浜"],
        [termName(DESCRIPTION_REVIEW_PREFIX, 0), "83456789"],
        [choiceName(DESCRIPTION_REVIEW_PREFIX, 0), "mask"],
      ]),
    );
    expect(posted).toEqual({
      text: "  可拨打83456789，陈小兰家门口  ",
      version: 7,
      decisions: { mask: ["83456789"], keep: ["倪巷浜"] },
    });
    expect(publicDescriptionBody({ ...posted, version: 7 })).toEqual({
      expectedVersion: 7,
      text: "可拨打83456789，陈小兰家门口",
      review: { mask: ["83456789"], keep: ["倪巷浜"] },
    });
    const first = readPublicDescriptionForm(
      form([
        ["expectedVersion", "3"],
        ["text", "倪巷浜"],
      ]),
    );
    expect(publicDescriptionBody({ ...first, version: 3 })).toEqual({
      expectedVersion: 3,
      text: "倪巷浜",
    });
    for (const bad of [[], [["expectedVersion", "x"]], [["expectedVersion", "-1"]]] as [
      string,
      string,
    ][][]) {
      expect(readPublicDescriptionForm(form(bad)).version).toBeNull();
    }
  });

  it("checks the text as the API does", () => {
    expect(checkPublicText("  ")).toEqual({ key: "val.required" });
    expect(checkPublicText("河".repeat(4000))).toBeNull();
    expect(checkPublicText("河".repeat(4001))).toEqual({ key: "val.tooLong", max: 4000, n: 4001 });
  });
});
