import { describe, expect, it, vi } from "vitest";
import {
  createPersonTagger,
  loadJieba,
  type PersonTagger,
  personTagger,
  type Segmenter,
  spansOf,
} from "./person-tagger.js";

const tagged = (tagger: PersonTagger, text: string) =>
  tagger(text).map(({ start, end }) => text.slice(start, end));

describe("personTagger (jieba)", () => {
  // The first test to call it loads jieba: timed here, once, and printed.
  it("loads jieba once, on the first call, and is quick after", () => {
    const text = "经现场查看，系上游一处小作坊(联系人李四，电话13900001111)偷排所致";
    const started = performance.now();
    const first = personTagger()(text);
    const firstMs = performance.now() - started;
    const again = performance.now();
    const second = personTagger()(text);
    const warmMs = performance.now() - again;
    console.info(
      `person tagger: first call ${firstMs.toFixed(1)} ms (jieba and its dictionary), ` +
        `warm call ${warmMs.toFixed(2)} ms (${text.length} characters)`,
    );
    expect(second).toEqual(first);
    expect(warmMs).toBeLessThan(firstMs);
  });

  it("tags 李四, 张建华 and 陈女士 in a reply's sentences, at their offsets", () => {
    const tagger = personTagger();
    const text = "经现场查看，系上游一处小作坊(联系人李四，电话13900001111)偷排所致";
    expect(tagger(text)).toEqual([{ start: 18, end: 20 }]);
    expect(tagged(tagger, text)).toEqual(["李四"]);
    expect(tagged(tagger, "已联系村民张建华核实情况，张建华表示同意。")).toEqual([
      "张建华",
      "张建华",
    ]);
    expect(tagged(tagger, "陈女士反映楼道灯坏了，已修复。")).toEqual(["陈女士"]);
  });

  it("counts UTF-16 units: characters outside the BMP take two", () => {
    const tagger = personTagger();
    // 😀 and 𠮷 (U+20BB7) are surrogate pairs: 李四 starts at unit 4, not character 2.
    const text = "😀𠮷李四说，𠮷野家旁的河浜发臭，请联系人张建华。";
    const spans = tagger(text);
    expect(spans.map(({ start, end }) => text.slice(start, end))).toEqual(["李四", "张建华"]);
    expect(spans[0]).toEqual({ start: 4, end: 6 });
    expect(spans[1]?.end).toBe(text.indexOf("。"));
  });

  it("tags none of the town's place names (with the HMM)", () => {
    const tagger = personTagger();
    for (const text of ["倪巷浜的水很臭。", "王庄的路灯坏了。", "梅泾村三组道路破损。"]) {
      expect(tagged(tagger, text), text).toEqual([]);
    }
  });

  it("prints what jieba makes of the issue's names", () => {
    const jieba = loadJieba();
    const rows = [
      "请李四回电。",
      "已联系村民张建华核实情况。",
      "陈女士反映楼道灯坏了。",
      "村民钱志刚说河水发臭。",
      "经联系刘桂兰本人，已处理。",
      "倪巷浜的水很臭。",
      "王庄的路灯坏了。",
      "梅泾村三组道路破损。",
    ].map((text) => {
      const words = (hmm: boolean) =>
        jieba
          .tag(text, hmm)
          .map((w) => `${w.word}/${w.tag}`)
          .join(" ");
      return `${text}\n  HMM: ${words(true)}\n  no HMM: ${words(false)}`;
    });
    console.info(rows.join("\n"));
    expect(rows).toHaveLength(8);
  });
});

describe("createPersonTagger", () => {
  const fake = (tag: Segmenter["tag"]): Segmenter => ({ tag });

  it("loads on the first call with Han text, once", () => {
    const load = vi.fn(() => fake((s) => [{ word: s, tag: "nr" }]));
    const tagger = createPersonTagger(load);
    expect(tagger("no Chinese here 12345")).toEqual([]);
    expect(load).not.toHaveBeenCalled();
    expect(tagger("李四")).toEqual([{ start: 0, end: 2 }]);
    expect(tagger("张建华")).toEqual([{ start: 0, end: 3 }]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("answers [] when jieba cannot load, says so once and does not try again", () => {
    const load = vi.fn((): Segmenter => {
      throw new Error("Cannot find module '@node-rs/jieba-linux-arm64-gnu'");
    });
    const warn = vi.fn();
    const tagger = createPersonTagger(load, { warn });
    expect(tagger("联系人李四")).toEqual([]);
    expect(tagger("联系人张建华")).toEqual([]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain("jieba-linux-arm64-gnu");
  });

  it("logs the failure as one JSON line by default", () => {
    const spy = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const tagger = createPersonTagger(() => {
        throw new Error("no binary");
      });
      tagger("李四");
      tagger("李四");
      expect(spy).toHaveBeenCalledTimes(1);
      expect(JSON.parse(String(spy.mock.calls[0]?.[0]))).toMatchObject({
        level: "warn",
        error: "Error: no binary",
      });
    } finally {
      spy.mockRestore();
    }
  });

  it("passes the HMM setting on", () => {
    const tag = vi.fn((): { word: string; tag: string }[] => []);
    createPersonTagger(() => fake(tag))("李四");
    createPersonTagger(() => fake(tag), { hmm: false })("李四");
    expect(tag.mock.calls.map((call) => (call as unknown[])[1])).toEqual([true, false]);
  });
});

describe("spansOf", () => {
  it("walks the words in order, repeated words included", () => {
    const words = [
      { word: "李四", tag: "nr" },
      { word: "和", tag: "c" },
      { word: "李四", tag: "nr" },
    ];
    expect(spansOf("李四和李四", words)).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 5 },
    ]);
  });

  it("skips a word that is not in the text as given, and goes on", () => {
    // A lone surrogate reaches Rust as U+FFFD: that word cannot be found, the next ones can.
    const text = "\ud842李四说";
    const words = [
      { word: "\ufffd", tag: "x" },
      { word: "李四", tag: "nr" },
      { word: "说", tag: "v" },
    ];
    expect(spansOf(text, words)).toEqual([{ start: 1, end: 3 }]);
  });

  it("keeps nr and nrfg, not nrt", () => {
    const words = [
      { word: "张建华", tag: "nr" },
      { word: "曾宪梓", tag: "nrfg" },
      { word: "二人", tag: "nrt" },
    ];
    expect(spansOf("张建华曾宪梓二人", words)).toEqual([
      { start: 0, end: 3 },
      { start: 3, end: 6 },
    ]);
  });
});
