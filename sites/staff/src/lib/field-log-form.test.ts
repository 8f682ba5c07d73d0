import { describe, expect, it } from "vitest";
import {
  blankFieldLogDraft,
  fieldLogBody,
  INITIAL_CONCERN_BLOCKS,
  MAX_CONCERNS,
  readFieldLogDraft,
  withAnotherConcern,
} from "./field-log-form";

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
};

const typed = {
  idempotencyKey: "key-12345678",
  date: "2026-09-24",
  villageId: "meijing",
  groupId: "meijing-01",
  kind: "symposium",
  peopleReached: "12",
  enterprises: "",
  peopleConsulted: "12",
  notes: "倪巷组座谈会",
  "c0-categoryCode": "environment",
  "c0-description": " 倪巷浜河水发黑发臭 ",
  "c0-contactName": "张三",
  "c0-contactPhone": "",
  "c1-categoryCode": "roads_lighting",
  "c1-description": "",
  "c1-contactName": "",
  "c1-contactPhone": "",
  // A block added in the page (by its script) after one was removed: the gap closes.
  "c4-categoryCode": "roads_lighting",
  "c4-description": "路灯坏了",
};

describe("the field-log form", () => {
  it("starts with today's date and the initial blocks", () => {
    const draft = blankFieldLogDraft("2026-09-24");
    expect(draft.date).toBe("2026-09-24");
    expect(draft.concerns).toHaveLength(INITIAL_CONCERN_BLOCKS);
  });

  it("keeps everything typed, empty blocks too, and adds one more", () => {
    const draft = readFieldLogDraft(form(typed));
    expect(draft).toMatchObject({
      villageId: "meijing",
      groupId: "meijing-01",
      notes: "倪巷组座谈会",
    });
    expect(draft.concerns.map((c) => c.categoryCode)).toEqual([
      "environment",
      "roads_lighting",
      "roads_lighting",
    ]);
    expect(draft.concerns[0]?.contactName).toBe("张三");
    const more = withAnotherConcern(draft);
    expect(more.concerns).toHaveLength(4);
    expect(more.concerns[3]).toEqual({
      categoryCode: "",
      description: "",
      contactName: "",
      contactPhone: "",
    });
    expect(more.concerns.slice(0, 3)).toEqual(draft.concerns);
  });

  it("stops at the API's limit of concerns a log", () => {
    const entries: Record<string, string> = {};
    for (let i = 0; i < 30; i++) entries[`c${i}-description`] = `问题 ${i}`;
    // Far-off indices are ignored rather than walked.
    entries["c999-description"] = "x";
    const draft = readFieldLogDraft(form(entries));
    expect(draft.concerns).toHaveLength(MAX_CONCERNS);
    expect(withAnotherConcern(draft).concerns).toHaveLength(MAX_CONCERNS);
  });

  it("sends only the blocks with a description, numbers as numbers", () => {
    const body = fieldLogBody(readFieldLogDraft(form(typed)));
    expect(body).toEqual({
      date: "2026-09-24",
      villageId: "meijing",
      groupId: "meijing-01",
      kind: "symposium",
      peopleReached: 12,
      enterprises: 0,
      peopleConsulted: 12,
      notes: "倪巷组座谈会",
      concerns: [
        { categoryCode: "environment", description: "倪巷浜河水发黑发臭", contactName: "张三" },
        { categoryCode: "roads_lighting", description: "路灯坏了" },
      ],
    });
    expect(fieldLogBody(blankFieldLogDraft("2026-09-24")).groupId).toBeNull();
  });
});
