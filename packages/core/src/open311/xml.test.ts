import { describe, expect, it } from "vitest";
import { escapeXmlText, toXml } from "./xml.js";

describe("the Open311 XML writer", () => {
  it("escapes markup and drops characters XML 1.0 cannot carry", () => {
    expect(escapeXmlText(`<a href="x">&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;",
    );
    expect(escapeXmlText("a\u0000b\u0007c\u000bd\ud800e\uffffé\tf\ng")).toBe("abcdeé\tf\ng");
    // A surrogate pair (an emoji) is kept whole.
    expect(escapeXmlText("臭🙂")).toBe("臭🙂");
  });

  it("writes lists with their item names, null as an empty element", () => {
    const xml = toXml(
      "services",
      [{ service_code: "environment", metadata: true, order: 1, group: null, values: [] }],
      { services: "service", values: "value" },
    );
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<services><service><service_code>environment</service_code><metadata>true</metadata><order>1</order><group/><values></values></service></services>\n',
    );
  });

  it("refuses names that are not XML names and lists without an item name", () => {
    expect(() => toXml("a b", "x", {})).toThrow();
    expect(() => toXml("list", [1], {})).toThrow();
  });
});
