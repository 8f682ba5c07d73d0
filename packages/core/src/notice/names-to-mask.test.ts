import { describe, expect, it } from "vitest";
import type { Concern, ConcernEvent } from "../concern/concern.js";
import { namesToMask } from "./notice.js";

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
});
