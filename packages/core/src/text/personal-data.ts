import type { PersonalDataKind } from "../vocabulary.js";
import {
  AFTER_NAME_CHARACTERS,
  DOUBLE_SURNAMES,
  GIVEN_NAME_CHARACTERS,
  MASKED_NAME_MARKS,
  NAME_AFTER_WORDS,
  NAME_BEFORE_WORDS,
  NAME_STOP_CHARACTERS,
  NOT_NAMES,
  SINGLE_SURNAMES,
} from "./name-lexicon.js";

/**
 * The one masking engine for public text (notices, Open311, statistics, anything later).
 *
 * It finds personal data and says how sure it is: what is certain (a phone number however
 * it is written, a name the system knows, a name after 联系人 or before 先生) is masked;
 * what is uncertain (a bare run of digits, a run of characters that looks like a name) is
 * left for a person to review, and a public text cannot be published while one is unresolved.
 * Detection runs on a normalised copy (zero-width characters removed, full-width letters and
 * digits made ASCII), and every span is reported in the caller's own text.
 */
export interface PersonalDataSpan {
  /** UTF-16 offsets into the text given, end exclusive. */
  start: number;
  end: number;
  kind: PersonalDataKind;
  /** Certain spans are masked; uncertain ones are shown to a reviewer. */
  certain: boolean;
}

/** Words a Chinese segmenter tagged as people's names (UTF-16 offsets): a signal, not a rule. */
export type PersonTagger = (text: string) => ReadonlyArray<{ start: number; end: number }>;

export interface MaskContext {
  /** Names the system knows (the resident, staff, the directory's people): always masked. */
  knownNames?: readonly string[];
  /**
   * Many more names the system knows (every staff account, every party member): masked as
   * `knownNames` are. Kept apart because the list is long and the same for every text: it is
   * indexed once per list (by identity) and looked up by the text's character pairs, so a
   * text costs the same whether the town has ten such names or ten thousand.
   */
  knownPeople?: readonly string[];
  /** Terms that are not personal (place, road and department names; terms a reviewer kept). */
  keep?: readonly string[];
  /** Terms a reviewer marked as personal: masked wherever they occur. */
  mask?: readonly string[];
  personTagger?: PersonTagger;
}

/** An uncertain span of a masked text, for review (offsets into the masked text). */
export interface ReviewSpan {
  start: number;
  end: number;
  kind: PersonalDataKind;
  text: string;
}

export interface MaskedText {
  text: string;
  /** How many things were masked. */
  masked: number;
  /** What a person must decide on before the text is published. */
  review: ReviewSpan[];
}

// ---------------------------------------------------------------------------------------
// Normalisation: detection sees ASCII digits and letters and no invisible characters.

const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/;

interface Normalised {
  text: string;
  /** at[i]: the index in the original text of normalised character i (at[length] = end). */
  at: number[];
}

const CHINESE_DIGITS: Record<string, string> = {
  〇: "0",
  零: "0",
  一: "1",
  二: "2",
  三: "3",
  四: "4",
  五: "5",
  六: "6",
  七: "7",
  八: "8",
  九: "9",
};
/** Seven or more Chinese numerals in a row are a number written out (一三九一二三四五六七八). */
const CHINESE_NUMBER = /[〇零一二三四五六七八九]{7,}/g;

function normalise(original: string): Normalised {
  const written = original.replace(CHINESE_NUMBER, (run) =>
    [...run].map((c) => CHINESE_DIGITS[c] ?? c).join(""),
  );
  let text = "";
  const at: number[] = [];
  for (let i = 0; i < written.length; i++) {
    const ch = written[i] as string;
    if (INVISIBLE.test(ch)) continue;
    const code = ch.charCodeAt(0);
    // Full-width ASCII (an IME in full-width mode): one code unit for one, so offsets hold.
    if (code >= 0xff01 && code <= 0xff5e) text += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) text += " ";
    else text += ch;
    at.push(i);
  }
  at.push(original.length);
  return { text, at };
}

// ---------------------------------------------------------------------------------------
// Spans found on the normalised text. The first claim on a character wins, so the rules run
// from the most specific (an e-mail, an ID number) to the least (a bare run of digits).

interface Claim {
  start: number;
  end: number;
  kind: PersonalDataKind;
  certain: boolean;
}

class Claims {
  readonly list: Claim[] = [];
  private readonly taken: Uint8Array;
  constructor(
    length: number,
    private readonly kept: Uint8Array,
  ) {
    this.taken = new Uint8Array(length);
  }
  /**
   * Claims a span unless part of it is claimed already, or (when `keepable`) it starts inside
   * a kept term: 王庄组长 is a place, but 严梅东 is a name although 梅东 is a group's name.
   */
  add(claim: Claim, keepable: boolean): boolean {
    if (claim.end <= claim.start) return false;
    if (keepable && this.kept[claim.start]) return false;
    for (let i = claim.start; i < claim.end; i++) {
      if (this.taken[i]) return false;
    }
    this.taken.fill(1, claim.start, claim.end);
    this.list.push(claim);
    return true;
  }
  isTaken(i: number): boolean {
    return this.taken[i] === 1;
  }
}

const HAN = /\p{Script=Han}/u;
const isHan = (ch: string | undefined) => ch !== undefined && HAN.test(ch);

/** Up to three characters that are not letters, digits or line breaks: how people split numbers. */
const SEP = "[^\\p{L}\\p{N}\\n]{0,3}";
const NUMBER_SEP = "[\\s\\-–—./_·]{0,3}";

/** Lengths of the digit groups of a matched number (139.1234.5678 → [3, 4, 4]). */
function digitGroups(text: string): number[] {
  return (text.match(/\d+/g) ?? []).map((g) => g.length);
}

/**
 * Digits a person split on purpose (3-4-4, one by one) rather than a list of small numbers
 * that happens to have eleven digits (13、14、15、16、17、18).
 */
function plausibleGrouping(text: string): boolean {
  const groups = digitGroups(text);
  if (groups.every((g) => g === 1)) return true;
  return groups.length <= 5 && groups.every((g) => g >= 2);
}

/**
 * An ID number is 6 digits of region, 8 of birth date, 4 more: written whole, split after the
 * region, or one digit at a time. Two phone numbers side by side are not one.
 */
function plausibleIdNumber(text: string): boolean {
  const groups = digitGroups(text);
  if (groups.every((g) => g === 1)) return true;
  if (groups.length > 1 && groups[0] !== 6) return false;
  const birth = text.replace(/[^\dXx]/g, "").slice(6, 14);
  const year = Number(birth.slice(0, 4));
  const month = Number(birth.slice(4, 6));
  const day = Number(birth.slice(6, 8));
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function* matches(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    yield m;
    if (m[0].length === 0) pattern.lastIndex++;
  }
}

/** E-mail addresses, also with "@" written as # or (at) to slip past filters. */
const EMAIL =
  /[A-Za-z0-9][A-Za-z0-9._%+-]*\s?(?:@|#|\(at\)|\[at\]|（at）)\s?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const ID_NUMBER = new RegExp(
  `(?<!\\p{N})[1-9](?:${SEP}\\d){16}${SEP}[\\dXx](?![\\p{N}A-Za-z])`,
  "gu",
);
const LABELLED_ID =
  /(?:身份证|证件|残疾证|证号|身份号)(?:号码|号)?[^\p{L}\p{N}\n]{0,4}(\d(?:[ -]?[\dXx]){14,21})(?![\p{N}*])/dgu;
const BANK_CARD = /(?<!\p{N})\d{4}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?(?!\p{N})/gu;
const LABELLED_CARD =
  /(?:卡号|银行卡|账号|帐号|账户|帐户|card)[^\p{L}\p{N}\n]{0,4}(\d(?:[ -]?\d){11,18})(?!\p{N})/dgu;
const MOBILE = new RegExp(
  `(?<!\\p{N})(?:(?:\\+|00)?86${SEP})?1${SEP}[3-9](?:${SEP}\\d){9}(?!\\p{N})`,
  "gu",
);
const LANDLINE = new RegExp(
  `(?<!\\p{N})(?:[(]\\s*0\\d{2,3}\\s*[)]|0\\d{2,3})${NUMBER_SEP}[1-9]\\d{2,3}${NUMBER_SEP}\\d{4}(?!\\p{N})`,
  "gu",
);
const PHONE_LABEL = "电话|手机|座机|固话|联系方式|联系电话|号码|手机号|tel|Tel|TEL|phone|Phone|电";
const LABELLED_PHONE = new RegExp(
  `(?:${PHONE_LABEL})号?[^\\p{L}\\p{N}\\n]{0,3}(\\d(?:${NUMBER_SEP}\\d){5,14})(?![\\p{N}*])`,
  "dgu",
);
const QQ = /(?:QQ|qq|Qq|扣扣)\s*(?:号码|号)?\s*[:：是为]?\s*(\d{5,11})(?!\p{N})/dgu;
const WECHAT =
  /(?:微信号|微信|VX|Vx|vx|WX|Wx|wx|weixin|WeChat|Wechat|wechat|加[Vv微]|[Vv]信|薇信|威信)\s*(?:号|id|ID)?\s*[:：是为]?\s*([A-Za-z][-_A-Za-z0-9]{5,19}|\d{5,11})(?![-_A-Za-z0-9])/dgu;
const PLATE =
  /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Za-z](?:[\s·•.-]{0,2}[A-Za-z0-9]){5,6}(?![A-Za-z0-9])/gu;
const HOUSE_NUMBER =
  /(?<![月第\p{N}A-Za-z-])(?:\d+\s*(?:号楼|号院|号|幢|栋|室|单元|弄)(?!文|线|令|台风|门|窗|机|位)\s*)+(?:\d{3,4}(?!\p{N}))?/gu;
/** 8-2-1101: building, unit and room. */
const ROOM_SHORTHAND = /(?<![\p{N}-])\d{1,3}-\d{1,2}-\d{3,4}(?![\p{N}-])/gu;
/** A bare room number where someone lives: 我家502, 楼上是601. */
const ROOM_AFTER =
  /(?:我家|他家|她家|家住|住在|楼上是|楼下是|楼上|楼下|对门)(\d{3,4})(?![\p{N}])/dgu;
const ENGLISH_ADDRESS =
  /\b(?:No\.|Building|Bldg\.?|Room|Rm\.?|Unit|Flat|Apt\.?)\s?\d+[A-Za-z]?\b/gu;
/** A bare run of 7 to 15 digits, perhaps split: maybe a phone, maybe not. */
const BARE_NUMBER = new RegExp(
  `(?<![\\p{N}A-Za-z])\\d(?:${NUMBER_SEP}\\d){6,14}(?![\\p{N}A-Za-z])`,
  "gu",
);
/** Numbers that are not personal: dates, times, ledger numbers, amounts and measures. */
const NOT_PERSONAL = [
  /(?:编号|单号|工单|订单|文号|批次|流水号|案号|代码)[^\p{L}\p{N}\n]{0,3}[A-Za-z0-9-]+/gu,
  /[\d*]*\*[\d*]*/g,
  /[A-Za-z]{1,4}-\d{4}-\d{3,8}/g,
  /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?/g,
  /\d{4}年/g,
  /\d{1,2}\s*[:：]\s*\d{2}/g,
  /\d[\d,.]*\s*(?:元|万|亿|米|公里|千米|平方|平米|亩|吨|斤|公斤|千克|户|人|次|件|个|台|辆|棵|只|条|天|岁|%|％|年|月|日|小时|分钟|度|伏|瓦|千瓦)/g,
];

const SURNAMES_BY_LENGTH = (at: string, i: number): number => {
  for (const s of DOUBLE_SURNAMES) if (at.startsWith(s, i)) return 2;
  return SINGLE_SURNAMES.has(at[i] as string) ? 1 : 0;
};

/**
 * Reads a name starting at `i`: a surname and one or two given-name characters (one space
 * allowed after the surname: 林 安全). Null when no surname starts there, the given name is
 * already masked (张某), or nothing but a stop character follows.
 */
function readName(text: string, i: number): { end: number; given: string } | null {
  const surname = SURNAMES_BY_LENGTH(text, i);
  if (!surname) return null;
  let j = i + surname;
  if (text[j] === " " && isHan(text[j + 1])) j++;
  let given = "";
  while (given.length < 2 && isHan(text[j]) && !NAME_STOP_CHARACTERS.has(text[j] as string)) {
    given += text[j];
    j++;
  }
  if (!given || MASKED_NAME_MARKS.has(given[0] as string)) return null;
  return { end: j, given };
}

/**
 * After a word that introduces a name (联系人, 户主), two or three characters are a name even
 * when the surname is not on the list (郎静建): read for review, never as certain.
 */
function readAnyName(text: string, i: number): { end: number; given: string } | null {
  let j = i;
  while (j - i < 3 && isHan(text[j]) && !NAME_STOP_CHARACTERS.has(text[j] as string)) j++;
  if (j - i < 2 || MASKED_NAME_MARKS.has(text[i + 1] as string)) return null;
  // It must stand apart (联系人郎静建，), or it is the start of a phrase (联系人核实信息).
  const after = text[j];
  if (after !== undefined && isHan(after) && !AFTER_NAME_CHARACTERS.has(after)) return null;
  return { end: j, given: text.slice(i + 1, j) };
}

/** Words after which what follows is a name, whatever its surname. */
const NAME_FOLLOWS = new Set<string>([
  "联系人",
  "户主",
  "姓名",
  "名叫",
  "叫做",
  "户名",
  "开户名",
  "开户人",
  "收款人",
  "举报人",
  "反映人",
  "投诉人",
  "来电人",
  "求助人",
]);

const PRECEDES_A_NAME = new Set([
  ..."由与和及向给让找请是对把被据经同跟叫称为等、，。；：:,;（(“\"'《 \n",
]);

/** Marks each occurrence of each term (ignoring case) in `marks`. */
function markTerms(text: string, terms: readonly string[], marks: Uint8Array): void {
  const lower = text.toLowerCase();
  for (const raw of terms) {
    const term = raw.trim().toLowerCase();
    if (term.length < 2) continue;
    for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) {
      marks.fill(1, at, at + term.length);
    }
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A known name as written in free text: spaces between its characters, 某 for any but the
 * first. A known number (a resident's own phone) is its digits however they are separated
 * (139.1234.5678, 139/1234/5678), never part of a longer run of digits.
 */
function knownNamePattern(name: string): RegExp | null {
  const cached = knownPatterns.get(name);
  if (cached !== undefined) return cached;
  const pattern = buildKnownNamePattern(name);
  // Bounded: the terms come from the directory, staff, party members and the concern.
  if (knownPatterns.size >= 20_000) knownPatterns.clear();
  knownPatterns.set(name, pattern);
  return pattern;
}

const knownPatterns = new Map<string, RegExp | null>();

function buildKnownNamePattern(name: string): RegExp | null {
  if (/\d/.test(name)) {
    const digits = name.replace(/\D/g, "");
    if (digits.length < 5) return null;
    return new RegExp(`(?<!\\d)${[...digits].join(SEP)}(?!\\d)`, "gu");
  }
  const chars = [...name.replace(/\s+/g, "")];
  if (chars.length < 2) return null;
  const [first, ...rest] = chars.map(escapeRegExp);
  const body = rest.map((c) => `[\\s]*(?:${c}|某|\\*|×)`).join("");
  return new RegExp(`${first}${body}`, "gu");
}

/** A long list of known names by the pairs of characters each may begin with in a text. */
interface PeopleIndex {
  byPair: Map<string, string[]>;
  /** Terms with digits (rare here): checked one by one. */
  numbers: string[];
}

const peopleIndexes = new WeakMap<readonly string[], PeopleIndex>();

/** What each name may begin with: its first two characters, or its first and 某, * or ×. */
function indexPeople(names: readonly string[]): PeopleIndex {
  const byPair = new Map<string, string[]>();
  const numbers: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (/\d/.test(name)) {
      numbers.push(name);
      continue;
    }
    const [first, second] = [...name.replace(/\s+/g, "")];
    if (first === undefined || second === undefined) continue;
    for (const next of new Set([second, "某", "*", "×"])) {
      const key = first + next;
      const list = byPair.get(key);
      if (list) list.push(name);
      else byPair.set(key, [name]);
    }
  }
  return { byPair, numbers };
}

/** The names of a long list that may occur in the text (by its pairs of characters). */
function peopleIn(compact: Compact, people: readonly string[] | undefined): string[] {
  if (!people?.length) return [];
  let index = peopleIndexes.get(people);
  if (!index) {
    index = indexPeople(people);
    peopleIndexes.set(people, index);
  }
  const found: string[] = [...index.numbers];
  const chars = [...compact.text];
  for (let i = 0; i + 1 < chars.length; i++) {
    const hit = index.byPair.get((chars[i] as string) + (chars[i + 1] as string));
    if (hit) found.push(...hit);
  }
  return found;
}

/**
 * The text as the known-term prefilter reads it: without white space (a name may be written
 * 林 安全), and its digits alone (a number however separated).
 */
interface Compact {
  text: string;
  digits: string;
}

/**
 * Whether a known term could occur in `text` at all: its digits in the text's digits, or its
 * first character followed by its second (or 某, *, ×). Thousands of known names (staff,
 * party members) are checked against every public text; only these few reach their pattern.
 */
function mayOccur(name: string, compact: Compact): boolean {
  if (/\d/.test(name)) return compact.digits.includes(name.replace(/\D/g, ""));
  const [first, second] = [...name.replace(/\s+/g, "")];
  if (first === undefined || second === undefined) return false;
  for (const next of [second, "某", "*", "×"]) {
    if (compact.text.includes(first + next)) return true;
  }
  return false;
}

function numberRules(text: string, claims: Claims, notPersonal: Uint8Array): void {
  for (const m of matches(EMAIL, text)) {
    claims.add({ start: m.index, end: m.index + m[0].length, kind: "email", certain: true }, false);
  }
  for (const m of matches(ID_NUMBER, text)) {
    if (!plausibleIdNumber(m[0])) continue;
    claims.add(
      { start: m.index, end: m.index + m[0].length, kind: "id_number", certain: true },
      false,
    );
  }
  for (const m of matches(LABELLED_ID, text)) {
    const [start, end] = m.indices?.[1] ?? [0, 0];
    claims.add({ start, end, kind: "id_number", certain: true }, false);
  }
  for (const m of matches(MOBILE, text)) {
    if (!plausibleGrouping(m[0].replace(/^(?:\+|00)?86/, ""))) continue;
    claims.add({ start: m.index, end: m.index + m[0].length, kind: "phone", certain: true }, false);
  }
  for (const m of matches(BANK_CARD, text)) {
    claims.add(
      { start: m.index, end: m.index + m[0].length, kind: "bank_card", certain: true },
      false,
    );
  }
  for (const m of matches(LABELLED_CARD, text)) {
    const [start, end] = m.indices?.[1] ?? [0, 0];
    claims.add({ start, end, kind: "bank_card", certain: true }, false);
  }
  for (const m of matches(LANDLINE, text)) {
    claims.add({ start: m.index, end: m.index + m[0].length, kind: "phone", certain: true }, false);
  }
  for (const m of matches(LABELLED_PHONE, text)) {
    const [start, end] = m.indices?.[1] ?? [0, 0];
    claims.add({ start, end, kind: "phone", certain: true }, false);
  }
  for (const pattern of [QQ, WECHAT]) {
    for (const m of matches(pattern, text)) {
      const [start, end] = m.indices?.[1] ?? [0, 0];
      claims.add({ start, end, kind: "im_id", certain: true }, false);
    }
  }
  for (const m of matches(PLATE, text)) {
    claims.add({ start: m.index, end: m.index + m[0].length, kind: "plate", certain: true }, false);
  }
  for (const pattern of [HOUSE_NUMBER, ROOM_SHORTHAND, ENGLISH_ADDRESS]) {
    for (const m of matches(pattern, text)) {
      const end = m.index + m[0].trimEnd().length;
      claims.add({ start: m.index, end, kind: "house_number", certain: true }, false);
    }
  }
  for (const m of matches(ROOM_AFTER, text)) {
    const [start, end] = m.indices?.[1] ?? [0, 0];
    claims.add({ start, end, kind: "house_number", certain: true }, false);
  }
  for (const m of matches(BARE_NUMBER, text)) {
    const end = m.index + m[0].length;
    if (notPersonal.subarray(m.index, end).some((x) => x === 1)) continue;
    if (!plausibleGrouping(m[0]) || digitGroups(m[0]).length > 3) continue;
    claims.add({ start: m.index, end, kind: "phone", certain: false }, true);
  }
}

/** Names the system knows, and terms a reviewer marked: certain wherever they occur. */
function knownNameRules(text: string, claims: Claims, context: MaskContext): void {
  const compact = { text: text.replace(/\s+/g, ""), digits: text.replace(/\D/g, "") };
  const few = [...(context.knownNames ?? []), ...(context.mask ?? [])];
  const known = [
    ...new Set([...few.map((n) => n.trim()), ...peopleIn(compact, context.knownPeople)]),
  ]
    .filter((n) => n.length >= 2 && mayOccur(n, compact))
    .sort((a, b) => b.length - a.length);
  for (const name of known) {
    const pattern = knownNamePattern(name);
    if (!pattern) continue;
    for (const m of matches(pattern, text)) {
      const rest = [...m[0].replace(/\s+/g, "")].slice(1);
      if (rest.every((c) => MASKED_NAME_MARKS.has(c))) continue; // already 张某某
      const kind = /\d/.test(name) ? "phone" : "name";
      claims.add({ start: m.index, end: m.index + m[0].length, kind, certain: true }, false);
    }
  }
}

function nameRules(
  text: string,
  claims: Claims,
  tags: ReadonlyArray<{ start: number; end: number }>,
): void {
  // A name after a word that introduces one: 联系人李四, 户主 林 安全, 书记张建华.
  for (const word of NAME_BEFORE_WORDS) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      let i = at + word.length;
      while (i < text.length && /[\s:：]/.test(text[i] as string) && i - at - word.length < 2) i++;
      const name = readName(text, i) ?? (NAME_FOLLOWS.has(word) ? readAnyName(text, i) : null);
      if (!name || isNotAName(text, i)) continue;
      const end = withAddress(text, name.end);
      // 李四 and 张建华 are names; 高兴 after 村民 is not: certain when the given name looks like one.
      const certain =
        SURNAMES_BY_LENGTH(text, i) > 0 &&
        [...name.given].some((c) => GIVEN_NAME_CHARACTERS.has(c));
      claims.add({ start: i, end, kind: "name", certain }, true);
    }
  }

  // A surname (and perhaps a given name) before a form of address: 张先生, 钱志刚师傅.
  for (const word of NAME_AFTER_WORDS) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      const start = nameBefore(text, at);
      if (start === null || isNotAName(text, start)) continue;
      claims.add({ start, end: at + word.length, kind: "name", certain: true }, true);
    }
  }

  // A surname and two characters names are made of, standing apart: 钱志刚, 刘桂兰.
  for (let i = 0; i < text.length; i++) {
    if (claims.isTaken(i) || !SURNAMES_BY_LENGTH(text, i)) continue;
    const before = text[i - 1];
    if (before !== undefined && isHan(before) && !PRECEDES_A_NAME.has(before)) continue;
    if (before !== undefined && !isHan(before) && /[A-Za-z0-9]/.test(before)) continue;
    const name = readName(text, i);
    if (!name || isNotAName(text, i)) continue;
    if (![...name.given].every((c) => GIVEN_NAME_CHARACTERS.has(c))) continue;
    const after = text[name.end];
    const standsApart = after === undefined || !isHan(after) || AFTER_NAME_CHARACTERS.has(after);
    if (name.given.length === 2) {
      claims.add({ start: i, end: name.end, kind: "name", certain: standsApart }, true);
    } else if (standsApart && (before === undefined || !isHan(before)) && !isHan(after)) {
      // Two characters between punctuation (王强、李娜、刘洋): perhaps a list of people.
      claims.add({ start: i, end: name.end, kind: "name", certain: false }, true);
    }
  }

  // Names in English replies: after Mr/Ms or "my name is", or a pinyin surname and given name.
  for (const m of matches(ENGLISH_TITLED_NAME, text)) {
    const [start, end] = m.indices?.[1] ?? [0, 0];
    claims.add({ start, end, kind: "name", certain: true }, true);
  }
  for (const m of matches(PINYIN_NAME, text)) {
    if (!PINYIN_SURNAMES.has(m[1] as string)) continue;
    claims.add({ start: m.index, end: m.index + m[0].length, kind: "name", certain: false }, true);
  }

  // The segmenter's person tags: uncertain, for a reviewer.
  for (const tag of tags) {
    const word = text.slice(tag.start, tag.end);
    if (word.length < 2 || word.length > 4 || ![...word].every(isHan)) continue;
    if ([...word].slice(1).every((c) => MASKED_NAME_MARKS.has(c))) continue;
    if (isNotAName(text, tag.start)) continue;
    // The segmenter tags 通知书 and 谢谢 as names too: only a tag that starts with a surname,
    // and is not itself a word that introduces or addresses one (申请人, 师傅), counts.
    if (!SURNAMES_BY_LENGTH(text, tag.start) || ADDRESS_WORDS.has(word)) continue;
    claims.add({ start: tag.start, end: tag.end, kind: "name", certain: false }, true);
  }
}

const ADDRESS_WORDS = new Set<string>([...NAME_BEFORE_WORDS, ...NAME_AFTER_WORDS]);

function isNotAName(text: string, at: number): boolean {
  return NOT_NAMES.some((word) => text.startsWith(word, at));
}

const ENGLISH_TITLED_NAME =
  /\b(?:Mr|Mrs|Ms|Miss|Dr|Madam|my name is|My name is|I am|named|called|contact person:?|Contact:|landlord,)\.?\s+([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\b/dg;
const PINYIN_NAME = /\b([A-Z][a-z]{0,5})\s([A-Z][a-z]{1,9})\b/g;
const PINYIN_SURNAMES = new Set(
  (
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng " +
    "Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Du " +
    "Ye Cheng Su Wei Lu Ding Ren Shen Yao Cui Zhong Tan Fan Jin Shi Liao Jia Xia Fu Fang Bai " +
    "Zou Meng Xiong Qin Qiu Yin Xue Yan Duan Lei Hou Long Tao Gu Mao Hao Gong Shao Wan Qian " +
    "Dai Mo Kong Xiang Ni Qi Ge Mei Lv Chu Geng Tong Gan"
  ).split(" "),
);

/** A form of address right after a name belongs to the span (联系人李先生 → 李先生). */
function withAddress(text: string, end: number): number {
  for (const word of NAME_AFTER_WORDS) if (text.startsWith(word, end)) return end + word.length;
  return end;
}

/** Where the name before a form of address starts (张|先生, 钱志刚|师傅), or null. */
function nameBefore(text: string, at: number): number | null {
  for (const length of [3, 2]) {
    const start = at - length;
    if (start < 0) continue;
    const surname = SURNAMES_BY_LENGTH(text, start);
    if (!surname || surname >= length) continue;
    const given = text.slice(start + surname, at);
    const ok =
      [...given].every((c) => isHan(c) && !NAME_STOP_CHARACTERS.has(c)) &&
      [...given].some((c) => GIVEN_NAME_CHARACTERS.has(c));
    if (ok) return start;
  }
  for (const length of [2, 1]) {
    const start = at - length;
    if (start >= 0 && SURNAMES_BY_LENGTH(text, start) === length) return start;
  }
  return null;
}

/** Personal data in a text, certain and uncertain, in the order it appears. */
export function findPersonalData(original: string, context: MaskContext = {}): PersonalDataSpan[] {
  const { text, at } = normalise(original);
  const kept = new Uint8Array(text.length);
  markTerms(text, context.keep ?? [], kept);
  const notPersonal = new Uint8Array(text.length);
  for (const pattern of NOT_PERSONAL) {
    for (const m of matches(pattern, text)) notPersonal.fill(1, m.index, m.index + m[0].length);
  }
  const claims = new Claims(text.length, kept);
  // Names the system knows come first: they are certain and nothing else may split them.
  knownNameRules(text, claims, context);
  numberRules(text, claims, notPersonal);
  const tags = context.personTagger ? tagsOnNormalised(original, context.personTagger, at) : [];
  nameRules(text, claims, tags);
  return claims.list
    .map((c) => ({
      start: at[c.start] as number,
      end: (at[c.end - 1] as number) + 1,
      kind: c.kind,
      certain: c.certain,
    }))
    .sort((a, b) => a.start - b.start);
}

/** The tagger reads the original text; its offsets are mapped onto the normalised one. */
function tagsOnNormalised(
  original: string,
  tagger: PersonTagger,
  at: number[],
): Array<{ start: number; end: number }> {
  const toNormalised = new Map(at.map((o, n) => [o, n]));
  const out: Array<{ start: number; end: number }> = [];
  for (const tag of tagger(original)) {
    const start = toNormalised.get(tag.start);
    const end = toNormalised.get(tag.end);
    if (start !== undefined && end !== undefined) out.push({ start, end });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Masking: certain spans replaced, uncertain ones listed for review.

function digitsOf(span: string): string {
  return normalise(span)
    .text.replace(/[^\dXx]/g, "")
    .toUpperCase();
}

function replacementFor(kind: PersonalDataKind, span: string): string {
  const digits = digitsOf(span);
  switch (kind) {
    case "phone": {
      const d = digits.length === 13 && digits.startsWith("86") ? digits.slice(2) : digits;
      if (/^1[3-9]\d{9}$/.test(d)) return `${d.slice(0, 3)}****${d.slice(-4)}`;
      if (/^0\d{9,11}$/.test(d)) return `${d.slice(0, /^0[12]/.test(d) ? 3 : 4)}-********`;
      return "*".repeat(Math.max(4, d.length));
    }
    case "id_number":
      return `${digits.slice(0, 6)}${"*".repeat(12)}`;
    case "bank_card":
      return `${"*".repeat(Math.max(4, digits.length - 4))}${digits.slice(-4)}`;
    case "email": {
      const at = span.indexOf("@");
      return `${span.trim()[0] ?? ""}***${at >= 0 ? span.slice(at).replace(/\s/g, "") : ""}`;
    }
    case "plate": {
      const n = normalise(span).text;
      return `${n.slice(0, 2)}·${"*".repeat(Math.max(1, n.replace(/[^A-Za-z0-9]/g, "").length - 1))}`;
    }
    case "im_id":
      return "*".repeat(span.length);
    case "house_number":
      return normalise(span).text.replace(/\d/g, "*");
    case "name": {
      const n = normalise(span).text.replace(/\s+/g, "");
      const surname = SURNAMES_BY_LENGTH(n, 0) || 1;
      return `${n.slice(0, surname)}某`;
    }
  }
}

/** Masks what is certain and lists what is not, in the masked text's own offsets. */
export function maskPersonalData(input: string, context: MaskContext = {}): MaskedText {
  const spans = findPersonalData(input, context);
  let text = "";
  let from = 0;
  let masked = 0;
  const review: ReviewSpan[] = [];
  for (const span of spans) {
    text += input.slice(from, span.start);
    const original = input.slice(span.start, span.end);
    if (span.certain) {
      text += replacementFor(span.kind, original);
      masked++;
    } else {
      review.push({
        start: text.length,
        end: text.length + original.length,
        kind: span.kind,
        text: original,
      });
      text += original;
    }
    from = span.end;
  }
  text += input.slice(from);
  return { text, masked, review };
}
