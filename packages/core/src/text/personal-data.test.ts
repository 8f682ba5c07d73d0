import { describe, expect, it } from "vitest";
import { findPersonalData, maskPersonalData, type PersonTagger } from "./personal-data.js";

const PLACES = ["梅泾村", "倪巷浜", "倪巷组", "王庄", "洛杨路", "枫杨路", "新河花苑", "环保分局"];
const mask = (text: string, knownNames: string[] = []) =>
  maskPersonalData(text, { knownNames, keep: PLACES });

describe("numbers, however they are written", () => {
  it.each([
    ["请回电 139.1234.5678", "请回电 139****5678"],
    ["139/1234/5678", "139****5678"],
    ["139_1234_5678", "139****5678"],
    ["139 1234 5678", "139****5678"],
    ["1\u200B3\u200B9\u200B1234\u200B5678", "139****5678"],
    ["１３９１２３４５６７８", "139****5678"],
    ["1 3 9 1 2 3 4 5 6 7 8", "139****5678"],
    ["电话 +86 139 1234 5678", "电话 139****5678"],
    ["请拨打13812345678或0510-83312345联系", "请拨打138****5678或0510-********联系"],
    ["电话（0510）83456789，或(0510) 8345 6789", "电话0510-********，或0510-********"],
    ["座机 83456789；固话：8345-6789", "座机 ********；固话：********"],
  ])("%s", (input, expected) => {
    const result = mask(input);
    expect(result.text).toBe(expected);
    expect(result.review).toEqual([]);
  });

  it("masks ID numbers with or without spaces, before anything reads them as phones", () => {
    expect(mask("身份证320211198001011234，另一张 320681 1980 0101 123X").text).toBe(
      "身份证320211************，另一张 320681************",
    );
  });

  it("masks e-mail addresses, bank cards, plates, QQ and WeChat ids", () => {
    expect(mask("邮箱 a@b.cn，或 Zhang.San+x@mail.example.com").text).toBe(
      "邮箱 a***@b.cn，或 Z***@mail.example.com",
    );
    expect(mask("卡号 6222 0212 3456 7890 123").text).toBe("卡号 ***************0123");
    expect(mask("车牌苏B·12345、苏BD12345").text).toBe("车牌苏B·*****、苏B·******");
    expect(mask("QQ：12345678，微信号 abc_1234，VX: wx_zhang99").text).toBe(
      "QQ：********，微信号 ********，VX: **********",
    );
  });

  it("masks house numbers but not dates", () => {
    expect(mask("梅泾村倪巷组18号，新河花苑3幢502室，3月5号到场").text).toBe(
      "梅泾村倪巷组**号，新河花苑*幢***室，3月5号到场",
    );
  });

  it("leaves dates, amounts, hotlines and ledger numbers alone", () => {
    const plain = "2026-12-31前完成，投资200000元，可拨打12345热线查询LS-2026-000123，14:30到场";
    expect(mask(plain)).toEqual({ text: plain, masked: 0, review: [] });
  });

  it("does not read two phone numbers side by side as one ID number", () => {
    expect(mask("139/1234/5678 139_1234_5678").text).toBe("139****5678 139****5678");
  });

  it("asks a person about a bare run of digits", () => {
    const result = mask("请联系83456789处理");
    expect(result.text).toBe("请联系83456789处理");
    expect(result.review).toEqual([{ start: 3, end: 11, kind: "phone", text: "83456789" }]);
  });
});

describe("names", () => {
  it("masks the example from the issue: a name after 联系人 and a phone", () => {
    expect(mask("经现场查看，系上游一处小作坊(联系人李四，电话13900001111)偷排所致").text).toBe(
      "经现场查看，系上游一处小作坊(联系人李某，电话139****1111)偷排所致",
    );
  });

  it("masks known names, also with spaces or 某 inside", () => {
    expect(mask("王建华反映的问题，王 建 华又来电，王某华也说", ["王建华"]).text).toBe(
      "王某反映的问题，王某又来电，王某也说",
    );
  });

  it("masks names with a form of address, and after words that introduce one", () => {
    expect(mask("张先生和李阿姨也来过，户主林 安全，钱志刚师傅").text).toBe(
      "张某和李某也来过，户主林某，钱某",
    );
  });

  it("masks a surname with two given-name characters standing apart", () => {
    expect(mask("经了解，钱志刚、刘桂兰两户已签字").text).toBe("经了解，钱某、刘某两户已签字");
  });

  it("leaves places, departments and words that begin with a surname alone", () => {
    const plain =
      "梅泾村倪巷浜、王庄、洛杨路、枫杨路，环保分局已在高压线下张贴通知，李子树陈旧，周边方便，白天石桥江边马路朱家桥";
    expect(mask(plain)).toEqual({ text: plain, masked: 0, review: [] });
  });

  it("leaves names already masked alone", () => {
    const plain = "张某某反映，李某已答复";
    expect(mask(plain, ["张三"])).toEqual({ text: plain, masked: 0, review: [] });
  });

  it("takes a segmenter's person tags as uncertain, for review", () => {
    const tagger: PersonTagger = (text) => {
      const at = text.indexOf("周明");
      return at >= 0 ? [{ start: at, end: at + 2 }] : [];
    };
    const result = maskPersonalData("问题由周明负责跟进", { personTagger: tagger });
    expect(result.review).toEqual([{ start: 3, end: 5, kind: "name", text: "周明" }]);
    expect(result.masked).toBe(0);
  });

  it("masks what a reviewer marked and leaves what a reviewer kept", () => {
    const tagger: PersonTagger = (text) =>
      [...text.matchAll(/周明|金山/g)].map((m) => ({ start: m.index, end: m.index + 2 }));
    const result = maskPersonalData("周明在金山处理", {
      personTagger: tagger,
      mask: ["周明"],
      keep: ["金山"],
    });
    expect(result).toEqual({ text: "周某在金山处理", masked: 1, review: [] });
  });
});

describe("spans", () => {
  it("are reported in the caller's text, invisible characters included", () => {
    const text = "电话1\u200B39 1234 5678。";
    const [span] = findPersonalData(text);
    expect(span).toMatchObject({ kind: "phone", certain: true });
    expect(text.slice(span?.start, span?.end)).toBe("1\u200B39 1234 5678");
  });

  it("give review offsets into the masked text", () => {
    const result = mask("联系人李四说请打83456789");
    const [span] = result.review;
    expect(result.text.slice(span?.start, span?.end)).toBe("83456789");
  });
});
