/**
 * Masking personal data in text that will be published (公示). Automatic, then reviewed
 * by admin before publishing. Returns the masked text and how many things were masked.
 */
const COMMON_SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤倪";
const HONORIFICS = "先生|女士|小姐|阿姨|大爷|大妈|大伯|大娘|师傅|老板|书记|主任";

const RULES: Array<[RegExp, (match: string, ...groups: string[]) => string]> = [
  // 18-digit resident ID numbers (last character may be X).
  [/(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)/g, (_m, head) => `${head}********${"*".repeat(4)}`],
  // Mainland mobiles, optionally +86, spaces or dashes inside.
  [
    /(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?\d{4}[\s-]?(\d{4})(?!\d)/g,
    (_m, a, b) => `${a}****${b}`,
  ],
  // Landlines with an area code: 0510-83456789, (0510) 8345 6789, （0510）8345-6789.
  [
    /(?<!\d)(?:[(（]\s*(0\d{2,3})\s*[)）]|(0\d{2,3}))[\s-]*\d{3,4}[\s-]?\d{4}(?!\d)/g,
    (_m, bracketed, area) => `${bracketed ?? area}-********`,
  ],
  // Any other number written as a phone number (电话 83456789, 座机：8345-6789).
  [
    /((?:电话|座机|固话|手机|联系方式|号码|tel|TEL|Tel)\s*[:：]?\s*)(\d[\d\s-]{5,}\d)(?!\d)/g,
    (_m, label, digits) => `${label}${"*".repeat(digits.length)}`,
  ],
  // House numbers: 18号, 3幢, 502室, 2单元.
  [
    /\d+(\s*)(号楼|号|幢|栋|室|单元)/g,
    (m, space, unit) =>
      `${"*".repeat(Math.max(1, m.length - space.length - unit.length))}${space}${unit}`,
  ],
  // 张先生, 李阿姨 → 张某.
  [new RegExp(`([${COMMON_SURNAMES}])(?:${HONORIFICS})`, "g"), (_m, surname) => `${surname}某`],
];

export function maskPersonalData(
  input: string,
  knownNames: readonly string[] = [],
): { text: string; masked: number } {
  let masked = 0;
  let text = input;
  // Known names first (the submitter, staff): longest first, so 张三丰 is not cut to 张某丰.
  for (const name of [...new Set(knownNames)]
    .filter((n) => n.trim().length >= 2)
    .sort((a, b) => b.length - a.length)) {
    const parts = text.split(name);
    if (parts.length > 1) {
      masked += parts.length - 1;
      text = parts.join(`${[...name][0]}某`);
    }
  }
  // Full-width digits (as a Chinese IME in full-width mode types them) as ASCII, so that the
  // number rules see them; nothing else of the text changes.
  text = text.replace(/[０-９＋－Ｘｘ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  for (const [pattern, replace] of RULES) {
    text = text.replace(pattern, (...args) => {
      masked++;
      return replace(...(args as [string, ...string[]]));
    });
  }
  return { text, masked };
}

/** For staff who may not see them: 张三 → 张*, 13812345678 → 138****5678. */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  const chars = [...name];
  return `${chars[0]}${"*".repeat(Math.max(1, chars.length - 1))}`;
}

export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : "****";
}
