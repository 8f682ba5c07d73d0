/**
 * Personal data planted in submissions and replies, written the ways people write it, and the
 * search for it in public responses. The search does not use the masking engine: it normalises
 * what the public receives (full-width to ASCII, invisible characters and separators removed)
 * and looks for each planted value's own digits, address or name.
 */

/** A small seeded generator (mulberry32), so a failure can be replayed from its seed. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}
export type Random = ReturnType<typeof seeded>;

// Surnames and given names chosen so that no demo directory name or place can be formed.
const SURNAMES = [
  ..."钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜戚谢邹喻柏窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳",
];
const GIVEN = [..."志刚桂兰建华秀英玉梅国强海燕春生德明永福美玲文静红霞立新晓东"];

/** One person's planted data: each value as stored, and the forms it is written in. */
export interface PlantedPerson {
  name: string;
  mobile: string;
  idNumber: string;
  email: string;
}

export function plantedPerson(r: Random): PlantedPerson {
  const digits = (n: number) => Array.from({ length: n }, () => String(r.int(10))).join("");
  const name = `${r.pick(SURNAMES)}${r.pick(GIVEN)}${r.pick(GIVEN)}`;
  const mobile = `1${r.pick(["39", "58", "86", "37", "77"])}${digits(8)}`;
  const year = 1950 + r.int(60);
  const birth = `${year}${String(1 + r.int(12)).padStart(2, "0")}${String(1 + r.int(28)).padStart(2, "0")}`;
  const idNumber = `320206${birth}${digits(3)}${r.pick(["X", "1", "7"])}`;
  const email = `u${digits(6)}@example.cn`;
  return { name, mobile, idNumber, email };
}

const ZW = "\u200B";
const fullWidth = (s: string) =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** The mobile number written with the separators and tricks people use. */
export function writtenMobile(mobile: string, r: Random): string {
  const [a, b, c] = [mobile.slice(0, 3), mobile.slice(3, 7), mobile.slice(7)];
  return r.pick([
    mobile,
    `${a}.${b}.${c}`,
    `${a}/${b}/${c}`,
    `${a}_${b}_${c}`,
    `${a} ${b} ${c}`,
    `${a}-${b}-${c}`,
    [...mobile].join(ZW),
    fullWidth(mobile),
    `+86 ${a} ${b} ${c}`,
    [...mobile].join(" "),
  ]);
}

export function writtenIdNumber(id: string, r: Random): string {
  return r.pick([
    id,
    `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`,
    `${id.slice(0, 6)} ${id.slice(6, 10)} ${id.slice(10, 14)} ${id.slice(14)}`,
  ]);
}

export function writtenName(name: string, r: Random): string {
  return r.pick([name, `${name[0]} ${name.slice(1)}`]);
}

/** A description (or reply) carrying one person's data in the forms above. */
export function textWithPlanted(p: PlantedPerson, r: Random, opening: string): string {
  const parts = [
    `联系人${writtenName(p.name, r)}`,
    `电话${writtenMobile(p.mobile, r)}`,
    `请回电 ${writtenMobile(p.mobile, r)}`,
    `身份证 ${writtenIdNumber(p.idNumber, r)}`,
    `邮箱 ${p.email}`,
    `村民${p.name}反映`,
  ];
  const chosen = parts.filter(() => r.next() < 0.6);
  return `${opening}（${(chosen.length ? chosen : parts.slice(0, 2)).join("，")}）`;
}

/** What the public receives, reduced to what a planted value could still be read from. */
export function normalisedForSearch(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/g, "")
    .replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/[\s.\-_/·()（）+]/g, "")
    .toLowerCase();
}

/** Each planted value that can be read in `text`, as "kind value: …context…" (an empty name is not looked for). */
export function leaksIn(
  text: string,
  people: ReadonlyArray<{ name: string; mobile: string; idNumber: string; email: string }>,
): string[] {
  const haystack = normalisedForSearch(text);
  const found: string[] = [];
  const look = (kind: string, value: string) => {
    const at = haystack.indexOf(value);
    if (at >= 0)
      found.push(
        `${kind} ${value}: …${haystack.slice(Math.max(0, at - 20), at + value.length + 20)}…`,
      );
  };
  for (const p of people) {
    look("mobile", p.mobile);
    look("id", p.idNumber.toLowerCase());
    look("email", p.email.toLowerCase());
    if (p.name) look("name", p.name);
  }
  return found;
}
