import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type CorpusItem,
  CorpusSyntaxError,
  PERSONAL_DATA_KINDS,
  type PredictedSpan,
  parseCorpus,
  scoreCorpus,
  snippet,
} from "./personal-data-corpus.js";

const ZWSP = "\u200B";
const only = (source: string) => {
  const items = parseCorpus(source);
  expect(items).toHaveLength(1);
  return items[0] as CorpusItem;
};
const marked = (item: CorpusItem) => item.spans.map((s) => item.text.slice(s.start, s.end));

describe("parseCorpus", () => {
  it("removes the markup and gives each span's offsets into the plain text", () => {
    const item = only("联系人[[name:李四]]，电话[[phone:13900001111]]偷排所致");
    expect(item.text).toBe("联系人李四，电话13900001111偷排所致");
    expect(item.spans).toEqual([
      { start: 3, end: 5, kind: "name" },
      { start: 8, end: 19, kind: "phone" },
    ]);
    expect(item.known).toEqual([]);
    expect(item.line).toBe(1);
  });

  it("counts offsets in UTF-16 code units, past characters outside the BMP", () => {
    const item = only("𠮷野家🍜门口[[plate:苏B·12345]]停车，[[name:𠮷祥]]说的");
    expect(item.text).toBe("𠮷野家🍜门口苏B·12345停车，𠮷祥说的");
    expect(item.spans[0]).toEqual({ start: 8, end: 16, kind: "plate" });
    expect(item.spans[1]).toEqual({ start: 19, end: 22, kind: "name" });
    expect(marked(item)).toEqual(["苏B·12345", "𠮷祥"]);
  });

  it("keeps zero-width and full-width characters inside spans as they are", () => {
    const item = only(`电话[[phone:139${ZWSP}1234${ZWSP}5678]]或[[phone:１３９１２３４５６７８]]`);
    expect(marked(item)).toEqual([`139${ZWSP}1234${ZWSP}5678`, "１３９１２３４５６７８"]);
    expect(item.spans[0]?.end).toBe(2 + 13);
  });

  it("reads the known-names prefix, with either comma, and leaves it out of the text", () => {
    const item = only("{known:张三, 李四，林安全} [[name:张三]]反映的");
    expect(item.known).toEqual(["张三", "李四", "林安全"]);
    expect(item.text).toBe("张三反映的");
    expect(item.spans).toEqual([{ start: 0, end: 2, kind: "name" }]);
  });

  it("skips comments and blank lines but numbers lines as the file does", () => {
    const items = parseCorpus(
      "\uFEFF# a comment\r\n\r\n  # indented comment\n没有个人信息的一条。\n\n[[name:王五]]家的狗\n",
    );
    expect(items.map((i) => [i.line, i.text])).toEqual([
      [4, "没有个人信息的一条。"],
      [6, "王五家的狗"],
    ]);
  });

  it("reads brackets that only look like markup as text", () => {
    expect(only("[[[name:张三]]]和[注1]、【[[name:李四]]】").text).toBe("[张三]和[注1]、【李四】");
    const item = only("[[[name:张三]]]");
    expect(item.spans).toEqual([{ start: 1, end: 3, kind: "name" }]);
  });

  it("reads adjacent spans", () => {
    const item = only("[[phone:13912345678]]/[[phone:13812345678]][[name:王先生]]");
    expect(marked(item)).toEqual(["13912345678", "13812345678", "王先生"]);
  });

  it.each([
    ["[[nmae:张三]]", /line 3: unknown kind "nmae"/],
    ["联系人[[name:张三，电话", /line 3: .*not closed/],
    ["[[name:张[[name:三]]]]", /line 3: a span inside the span/],
    ["张三]]反映", /line 3: "]]" at column 3 closes no span/],
    ["[[张三]]", /line 3: "\[\[" at column 1 does not open/],
    ["[[name:]]", /line 3: .*no letter or digit/],
    ["[[phone:--]]", /line 3: .*no letter or digit/],
    ["[[name: 张三]]", /line 3: .*white space/],
    ["[[name:张]]先生", /line 3: .*no more than a surname/],
    ["{known:张三 [[name:张三]]", /line 3: .*closed by "}"/],
    ["{known:张三,,李四} 文本", /line 3: an empty name/],
    ["{known:张三}", /line 3: an item with no text/],
  ])("refuses malformed markup, naming the line: %s", (line, message) => {
    const source = `# header\n正常的一条，没有标注。\n${line}\n`;
    expect(() => parseCorpus(source)).toThrow(CorpusSyntaxError);
    expect(() => parseCorpus(source)).toThrow(message);
    try {
      parseCorpus(source);
    } catch (error) {
      expect((error as CorpusSyntaxError).line).toBe(3);
    }
  });
});

describe("scoreCorpus", () => {
  const span = (start: number, end: number, kind: PredictedSpan["kind"], certain = true) => ({
    start,
    end,
    kind,
    certain,
  });
  /** A finder that predicts where the given substrings are. */
  const finding =
    (...targets: Array<[string, PredictedSpan["kind"]]>) =>
    (text: string) =>
      targets.flatMap(([needle, kind]) => {
        const at = text.indexOf(needle);
        return at < 0 ? [] : [span(at, at + needle.length, kind)];
      });

  it("finds a span whose every non-separator character is covered, by any kind", () => {
    const items = parseCorpus(`电话[[phone:139${ZWSP}1234 5678]]`);
    // Separators at the edges or inside need not be covered; two predictions may share the job.
    const score = scoreCorpus(items, finding([`139${ZWSP}1234`, "bank_card"], ["5678", "phone"]));
    expect(score.byKind.phone).toMatchObject({ annotated: 1, found: 1, recall: 1 });
    expect(score.byKind.bank_card).toMatchObject({ predicted: 1, correct: 1, precision: 1 });
    expect(score.misses).toEqual([]);
  });

  it("misses a span when one digit is left out", () => {
    const items = parseCorpus("电话[[phone:139-1234-5678]]，请回电");
    const score = scoreCorpus(items, finding(["139-1234-567", "phone"]));
    expect(score.byKind.phone).toMatchObject({ annotated: 1, found: 0, recall: 0 });
    expect(score.byKind.phone).toMatchObject({ predicted: 1, correct: 1, precision: 1 });
    expect(score.misses).toEqual([
      { line: 1, kind: "phone", text: "139-1234-5678", snippet: "电话⟦139-1234-5678⟧，请回电" },
    ]);
  });

  it("lets a name's surname go uncovered, but nothing else of it", () => {
    const items = parseCorpus("村民[[name:林 安全]]和[[name:张先生]]反映");
    expect(scoreCorpus(items, finding(["安全", "name"], ["先生", "name"])).overall.found).toBe(2);
    const score = scoreCorpus(items, finding(["林 安", "name"], ["张先", "name"]));
    expect(score.overall.found).toBe(0);
    expect(score.misses.map((m) => m.text)).toEqual(["林 安全", "张先生"]);
  });

  it("counts a prediction that overlaps no annotated span as a false alarm", () => {
    const items = parseCorpus(
      "{known:高峰} 晚高峰时段，王庄路口，[[name:张建华]]说\n拨打12345热线",
    );
    const seen: string[][] = [];
    const score = scoreCorpus(items, (text, known) => {
      seen.push(known);
      const found: PredictedSpan[] = [];
      for (const [needle, kind, certain] of [
        ["高峰", "name", true],
        ["王庄", "name", false],
        ["建华", "name", true],
        ["12345", "phone", false],
      ] as const) {
        const at = text.indexOf(needle);
        if (at >= 0) found.push(span(at, at + needle.length, kind, certain));
      }
      return found;
    });
    expect(seen).toEqual([["高峰"], []]);
    expect(score.items).toBe(2);
    expect(score.byKind.name).toEqual({
      annotated: 1,
      found: 1,
      recall: 1,
      predicted: 3,
      correct: 1,
      precision: 1 / 3,
    });
    expect(score.byKind.phone).toMatchObject({ annotated: 0, recall: null, predicted: 1 });
    expect(score.byKind.email).toEqual({
      annotated: 0,
      found: 0,
      recall: null,
      predicted: 0,
      correct: 0,
      precision: null,
    });
    expect(score.overall).toMatchObject({ annotated: 1, found: 1, predicted: 4, correct: 1 });
    expect(score.falseAlarms).toEqual([
      {
        line: 1,
        kind: "name",
        certain: true,
        text: "高峰",
        snippet: "晚⟦高峰⟧时段，王庄路口，张建华说",
      },
      {
        line: 1,
        kind: "name",
        certain: false,
        text: "王庄",
        snippet: "晚高峰时段，⟦王庄⟧路口，张建华说",
      },
      { line: 2, kind: "phone", certain: false, text: "12345", snippet: "拨打⟦12345⟧热线" },
    ]);
  });

  it("refuses predicted spans that are empty or outside the text", () => {
    const items = parseCorpus("\n短文本，无标注。");
    expect(() => scoreCorpus(items, () => [span(3, 3, "name")])).toThrow(/line 2/);
    expect(() => scoreCorpus(items, () => [span(0, 99, "name")])).toThrow(/line 2/);
    expect(() => scoreCorpus(items, () => [span(-1, 2, "name")])).toThrow(/outside/);
  });
});

describe("snippet", () => {
  it("marks the span, shows invisible characters and never splits a surrogate pair", () => {
    const text = `号码139${ZWSP}1234，𠮷`;
    expect(snippet(text, 2, 10)).toBe("号码⟦139⟨U+200B⟩1234⟧，𠮷");
    const long = `${"一".repeat(11)}𠮷${"二".repeat(20)}`;
    // 12 code units back from 24 lands on the low half of 𠮷: the snippet takes it whole.
    expect(snippet(long, 24, 25).startsWith("…𠮷")).toBe(true);
  });
});

describe("the corpus", () => {
  const source = readFileSync(new URL("./personal-data-corpus.txt", import.meta.url), "utf8");
  const items = parseCorpus(source);
  const spansOf = (kind: string) => items.flatMap((i) => i.spans.filter((s) => s.kind === kind));
  const share = (test: (item: CorpusItem) => boolean) => items.filter(test).length / items.length;

  it("parses, with at least 320 items and 15 spans of each rarer kind", () => {
    expect(items.length).toBeGreaterThanOrEqual(320);
    for (const kind of ["email", "id_number", "bank_card", "plate", "im_id", "house_number"]) {
      expect(spansOf(kind).length, kind).toBeGreaterThanOrEqual(15);
    }
    for (const kind of PERSONAL_DATA_KINDS) expect(spansOf(kind).length, kind).toBeGreaterThan(0);
  });

  it("keeps to the intended mix", () => {
    const none = share((i) => i.spans.length === 0);
    expect(none).toBeGreaterThan(0.3);
    expect(none).toBeLessThan(0.4);
    expect(share((i) => i.spans.some((s) => s.kind === "name"))).toBeGreaterThan(0.35);
    expect(share((i) => i.spans.some((s) => s.kind === "phone"))).toBeGreaterThan(0.2);
    expect(share((i) => i.known.length > 0)).toBeGreaterThan(0.25);
    const english = (i: CorpusItem) => (i.text.match(/[\u4e00-\u9fff]/g) ?? []).length < 5;
    expect(share(english)).toBeGreaterThan(0.04);
    for (const item of items) {
      const length = [...item.text].length;
      expect(length, `line ${item.line}`).toBeGreaterThanOrEqual(20);
      expect(length, `line ${item.line}`).toBeLessThanOrEqual(200);
    }
  });

  it("holds the examples the masking must handle, verbatim", () => {
    const texts = items.map((i) => i.text);
    const has = (fragment: string) => texts.some((t) => t.includes(fragment));
    for (const fragment of [
      "经现场查看，系上游一处小作坊(联系人李四，电话13900001111)偷排所致",
      "请回电 139.1234.5678 a@b.cn",
      "139/1234/5678",
      "139_1234_5678",
      "139 1234 5678",
      `139${ZWSP}1234${ZWSP}5678`,
      "１３９１２３４５６７８",
      "320681 1980 0101 123X",
      "林 安全",
      "钱志刚",
      "刘桂兰",
      "张建华",
      "陈女士",
    ]) {
      expect(has(fragment), fragment).toBe(true);
    }
    // 钱志刚 and 刘桂兰 also appear where the system does not know them.
    for (const name of ["钱志刚", "刘桂兰"]) {
      expect(
        items.some((i) => i.text.includes(name) && !i.known.includes(name)),
        name,
      ).toBe(true);
    }
  });

  it("never marks the directory's places, departments, numbers and look-alike words", () => {
    const keep = [
      "梅泾村",
      "倪巷浜",
      "王庄",
      "洛杨路",
      "枫杨路",
      "环保分局",
      "园区建设办",
      "洛社镇",
      "2026年3月5日",
      "14:30",
      "3000元",
      "1.5万元",
      "200米",
      "3公里",
      "3户",
      "5人",
      "LS-2026-000123",
      "72.9%",
      "第十二条",
      "12345热线",
      "报了110",
      "拨120",
      "高压线",
      "张贴",
      "李子树",
      "陈旧",
      "周边",
      "黄色",
      "方便",
      "白天",
      "万元",
      "金额",
      "石桥",
      "江边",
      "马路",
      "朱家桥",
      "村书记",
      "主任说",
    ];
    for (const word of keep) {
      let occurrences = 0;
      for (const item of items) {
        for (let at = item.text.indexOf(word); at >= 0; at = item.text.indexOf(word, at + 1)) {
          const end = at + word.length;
          occurrences += 1;
          const inside = item.spans.some((s) => at < s.end && s.start < end);
          expect(inside, `${word} at line ${item.line}`).toBe(false);
        }
      }
      expect(occurrences, word).toBeGreaterThan(0);
    }
  });
});
