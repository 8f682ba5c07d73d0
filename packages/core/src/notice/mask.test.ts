import { describe, expect, it } from "vitest";
import { maskName, maskPersonalData, maskPhone } from "./mask.js";

describe("maskPersonalData", () => {
  it("masks numbers typed in full-width digits too", () => {
    const { text, masked } = maskPersonalData(
      "电话１３８００１３８０００，身份证３２０２１１１９９００１０１１２３Ｘ",
    );
    expect(text).not.toMatch(/13800138000|32021119900101123X|[０-９]{4}/);
    expect(masked).toBe(2);
  });

  it("masks mobile and landline numbers", () => {
    expect(maskPersonalData("请拨打13812345678或0510-83312345联系").text).toBe(
      "请拨打138****5678或0510-********联系",
    );
    expect(maskPersonalData("电话 +86 139 1234 5678").text).toBe("电话 139****5678");
  });

  it("masks landlines however they are written, and any number written as a phone number", () => {
    expect(
      maskPersonalData("电话（0510）83456789，或(0510) 8345 6789，或0510 8345-6789").text,
    ).toBe("电话0510-********，或0510-********，或0510-********");
    expect(maskPersonalData("座机 83456789；固话：8345-6789").text).toBe(
      "座机 ********；固话：*********",
    );
    // A date, an amount, the town's 12345 hotline and the ledger number stay as they are.
    const plain = "2026-12-31前完成，投资200000元，可拨打12345热线查询LS-2026-000123";
    expect(maskPersonalData(plain)).toEqual({ text: plain, masked: 0 });
  });

  it("masks 18-digit ID numbers before anything reads them as phones", () => {
    const { text, masked } = maskPersonalData("身份证320211198001011234，另一张32021119800101123X");
    expect(text).toBe("身份证320211************，另一张320211************");
    expect(masked).toBe(2);
  });

  it("masks the names it knows, and name patterns such as 张先生", () => {
    const { text } = maskPersonalData("王建华反映的问题，张先生和李阿姨也来过", ["王建华"]);
    expect(text).toBe("王某反映的问题，张某和李某也来过");
  });

  it("masks house numbers", () => {
    expect(maskPersonalData("梅泾村倪巷组18号，新河花苑3幢502室").text).toBe(
      "梅泾村倪巷组**号，新河花苑*幢***室",
    );
  });

  it("leaves ordinary text alone and counts nothing", () => {
    expect(maskPersonalData("已完成清淤，水质好转，投入20万元。")).toEqual({
      text: "已完成清淤，水质好转，投入20万元。",
      masked: 0,
    });
  });

  it("masks for staff who may not see", () => {
    expect(maskName("张三丰")).toBe("张**");
    expect(maskPhone("13812345678")).toBe("138****5678");
  });
});
