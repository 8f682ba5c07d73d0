import { describe, expect, it } from "vitest";
import type { Concern, ConcernEvent } from "../concern/concern.js";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { indexDirectory } from "../directory/lookup.js";
import { maskPersonalData } from "../text/personal-data.js";
import { namesToMask } from "./notice.js";
import { knownPeopleOf, publicTextContext } from "./public-text.js";

describe("names to mask in a public notice", () => {
  it("takes the resident's, every acting staff member's, the assignee's and the routed staff's, once each", () => {
    const concern = {
      contact: { name: "张三" },
      assignee: { id: "c1", name: "李四" },
      routing: {
        contactLeader: { id: "l1", name: "王建国", title: "镇长" },
        groupHolder: { id: "h1", name: "王五" },
      },
    } as unknown as Concern;
    const events = [
      { actor: { kind: "resident" } },
      { actor: { kind: "staff", id: "h1", name: "王五" } },
      { actor: { kind: "staff", id: "c1", name: "李四" } },
      { actor: { kind: "system" } },
    ] as unknown as ConcernEvent[];
    expect(namesToMask(concern, events).sort()).toEqual(["张三", "李四", "王五", "王建国"].sort());
  });

  it("has only the routed staff to mask for an anonymous concern nobody has touched", () => {
    const concern = {
      contact: {},
      assignee: null,
      routing: { contactLeader: { id: "l1", name: "何平", title: "园区主任" }, groupHolder: null },
    } as unknown as Concern;
    expect(namesToMask(concern, [])).toEqual(["何平"]);
  });

  it("takes the resident's own stored phone, as written at home", () => {
    const withPhone = (phone: string | null) =>
      namesToMask(
        {
          contact: { name: null, phone },
          assignee: null,
          routing: { contactLeader: { id: "l1", name: "何平", title: "主任" }, groupHolder: null },
        } as unknown as Concern,
        [],
      );
    expect(withPhone("13912345678")).toEqual(["13912345678", "何平"]);
    expect(withPhone("+8613912345678")).toEqual(["13912345678", "何平"]);
    expect(withPhone("051266881234转12")).toEqual(["051266881234", "66881234", "何平"]);
    expect(withPhone("+8651266881234")).toEqual([
      "51266881234",
      "66881234",
      "051266881234",
      "何平",
    ]);
    expect(withPhone(null)).toEqual(["何平"]);
  });
});

describe("known people beyond the concern", () => {
  const index = indexDirectory(buildDemoDirectory());

  it("keeps person-like names, never a role, a place or a body of the directory", () => {
    expect(
      knownPeopleOf(
        [
          "钱志刚",
          " 刘 桂兰 ",
          "钱志刚",
          "阿依古丽·买买提",
          "Anna Schmidt",
          "党政办管理员",
          "驻村领导",
          "环保分局干部（演示）",
          "梅泾村",
          "党政办",
          "x",
          "admin",
        ],
        index,
      ),
    ).toEqual(["钱志刚", "刘桂兰", "阿依古丽·买买提", "Anna Schmidt"]);
  });

  // Builds the masking context for the whole demo directory: ~3 s alone, over 10 s on a busy
  // shared machine, so it gets more than the unit project's default.
  it("are masked as known names, however spaced; a known phone however separated", {
    timeout: 30_000,
  }, () => {
    const context = publicTextContext({
      index,
      knownNames: ["051266881234", "66881234"],
      knownPeople: knownPeopleOf(["刘桂兰", "钱志刚"], index),
    });
    const { text, review } = maskPersonalData(
      "党政办刘 桂兰与雅西社区钱志刚到场，回电0512.6688.1234或6688-1234",
      context,
    );
    expect(review).toEqual([]);
    for (const leak of ["桂兰", "志刚", "1234"]) expect(text).not.toContain(leak);
    expect(text).toContain("党政办刘某");
    expect(text).toContain("雅西社区钱某");
  });
});
