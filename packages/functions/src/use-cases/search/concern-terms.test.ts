import { type Concern, indexDirectory, maskPersonalData, publicTextContext } from "@lianxin/core";
import { buildDemoDirectory } from "@lianxin/core/demo";
import { describe, expect, it } from "vitest";
import { termsOfConcern } from "./concern-terms.js";

const index = indexDirectory(buildDemoDirectory());
/** A tagger that calls 王大锤 a person wherever it stands. */
const personTagger = (text: string) => {
  const at = text.indexOf("王大锤");
  return at < 0 ? [] : [{ start: at, end: at + 3 }];
};
const concern = (description: string, name: string | null = "钱志刚") =>
  ({
    ledgerNo: "LS-2026-000001",
    title: "路灯不亮",
    description,
    contact: { name, phone: "13912345678", address: null },
    anonymous: false,
    assignee: null,
    routing: { contactLeader: { id: "l", name: "某领导" }, groupHolder: null },
  }) as unknown as Concern;

describe("a concern's terms for the index", () => {
  it("come from the masked text: no known name, mailbox or tagged name is a term", () => {
    const terms = termsOfConcern(
      concern("钱志刚说邻居王大锤家门口路灯坏了，联系qianzg@example.com。"),
      { index, people: ["赵铁柱"], personTagger },
    );
    expect(terms).toContain("路灯");
    expect(terms).toContain("门口");
    for (const personal of ["钱志", "志刚", "王大", "大锤", "qianzg"]) {
      expect(terms, personal).not.toContain(personal);
    }
  });

  it("blank what masking leaves for a reviewer too", () => {
    const text = "王大锤反映路灯坏了。";
    const context = publicTextContext({ index, personTagger });
    const review = maskPersonalData(text, context).review;
    const terms = termsOfConcern(concern(text, null), { index, people: [], personTagger });
    // Whether the engine masks the tagged name or leaves it for review, it is no term.
    expect(review.length + maskPersonalData(text, context).masked).toBeGreaterThan(0);
    expect(terms).not.toContain("大锤");
    expect(terms).toContain("反映");
  });
});
