import { describe, expect, it } from "vitest";
import type { ConcernSubmission } from "../concern/submission.js";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { indexDirectory } from "../directory/lookup.js";
import { DomainError } from "../errors.js";
import { resolveSubmissionReferences } from "./register-concern.js";

const input: ConcernSubmission = {
  villageId: "meijing",
  groupId: "meijing-01",
  categoryCode: "environment",
  description: "倪巷浜河水发黑发臭，希望尽快治理。",
  anonymous: false,
};

function refusal(directory = buildDemoDirectory(), body = input) {
  try {
    resolveSubmissionReferences(indexDirectory(directory), body);
    return null;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { code: e.code, fields: Object.keys(e.fields ?? {}) };
  }
}

describe("resolveSubmissionReferences", () => {
  it("accepts live entries", () => {
    expect(refusal()).toBeNull();
  });

  it("refuses a retired village, group or category for new submissions", () => {
    const at = "2026-11-01T00:00:00.000Z";
    const village = buildDemoDirectory();
    const meijing = village.villages.find((v) => v.id === "meijing");
    if (meijing) meijing.retiredAt = at;
    expect(refusal(village)).toEqual({ code: "unknown_reference", fields: ["villageId"] });

    const group = buildDemoDirectory();
    const g = group.villages.find((v) => v.id === "meijing")?.groups[0];
    if (g) g.retiredAt = at;
    expect(refusal(group)).toEqual({ code: "unknown_reference", fields: ["groupId"] });
    expect(refusal(group, { ...input, groupId: "meijing-02" })).toBeNull();

    const category = buildDemoDirectory();
    const c = category.categories.find((x) => x.code === "environment");
    if (c) c.retiredAt = at;
    expect(refusal(category)).toEqual({ code: "unknown_reference", fields: ["categoryCode"] });
  });
});
