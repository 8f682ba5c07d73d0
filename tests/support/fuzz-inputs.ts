import { API_ROUTES, type ROUTE_ACCESS } from "@lianxin/contract";
import { normalizePhone } from "@lianxin/core/phone";
import { CONCERN_FIELD_LIMITS as LIMITS, RATINGS } from "@lianxin/core/vocabulary";
import fc from "fast-check";

/**
 * The fuzz suite's inputs (issue 12): seeded requests to every public route of the contract's
 * table (public access: the residents' API, Open311 and the staff login), shared by the CI test
 * (tests/integration/no-5xx.test.ts) and `pnpm fuzz` (tests/fuzz/main.ts); the harness that
 * sends them and checks the answers and the table is fuzz-harness.ts.
 *
 * Each input is one fast-check sample: input `i` of seed `s` is the first value of the phase's
 * arbitrary under the seed `inputSeed(s, i)`, so any one input is regenerated alone from its
 * seed and index (`pnpm fuzz --seed s --only i`). An input is either valid (it may still be
 * refused by the state: a rate limit, a concern in the wrong state), broken on purpose
 * (`refused: true`: every answer below 400 is then a failure) or odd (hostile, but it may be
 * accepted: zero-width characters, a byte-order mark, a duplicate key…).
 */

type RouteKey = keyof typeof ROUTE_ACCESS;
/** The contract's public routes: `METHOD path` for every route anyone may call. */
export type PublicRoute = {
  [K in RouteKey]: (typeof ROUTE_ACCESS)[K] extends "public" ? K : never;
}[RouteKey];

/** The public routes at run time, from the contract's table (the login is one of them). */
export const PUBLIC_ROUTES: readonly PublicRoute[] = API_ROUTES.filter(
  (r) => r.access === "public",
).map((r) => `${r.method} ${r.path}` as PublicRoute);

/**
 * `request`: the app's WHATWG `request` (as the tests and the local server send); `lambda`: an
 * API Gateway v2 event through the Lambda adapter (raw path, any header text, a source IP).
 */
export type Transport = "request" | "lambda";

export interface FuzzInput {
  /** The route this input aims at (a mangled path may land elsewhere), or none. */
  route: PublicRoute | "unrouted";
  /** What the generator did, e.g. `valid`, `body:wrong-type:villageId`, `wrong-method`. */
  variant: string;
  method: string;
  /** The path as sent: percent-encoded, and for `lambda` not normalised. */
  path: string;
  /** The query string as sent, without `?`. */
  query: string;
  /** The URL's host (`request`) or the Host header (`lambda`). */
  host: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  /** Broken on purpose: any answer below 400 is a failure. */
  refused: boolean;
  transport: Transport;
  /** The connection's address, for `lambda` (API Gateway's sourceIp). */
  sourceIp: string;
  /** For `lambda`: cookies, a text body, a method's case, a Content-Length that lies. */
  lambda?: LambdaExtras;
  /** Which of the route's generators made it. */
  kind: DraftKind;
  /** Personal data planted in the input (see `plantedPersonalData`). */
  planted?: PlantedPersonalData;
}

export interface LambdaExtras {
  cookies?: readonly string[];
  /** The body as text (`isBase64Encoded: false`) rather than base64. */
  textBody: boolean;
  lowerCaseMethod: boolean;
  contentLength?: string;
  /** How the raw path is bent (API Gateway passes it as the client sent it). */
  path?: "double-slash" | "trailing-slash" | "upper-case" | "dot-segment" | "no-leading-slash";
}

/** A raw path bent the way a client may send it. */
function bendPath(path: string, how: NonNullable<LambdaExtras["path"]>): string {
  switch (how) {
    case "double-slash":
      return path.replace(/\//g, "//");
    case "trailing-slash":
      return `${path}/`;
    case "upper-case":
      return path.toUpperCase();
    case "dot-segment":
      return path.replace(/\/([^/]*)$/, "/./$1");
    case "no-leading-slash":
      return path.slice(1);
  }
}

/** Valid (the state may still refuse it), broken on purpose, or odd (hostile, maybe taken). */
export type DraftKind = "valid" | "broken" | "odd";

/** What the inputs are made of: the table's directory and what the harness set up in it. */
export interface FuzzWorld {
  villages: readonly {
    id: string;
    name: string;
    groups: readonly { id: string; name: string }[];
  }[];
  categories: readonly { code: string; conduct: boolean }[];
  /** Concerns filed before the run, with their access codes; some answered (may be rated). */
  concerns: readonly {
    ledgerNo: string;
    accessCode: string;
    answered: boolean;
    conduct: boolean;
  }[];
  /** Ids of published notices. */
  notices: readonly string[];
  /** Open311 api_keys admin issued for the run, and one revoked. */
  open311Keys: readonly string[];
  revokedOpen311Key: string;
  /** The site secret, so that some inputs are believed about the client's address. */
  siteSecret: string;
  /** Accounts whose right password the valid logins send (never a wrong one). */
  logins: readonly { username: string; password: string }[];
  /** Usernames the hostile logins try wrong passwords on (the demo accounts). */
  otherUsernames: readonly string[];
  /** The ledger year (Asia/Shanghai) of the concerns filed now. */
  year: number;
}

export type Phase = "mixed" | "refused";

/** Input `index` of `seed`'s run: fast-check's seed for it (a 32-bit mix of both). */
export function inputSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

export interface FuzzArbitraries {
  /** Valid, broken and odd inputs to every public route, and a few to no route. */
  mixed: fc.Arbitrary<FuzzInput>;
  /** Only inputs broken on purpose (the phase after which the table must be unchanged). */
  refused: fc.Arbitrary<FuzzInput>;
}

/** Input `index` of a run with `seed`, in its phase. */
export function fuzzInput(
  arbitraries: FuzzArbitraries,
  seed: number,
  index: number,
  phase: Phase,
): FuzzInput {
  const [input] = fc.sample(arbitraries[phase], { seed: inputSeed(seed, index), numRuns: 1 });
  if (!input) throw new Error("fast-check gave no sample");
  return input;
}

// ---------------------------------------------------------------------------------------------
// Planted personal data: the hook for a leak search across public answers.

/**
 * Personal data as a resident gives it, recognisable wherever it turns up: a Chinese name, a
 * mobile number, an 18-digit resident ID number with a valid check digit (Huishan district,
 * 320206), an e-mail address and a street address in a village. The valid submissions
 * (portal and Open311) carry one each, in the contact fields and now and then in the title
 * and description, and each input keeps it in `planted`: a leak test collects those of the
 * submissions that got 2xx and searches every public answer for them (no public answer may
 * carry any of them; notices mask them).
 */
export interface PlantedPersonalData {
  name: string;
  /** As typed (separators, +86); `phoneDigits` as stored. */
  phone: string;
  phoneDigits: string;
  idNumber: string;
  email: string;
  address: string;
}

const SURNAMES = [..."张王李赵刘陈杨黄周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾"];
const GIVEN = [..."建国秀英明华丽伟芳军强敏静磊洋艳勇杰娟涛超霞平刚桂兰玉珍"];

export function residentIdNumber(birth: string, sequence: string, region = "320206"): string {
  const body = `${region}${birth}${sequence}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
  return `${body}${"10X98765432"[sum % 11]}`;
}

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(""));

const mobileDigits = fc
  .tuple(fc.constantFrom("13", "15", "17", "18", "19", "16", "14"), digits(9))
  .map(([a, b]) => `${a}${b}`);

const FULL_WIDTH = (s: string) =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/** A mobile number as people type it (normalizePhone must take it). */
const typedMobile = mobileDigits.chain((m) =>
  fc
    .constantFrom(
      m,
      `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`,
      `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`,
      `+86 ${m}`,
      `+86-${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`,
      FULL_WIDTH(m),
    )
    .map((typed) => ({ typed, stored: normalizePhone(typed) ?? m })),
);

/** A landline of the town (0510), maybe with an extension. */
const typedLandline = fc
  .tuple(fc.integer({ min: 2, max: 8 }), digits(7), fc.option(digits(2), { nil: undefined }))
  .chain(([first, rest, ext]) => {
    const local = `${first}${rest}`;
    const tail = ext ? ` 转 ${ext}` : "";
    return fc
      .constantFrom(
        `0510-${local}${tail}`,
        `(0510) ${local.slice(0, 4)} ${local.slice(4)}${tail}`,
        `0510 ${local.slice(0, 4)} ${local.slice(4)}${ext ? ` ext ${ext}` : ""}`,
        `+86 510 ${local}${ext ? ` #${ext}` : ""}`,
        local,
      )
      .map((typed) => ({ typed, stored: normalizePhone(typed) ?? local }));
  });

export function plantedPersonalData(
  places: readonly { village: string; group?: string }[],
): fc.Arbitrary<PlantedPersonalData> {
  return fc
    .record({
      surname: fc.constantFrom(...SURNAMES),
      given: fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 }),
      phone: fc.oneof(
        { weight: 4, arbitrary: typedMobile },
        { weight: 1, arbitrary: typedLandline },
      ),
      birth: fc
        .date({ min: new Date("1940-01-01"), max: new Date("2006-12-31"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10).replace(/-/g, "")),
      sequence: digits(3),
      user: fc.string({
        unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"),
        minLength: 3,
        maxLength: 10,
      }),
      userNo: fc.integer({ min: 1, max: 9999 }),
      domain: fc.constantFrom("example.com", "example.cn", "mail.example.org"),
      place: fc.constantFrom(...places),
      house: fc.integer({ min: 1, max: 300 }),
    })
    .map((p) => ({
      name: `${p.surname}${p.given.join("")}`,
      phone: p.phone.typed,
      phoneDigits: p.phone.stored,
      idNumber: residentIdNumber(p.birth, p.sequence),
      email: `${p.user}${p.userNo}@${p.domain}`,
      address: `${p.place.village}${p.place.group ?? ""}${p.house}号`,
    }));
}

// ---------------------------------------------------------------------------------------------
// Text.

const CJK = [
  ..."倪巷浜河水发黑发臭夏天气味很大附近居民经常感冒希望尽快治理路灯坏了晚上出行不便垃圾清运不及时噪音扰民井盖缺失积水严重危房补助低保医疗就业土地纠纷村组道路破损",
];
const ASCII = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"];
const PUNCTUATION = [..."，。！？、；：“”（）《》 .,!?-/#'\"&<>%"];
const WIDE = ["😀", "🙏", "👨‍👩‍👧", "é", "ｅ", "１", "ß", "İ", "𠀀", "\n", "\t", "\r\n"];
const textUnit = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...CJK) },
  { weight: 4, arbitrary: fc.constantFrom(...ASCII) },
  { weight: 3, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 1, arbitrary: fc.constantFrom(...WIDE) },
);

/** Cut to `max` UTF-16 units without halving a character. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = "";
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** Free text the API must take: `min`–`max` UTF-16 units once trimmed, no forbidden character. */
function cleanText(min: number, max: number): fc.Arbitrary<string> {
  const long = Math.min(max, 300);
  return fc
    .oneof(
      { weight: 9, arbitrary: fc.integer({ min, max: Math.max(min, long) }) },
      { weight: 1, arbitrary: fc.integer({ min, max }) },
    )
    .chain((n) =>
      fc.tuple(
        fc.string({
          unit: fc.constantFrom(...CJK),
          minLength: Math.min(n, min),
          maxLength: Math.min(n, min),
        }),
        fc.string({ unit: textUnit, minLength: 0, maxLength: Math.max(0, n - min) }),
      ),
    )
    .map(([head, tail]) => cut(`${head}${tail}`.trim() || "字", max))
    .map((t) => (t.length >= min ? t : `${t}${"字".repeat(min - t.length)}`));
}

/** Characters no free text may hold: C0/C1 controls, bidi overrides and isolates, half characters. */
const FORBIDDEN = [
  "\u0000",
  "\u0007",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u009b",
  "\u202e",
  "\u202a",
  "\u2066",
  "\u2069",
  "\ud800",
  "\udfff",
  "\ud83d",
];
/** Invisible, but allowed: zero-width space, joiners, word joiner, byte-order mark. */
const INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"];
const INJECTIONS = [
  "' OR '1'='1",
  '"; DROP TABLE concerns; --',
  '{"$gt": ""}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection, sent as text.
  "${7*7}",
  "{{7*7}}",
  "<script>alert(1)</script>",
  "<![CDATA[x]]>&amp;&#0;",
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "%s%n%x%d",
  "\r\nSet-Cookie: x=1",
  "=cmd|' /C calc'!A0",
  "javascript:alert(1)",
  "__proto__",
  "constructor.prototype",
  "nul",
  "CON",
  "☃".repeat(20),
];

const insertAt = (text: string, at: number, what: string) => {
  const chars = [...text];
  const i = Math.min(chars.length, Math.max(0, at));
  return [...chars.slice(0, i), what, ...chars.slice(i)].join("");
};

/** Strings a client might send anywhere: huge, binary, any Unicode, injections, empty. */
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
  { weight: 2, arbitrary: fc.constantFrom(...INJECTIONS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "\t",
      "0",
      "-1",
      "null",
      "undefined",
      "NaN",
      "true",
      "[]",
      "{}",
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom("x", "字", "🙂", "%", "\u200b"),
        fc.integer({ min: 1_000, max: 20_000 }),
      )
      .map(([c, n]) => c.repeat(n)),
  },
);

// ---------------------------------------------------------------------------------------------
// JSON bodies: a valid body, then mutations that break it (refused) or only bend it.

type Kind =
  | "text"
  | "id"
  | "code"
  | "phone"
  | "bool"
  | "enum"
  | "location"
  | "place"
  | "url"
  | "username"
  | "password"
  /** A file's size in bytes: a positive whole number. */
  | "size";
interface FieldSpec {
  name: string;
  kind: Kind;
  required: boolean;
  min?: number;
  max?: number;
}

const CONCERN_FIELDS: FieldSpec[] = [
  { name: "villageId", kind: "id", required: true, max: 64 },
  { name: "groupId", kind: "id", required: false, max: 64 },
  { name: "categoryCode", kind: "code", required: true, max: 40 },
  { name: "title", kind: "text", required: false, max: LIMITS.title },
  {
    name: "description",
    kind: "text",
    required: true,
    min: LIMITS.descriptionMin,
    max: LIMITS.description,
  },
  { name: "address", kind: "text", required: false, max: LIMITS.address },
  { name: "contactName", kind: "text", required: false, max: LIMITS.contactName },
  { name: "contactPhone", kind: "phone", required: false },
  { name: "anonymous", kind: "bool", required: false },
  { name: "location", kind: "location", required: false },
  { name: "place", kind: "place", required: false },
  { name: "mediaUrl", kind: "url", required: false, max: 2000 },
];
const MESSAGE_FIELDS: FieldSpec[] = [
  { name: "text", kind: "text", required: true, min: 1, max: LIMITS.message },
];
const FEEDBACK_FIELDS: FieldSpec[] = [
  { name: "rating", kind: "enum", required: true },
  { name: "comment", kind: "text", required: false, max: LIMITS.ratingComment },
];
const RECOVERY_FIELDS: FieldSpec[] = [{ name: "phone", kind: "phone", required: true }];
const RECOVERY_VERIFY_FIELDS: FieldSpec[] = [
  ...RECOVERY_FIELDS,
  { name: "code", kind: "text", required: true, min: 1, max: 20 },
];
/**
 * A photo's upload request (issue 15). The form's key (`formKey`, required for
 * `POST /api/uploads`) is not bent here: its alphabet and length are the Idempotency-Key's,
 * which the submission's own fuzzing covers.
 */
const UPLOAD_FIELDS: FieldSpec[] = [
  { name: "name", kind: "text", required: true, min: 1, max: 200 },
  { name: "contentType", kind: "text", required: true, max: 100 },
  { name: "size", kind: "size", required: true },
];
const LOGIN_FIELDS: FieldSpec[] = [
  { name: "username", kind: "username", required: true, min: 2, max: 40 },
  { name: "password", kind: "password", required: true, min: 1, max: 200 },
];

type Json = unknown;
interface Bent {
  value: Record<string, Json>;
  refused: boolean;
  tags: string[];
}

const STRINGISH: Kind[] = ["text", "id", "code", "phone", "enum", "url", "username", "password"];

/** Values of the wrong JSON type for a field of this kind (always refused). */
function wrongTypeValues(kind: Kind): Json[] {
  const deep = JSON.parse(`${"[".repeat(200)}${"]".repeat(200)}`);
  if (kind === "bool") return ["true", "false", 0, 1, null, "", [], {}, [true]];
  // Not a positive whole number, or over every purpose's limit (20 MB).
  if (kind === "size") return ["1024", 0, -1, 1.5, 1e308, 21 * 1024 * 1024, null, true, [], {}];
  if (kind === "place") {
    const ok = { lat: 31.64, long: 120.2, datum: "wgs84", accuracyM: 20, source: "browser" };
    return [
      "31.64,120.2",
      [31.64, 120.2],
      { lat: 31.64, long: 120.2 },
      { ...ok, datum: "bd09" },
      { ...ok, datum: null },
      { ...ok, source: "ip" },
      { ...ok, accuracyM: 5000.5 },
      { ...ok, accuracyM: 1e308 },
      { ...ok, accuracyM: -1 },
      { ...ok, accuracyM: "20" },
      // Outside the town's area (Beijing), and at the other end of the world.
      { ...ok, lat: 39.9087, long: 116.3975 },
      { ...ok, lat: -31.64, long: -59.8, datum: "gcj02" },
      { ...ok, lat: 91 },
      { ...ok, extra: 1 },
      null,
      0,
      true,
    ];
  }
  if (kind === "location")
    return [
      "31.5,120.2",
      [31.5, 120.2],
      { lat: "31.5", long: "120.2" },
      { lat: 91, long: 0 },
      { lat: 0, long: 180.5 },
      { lat: 31.5 },
      { lat: 31.5, long: 120.2, alt: 3 },
      { lat: 1e308, long: -1e308 },
      null,
      0,
      true,
    ];
  return [
    0,
    -1,
    1.5,
    1e308,
    -0,
    true,
    false,
    null,
    [],
    {},
    ["x"],
    { $ne: null },
    { $gt: "" },
    deep,
  ];
}

/** One change to a JSON object body, and whether it must get the body refused. */
interface Mutation {
  apply: (o: Record<string, Json>) => Record<string, Json>;
  refused: boolean;
  tag: string;
  /** The field it sets or drops (none: it adds a key of its own). */
  field?: string;
}

/** One mutation of one field of a JSON object body. */
function fieldMutation(fields: FieldSpec[]): fc.Arbitrary<Mutation> {
  const field = fc.constantFrom(...fields);
  const set = (name: string, v: Json) => (o: Record<string, Json>) => ({ ...o, [name]: v });
  const options: fc.Arbitrary<Mutation>[] = [
    // Missing: refused if required.
    field.map((f) => ({
      apply: (o: Record<string, Json>) => {
        const { [f.name]: _, ...rest } = o;
        return rest;
      },
      refused: f.required,
      field: f.name,
      tag: `drop:${f.name}`,
    })),
    // The wrong JSON type, numbers as strings included.
    field.chain((f) =>
      fc.constantFrom(...wrongTypeValues(f.kind)).map((v) => ({
        apply: set(f.name, v),
        refused: STRINGISH.includes(f.kind) ? typeof v !== "string" : true,
        field: f.name,
        tag: `wrong-type:${f.name}`,
      })),
    ),
    // An unknown key (the schemas are strict), prototype pollution keys included.
    fc
      .constantFrom(
        "__proto__",
        "constructor",
        "prototype",
        "toString",
        "hasOwnProperty",
        "$where",
        "isAdmin",
        "status",
        "ledgerNo",
        "accessCode",
        "channel",
        "version",
        "",
        " ",
        "villageId\u0000",
        "VillageId",
      )
      .chain((key) =>
        fc
          .constantFrom<Json>({ isAdmin: true }, null, 1, "x", [], { polluted: "yes" })
          .map((v) => ({
            apply: (o: Record<string, Json>) =>
              // Object.fromEntries defines `__proto__` as an own key, as JSON.parse does.
              Object.fromEntries([...Object.entries(o), [key, v]]),
            refused: true,
            tag: `extra-key:${JSON.stringify(key)}`,
          })),
      ),
  ];
  const texts = fields.filter((f) => STRINGISH.includes(f.kind));
  const limited = texts.filter((f) => f.max !== undefined || f.kind === "phone");
  const withMin = texts.filter((f) => (f.min ?? 0) > 0);
  const textValue = (o: Record<string, Json>, name: string) =>
    typeof o[name] === "string" ? (o[name] as string) : "文字内容足够长的一段话";
  if (limited.length) {
    // Too long: over its limit, or huge (past the 64 KB body limit).
    options.push(
      fc
        .tuple(
          fc.constantFrom(...limited),
          fc.integer({ min: 1, max: 70_000 }),
          fc.constantFrom("a", "字", "7"),
        )
        .map(([f, extra, c]) => ({
          apply: set(
            f.name,
            f.kind === "url"
              ? `https://example.com/${c.repeat((f.max ?? 2000) + extra)}`
              : c.repeat((f.max ?? 20) + extra),
          ),
          refused: true,
          field: f.name,
          tag: `too-long:${f.name}`,
        })),
    );
  }
  if (withMin.length) {
    // Too short once trimmed.
    options.push(
      fc
        .tuple(fc.constantFrom(...withMin), fc.nat(20), fc.constantFrom("字", "a"))
        .map(([f, n, c]) => ({
          apply: set(f.name, ` ${c.repeat(n % (f.min ?? 1))}  `),
          refused: true,
          field: f.name,
          tag: `too-short:${f.name}`,
        })),
    );
  }
  if (texts.length) {
    const textField = fc.constantFrom(...texts);
    options.push(
      // A forbidden character: refused everywhere but in a password (any text) or a URL.
      fc.tuple(textField, fc.constantFrom(...FORBIDDEN), fc.nat(40)).map(([f, ch, at]) => ({
        apply: (o: Record<string, Json>) => ({
          ...o,
          [f.name]: insertAt(textValue(o, f.name), at, ch),
        }),
        refused: f.kind !== "password" && f.kind !== "url",
        field: f.name,
        tag: `forbidden-char:${f.name}:U+${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`,
      })),
      // Invisible: allowed in free text, refused in ids, codes and enums (trimming may take
      // a byte-order mark off a username or a phone number, so those may pass).
      fc.tuple(textField, fc.constantFrom(...INVISIBLE), fc.nat(40)).map(([f, ch, at]) => ({
        apply: (o: Record<string, Json>) => ({
          ...o,
          [f.name]: insertAt(textValue(o, f.name), at, ch),
        }),
        refused: ["id", "code", "enum"].includes(f.kind),
        field: f.name,
        tag: `invisible-char:${f.name}`,
      })),
      // Injections, any Unicode, binary: refused in ids and codes (their alphabet is small).
      fc.tuple(textField, hostileString).map(([f, v]) => ({
        apply: set(f.name, v),
        // An empty optional id is no id at all (a form's blank field).
        refused:
          (f.kind === "id" || f.kind === "code") &&
          !(v === "" && !f.required) &&
          !/^[a-z0-9][a-z0-9_-]*$/.test(v),
        field: f.name,
        tag: `hostile-string:${f.name}`,
      })),
    );
  }
  return fc.oneof(...options);
}

/** A body: valid, or bent by 1–3 field mutations. */
function bentObject(
  fields: FieldSpec[],
  valid: fc.Arbitrary<Record<string, Json>>,
): fc.Arbitrary<Bent> {
  return valid.chain((v) =>
    fc.array(fieldMutation(fields), { minLength: 1, maxLength: 3 }).map((mutations) => {
      let value = v;
      for (const m of mutations) value = m.apply(value);
      // A later mutation of the same field overrides an earlier one (and its refusal).
      const last = mutations.filter(
        (m, i) => m.field === undefined || !mutations.slice(i + 1).some((n) => n.field === m.field),
      );
      return {
        value,
        refused: last.some((m) => m.refused),
        tags: mutations.map((m) => m.tag),
      };
    }),
  );
}

/** JSON text from a value, with `__proto__` and friends as plain keys. */
const toJson = (value: Json) => JSON.stringify(value);

interface BodyDraft {
  body: string | Uint8Array;
  contentType: string | undefined;
  refused: boolean;
  tag: string;
}

/** The whole body as text or bytes: kept, or broken (not JSON, not an object, too large…). */
function bodyEncoding(value: Record<string, Json>): fc.Arbitrary<BodyDraft> {
  const text = toJson(value);
  const json = "application/json";
  const one = (
    body: string | Uint8Array,
    refused: boolean,
    tag: string,
    contentType: string | undefined = json,
  ) => fc.constant<BodyDraft>({ body, contentType, refused, tag });
  // Shadows a key the body has (the later one wins), so it never brings back a dropped field.
  const firstKey = Object.keys(value)[0] ?? "x";
  return fc.oneof(
    { weight: 10, arbitrary: one(text, false, "json") },
    {
      weight: 4,
      arbitrary: fc.oneof(
        one(`[${text}]`, true, "array-wrap"),
        fc.constantFrom("null", "0", '"text"', "true", "[]", "", " ", "{}").map((t) => ({
          body: t,
          contentType: json,
          refused: true,
          tag: `scalar:${t || "empty"}`,
        })),
        fc.nat(Math.max(0, text.length - 1)).map((k) => ({
          body: text.slice(0, k),
          contentType: json,
          refused: true,
          tag: "truncated",
        })),
        fc.constantFrom("x", ",", "}", ",{}", "]").map((g) => ({
          body: `${text}${g}`,
          contentType: json,
          refused: true,
          tag: "trailing-garbage",
        })),
        one(`/* note */${text}`, true, "comment"),
        one(text.replace(/"/g, "'"), true, "single-quotes"),
        one(text.replace(/^\{/, '{"n":NaN,'), true, "nan"),
        one(`${"[".repeat(100_000)}${"]".repeat(100_000)}`, true, "nested-100k"),
        one(`{"a":${"[".repeat(5_000)}${"]".repeat(5_000)}}`, true, "nested-5k"),
        one(
          Buffer.concat([
            Buffer.from(text.slice(0, 5)),
            Buffer.from([0xff, 0xc3, 0x28]),
            Buffer.from(text.slice(5)),
          ]),
          true,
          "invalid-utf8",
        ),
        one(new Uint8Array(Buffer.from(text, "utf16le")), true, "utf16le"),
        one(`${text}${" ".repeat(66_000)}`, true, "over-64kb"),
        one(
          new URLSearchParams(
            Object.entries(value).map(([k, v]): [string, string] => [
              k,
              typeof v === "string" ? v : toJson(v),
            ]),
          ).toString(),
          true,
          "form-encoded",
          "application/x-www-form-urlencoded",
        ),
        fc
          .constantFrom(
            undefined,
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/jsonx",
            "application/xml",
            "json",
          )
          .map((ct) => ({
            body: text,
            contentType: ct,
            refused: true,
            tag: `content-type:${ct ?? "none"}`,
          })),
      ),
    },
    {
      weight: 2,
      arbitrary: fc.oneof(
        one(`\ufeff${text}`, false, "byte-order-mark"),
        one(
          text.replace(/^\{/, `{${JSON.stringify(firstKey)}:"shadowed",`),
          false,
          "duplicate-key",
        ),
        one(
          text.replace(
            /[^\x20-\x7e]/g,
            (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
          ),
          false,
          "ascii-escaped",
        ),
        one(`\n\t ${text} \n`, false, "whitespace"),
        fc
          .constantFrom(
            "application/json; charset=utf-8",
            "APPLICATION/JSON",
            "application/json, text/plain",
            "application/json-seq",
            "application/json;charset=gbk",
          )
          .map((ct) => ({
            body: text,
            contentType: ct,
            refused: false,
            tag: `content-type:${ct}`,
          })),
      ),
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Path parameters, headers, queries.

interface Param {
  /** The segment as it goes in the path (percent-encoded, or raw on purpose). */
  segment: string;
  /** Index in `world.concerns` (or the list the route takes) when it names a known item. */
  known: number | null;
  tag: string;
}

/** Lone surrogates cannot be percent-encoded (a URL carries UTF-8): they become U+FFFD. */
const wellFormed = (s: string) =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
const enc = (s: string) => encodeURIComponent(wellFormed(s));

/** Path segments no item can have: traversal, bad escapes, huge, any Unicode. */
const strangeSegment: fc.Arbitrary<Param> = fc.oneof(
  fc
    .constantFrom(
      "..",
      "../../etc/passwd",
      "..%2F..%2Fetc%2Fpasswd",
      "%2e%2e%2f%2e%2e%2f",
      "....//....//",
      "%00",
      "%",
      "%E0%A4%A",
      "%FF%FE",
      "%C0%AE%C0%AE",
      "a%2Fb",
      "%252e%252e",
      ";jsessionid=1",
      "*",
      "~",
      "%20",
      "0",
      "-1",
      "null",
      "constructor",
      "__proto__",
    )
    .map((segment) => ({ segment, known: null, tag: `param:raw:${segment.slice(0, 20)}` })),
  hostileString
    .filter((s) => s.length > 0)
    .map((s) => ({ segment: enc(s), known: null, tag: "param:hostile" })),
);

/** The concern a segment names after all (an "unknown" number may be a known one), or null. */
function resolves(world: FuzzWorld, segment: string): number | null {
  let text = segment;
  try {
    text = decodeURIComponent(segment);
  } catch {
    // Kept as sent.
  }
  const i = world.concerns.findIndex((c) => c.ledgerNo === text.trim().toUpperCase());
  return i < 0 ? null : i;
}

function ledgerParam(world: FuzzWorld, yearNow: number): fc.Arbitrary<Param> {
  const known = fc.nat(Math.max(0, world.concerns.length - 1));
  return fc
    .oneof(
      {
        weight: 8,
        arbitrary: known.map((i) => ({
          segment: world.concerns[i]?.ledgerNo ?? "LS-2026-000001",
          known: i,
          tag: "ledger:known",
        })),
      },
      {
        weight: 2,
        arbitrary: known.chain((i) =>
          fc
            .constantFrom(
              (s: string) => s.toLowerCase(),
              (s: string) => `%20${s}%20`,
              (s: string) => enc(` ${s}\t`),
            )
            .map((f) => ({
              segment: f(world.concerns[i]?.ledgerNo ?? ""),
              known: i,
              tag: "ledger:known-bent",
            })),
        ),
      },
      {
        weight: 3,
        arbitrary: fc
          .tuple(
            fc.constantFrom("LS", "AB", "ls"),
            fc.constantFrom(yearNow, yearNow - 1, 1970, 9999, 0),
            fc.integer({ min: 0, max: 999_999 }),
          )
          .map(([p, y, n]) => ({
            segment: `${p}-${String(y).padStart(4, "0")}-${String(n).padStart(6, "0")}`,
            known: null,
            tag: "ledger:unknown",
          })),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(
            `LS-${yearNow}-${"9".repeat(40)}`,
            `LS-${"9".repeat(30)}-000001`,
            `LS-${yearNow}-1e6`,
            `LS-${yearNow}-0x0001`,
            FULL_WIDTH(`LS-${yearNow}-000001`),
            `ＬＳ-${yearNow}-000001`,
            `LS\u2010${yearNow}\u2010000001`,
            `LS-${yearNow}-000001\u200b`,
            `\u202eLS-${yearNow}-000001`,
            `LS-${yearNow}-000001.json`,
            `LS-${yearNow}-000001/..`,
          )
          .map((s) => ({ segment: enc(s), known: null, tag: "ledger:lookalike" })),
      },
      { weight: 2, arbitrary: strangeSegment },
    )
    .map((p) => (p.known === null ? { ...p, known: resolves(world, p.segment) } : p));
}

/** A Crockford base32 access code (not the right one but for a 1 in 32^10 chance). */
const wrongCode = fc.string({
  unit: fc.constantFrom(..."0123456789ABCDEFGHJKMNPQRSTVWXYZ"),
  minLength: 10,
  maxLength: 10,
});

/** The X-Access-Code header: the concern's own code (as typed or bent), a wrong one, none, junk. */
function accessCodeHeader(
  world: FuzzWorld,
  known: number | null,
): fc.Arbitrary<{ value: string | undefined; right: boolean; tag: string }> {
  const own = known === null ? undefined : world.concerns[known]?.accessCode;
  const options: fc.Arbitrary<{ value: string | undefined; right: boolean; tag: string }>[] = [
    wrongCode.map((value) => ({ value, right: false, tag: "code:wrong" })),
    fc.constant({ value: undefined, right: false, tag: "code:none" }),
    hostileString.map((s) => ({ value: latin1(s).slice(0, 300), right: false, tag: "code:junk" })),
    // Another concern's code: right for that one, wrong here.
    fc
      .constantFrom(...world.concerns.filter((_, i) => i !== known))
      .map((c) => ({ value: c.accessCode, right: false, tag: "code:another-concern" })),
  ];
  if (own) {
    options.push(
      fc.constant({ value: own, right: true, tag: "code:right" }),
      fc.constant({ value: own, right: true, tag: "code:right" }),
      fc.constant({ value: own, right: true, tag: "code:right" }),
      fc
        .constantFrom(own.toLowerCase(), `${own.slice(0, 5)}-${own.slice(5)}`, ` ${own} `)
        .map((value) => ({ value, right: true, tag: "code:right-typed" })),
      fc.constant({ value: `${own}X`, right: false, tag: "code:right-plus-one" }),
    );
  }
  return fc.oneof(...options);
}

/** Header text for the WHATWG Request: UTF-8 bytes read as Latin-1 (what Node's parser gives), no CR, LF or NUL. */
export function latin1(text: string): string {
  return Buffer.from(text, "utf8")
    .toString("latin1")
    .replace(/[\r\n\0]/g, "");
}

const idempotencyKey = fc.string({
  unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"),
  minLength: 16,
  maxLength: 48,
});

const badIdempotencyKey: fc.Arbitrary<{ value: string | undefined; tag: string }> = fc.oneof(
  fc.constant({ value: undefined, tag: "idempotency:none" }),
  fc
    .constantFrom(
      "",
      "short",
      "x".repeat(129),
      "has space in it",
      "semi;colon-key",
      "ключ-ключ-ключ",
      "../../../../etc",
      "key\u00e9\u00e9\u00e9\u00e9",
    )
    .map((value) => ({ value: latin1(value), tag: "idempotency:bad" })),
);

/** `name=value` pairs as a query string, with odd encodings now and then. */
function queryString(pairs: [string, string][], odd: boolean): string {
  return pairs.map(([k, v]) => (odd ? `${k}=${v}` : `${enc(k)}=${enc(v)}`)).join("&");
}

const junkQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constant(""),
  fc.array(fc.tuple(hostileString, hostileString), { maxLength: 4 }).map((pairs) =>
    queryString(
      pairs.map(([k, v]) => [k.slice(0, 100), v.slice(0, 3000)]),
      false,
    ),
  ),
  fc.constantFrom(
    "%zz=%",
    "a=%E0%A4%A&b",
    "&&&==&",
    "a=1&a=2&a=3",
    "__proto__[x]=1",
    "constructor=1",
    `q=${"%F0%9F%99%82".repeat(500)}`,
    "x".repeat(8_000),
  ),
);

/** A page cursor: random base64, not base64, JSON with the wrong or the right key attributes, huge. */
function cursor(
  partition: Record<string, string>,
): fc.Arbitrary<{ value: string; refused: boolean; tag: string }> {
  const b64 = (s: string) => Buffer.from(s).toString("base64url");
  const keyAttrs = Object.keys(partition).flatMap((k) => [k, k.replace(/pk$/, "sk")]);
  return fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => ({
      value: Buffer.from(b).toString("base64url"),
      refused: true,
      tag: "cursor:random-bytes",
    })),
    fc
      .constantFrom("not-base64!!", "====", "%%%", "🙂")
      .map((value) => ({ value, refused: true, tag: "cursor:not-base64" })),
    fc
      .constantFrom<Json>(
        { pk: { S: 1 } },
        { evil: "1" },
        [],
        "text",
        1,
        null,
        { pk: "x", sk: "y" },
        { pk: "x", sk: "y", ...partition, extra: "1" },
        { pk: 1, sk: 2, ...partition },
        { ...partition },
        { pk: "", sk: "", ...partition },
      )
      .map((v) => ({ value: b64(JSON.stringify(v)), refused: true, tag: "cursor:wrong-keys" })),
    fc
      .tuple(hostileString, hostileString, hostileString)
      .filter(([a, b, c]) => [a, b, c].every((s) => s.length > 0 && s.length < 1000))
      .map(([a, b, c]) => {
        const key: Record<string, string> = { pk: a, sk: b, ...partition };
        for (const k of keyAttrs) if (!(k in partition)) key[k] = c;
        return { value: b64(JSON.stringify(key)), refused: false, tag: "cursor:right-keys" };
      }),
    fc
      .integer({ min: 2_001, max: 6_000 })
      .map((n) => ({ value: "A".repeat(n), refused: true, tag: "cursor:huge" })),
  );
}

// ---------------------------------------------------------------------------------------------
// The routes.

interface Draft {
  variant: string;
  method?: string;
  path: string;
  query?: string;
  headers?: Record<string, string | undefined>;
  body?: string | Uint8Array;
  refused: boolean;
  planted?: PlantedPersonalData;
}

interface RouteFuzzer {
  /** Requests the API should take (the state may still refuse them). */
  valid?: fc.Arbitrary<Draft>;
  /** Requests broken on purpose: every one must be refused. */
  broken?: fc.Arbitrary<Draft>;
  /** Hostile requests that may be taken or refused. */
  odd?: fc.Arbitrary<Draft>;
}

const LANGS = [
  "en",
  "zh-CN",
  "en-US,en;q=0.9",
  "zh;q=0.1, en;q=0.9",
  "fr",
  "*",
  "",
  "x".repeat(500),
  "en\u00e9",
];

/** The contract's route table, one fuzzer per public route: the compiler checks each has one. */
function routeFuzzers(world: FuzzWorld): Record<PublicRoute, RouteFuzzer> {
  const year = world.year;
  const places = world.villages.flatMap((v) => [
    { village: v.name },
    ...v.groups.slice(0, 2).map((g) => ({ village: v.name, group: g.name })),
  ]);
  const planted = plantedPersonalData(places);
  const village = fc.constantFrom(...world.villages);
  const category = fc.constantFrom(...world.categories);
  const publicCategory = fc.constantFrom(...world.categories.filter((c) => !c.conduct));

  // POST /api/concerns --------------------------------------------------------------------
  const concernBody = fc
    .record({
      village,
      category,
      planted,
      title: fc.option(cleanText(1, LIMITS.title), { nil: undefined }),
      description: cleanText(LIMITS.descriptionMin, LIMITS.description),
      mention: fc.constantFrom("none", "none", "phone", "id", "email", "all"),
      withGroup: fc.boolean(),
      contact: fc.constantFrom("all", "all", "name-only", "phone-only", "none"),
      withAddress: fc.boolean(),
      anonymous: fc.option(fc.boolean(), { nil: undefined }),
      location: fc.option(
        fc.record({
          lat: fc.double({ min: -90, max: 90, noNaN: true }),
          long: fc.double({ min: -180, max: 180, noNaN: true }),
        }),
        { nil: undefined, freq: 8 },
      ),
      mediaUrl: fc.option(
        fc.webUrl().filter((u) => u.length <= 2000),
        { nil: undefined, freq: 8 },
      ),
      // "使用我的位置": inside the demo town's area (the tests' default), any datum and
      // accuracy the API takes. Never with `location` (one place per concern).
      place: fc.option(
        fc.record({
          lat: fc.double({ min: 31.2, max: 32, noNaN: true }),
          long: fc.double({ min: 119.6, max: 120.6, noNaN: true }),
          datum: fc.constantFrom("wgs84", "gcj02"),
          accuracyM: fc.double({ min: 0, max: 5000, noNaN: true }),
          source: fc.constantFrom("browser", "wechat"),
        }),
        { nil: undefined, freq: 4 },
      ),
      groupPick: fc.nat(50),
    })
    .map((r) => {
      const group = r.withGroup
        ? r.village.groups[r.groupPick % Math.max(1, r.village.groups.length)]
        : undefined;
      const mention = {
        none: "",
        phone: `联系电话${r.planted.phone}`,
        id: `身份证号${r.planted.idNumber}`,
        email: `邮箱${r.planted.email}`,
        all: `我是${r.planted.name}，电话${r.planted.phone}，身份证${r.planted.idNumber}，邮箱${r.planted.email}，住${r.planted.address}`,
      }[r.mention];
      const body: Record<string, Json> = {
        villageId: r.village.id,
        ...(group ? { groupId: group.id } : {}),
        categoryCode: r.category.code,
        ...(r.title ? { title: r.title } : {}),
        description: cut(`${r.description}${mention}`, LIMITS.description),
        ...(r.withAddress ? { address: r.planted.address } : {}),
        ...(r.contact === "all" || r.contact === "name-only"
          ? { contactName: r.planted.name }
          : {}),
        ...(r.contact === "all" || r.contact === "phone-only"
          ? { contactPhone: r.planted.phone }
          : {}),
        ...(r.anonymous === undefined ? {} : { anonymous: r.anonymous }),
        ...(r.location ? { location: r.location } : r.place ? { place: r.place } : {}),
        ...(r.mediaUrl ? { mediaUrl: r.mediaUrl } : {}),
      };
      return { body, planted: r.planted };
    });

  type Kind3 = "valid" | "broken" | "odd";
  const asJson = (value: Record<string, Json>): BodyDraft => ({
    body: toJson(value),
    contentType: "application/json",
    refused: false,
    tag: "json",
  });

  /**
   * POST /api/concerns. Broken: bent fields, a broken encoding, an unknown village, group or
   * category, or a missing or malformed Idempotency-Key. Odd: bent, maybe accepted.
   */
  const concernPost = (kind: Kind3): fc.Arbitrary<Draft> =>
    fc
      .record({
        base: concernBody,
        key: idempotencyKey,
        badKey: badIdempotencyKey,
        keyChoice: fc.constantFrom("good", "good", "good", "good", "good", "padded", "bad"),
        unknownRef: fc.constantFrom("villageId", "categoryCode", "groupId"),
        shape: fc.constantFrom("fields", "fields", "fields", "encoding", "unknown-reference"),
      })
      .chain((r) => {
        const bent: fc.Arbitrary<Bent> =
          kind === "valid" || r.shape !== "fields"
            ? fc.constant({ value: r.base.body, refused: false, tags: [] })
            : bentObject(CONCERN_FIELDS, fc.constant(r.base.body));
        return bent.chain((b) => {
          let value = b.value;
          let refused = b.refused;
          const tags = [...b.tags];
          if (kind !== "valid" && r.shape === "unknown-reference") {
            value = {
              ...value,
              [r.unknownRef]:
                r.unknownRef === "categoryCode" ? "no_such_category" : "no-such-place",
            };
            refused = true;
            tags.push(`unknown-reference:${r.unknownRef}`);
          }
          let key: string | undefined = r.key;
          if (kind !== "valid" && r.keyChoice === "bad") {
            key = r.badKey.value;
            refused = true;
            tags.push(r.badKey.tag);
          } else if (r.keyChoice === "padded") {
            key = ` ${r.key} `;
            tags.push("idempotency:padded");
          }
          const encodings =
            kind === "valid" || r.shape !== "encoding"
              ? fc.constant(asJson(value))
              : bodyEncoding(value);
          return encodings.map((e) => ({
            variant: [kind === "valid" ? "valid" : "body", ...tags, e.tag].join(":"),
            path: "/api/concerns",
            headers: { "content-type": e.contentType, "idempotency-key": key },
            body: e.body,
            refused: refused || e.refused,
            planted: r.base.planted,
          }));
        });
      })
      .filter((d) => kind !== "broken" || d.refused);

  /**
   * A resident's POST on a concern (messages, feedback): a ledger number, an access code and
   * a JSON body. Valid: a known concern, its right code, a valid body. Broken or odd: any
   * number and code, and maybe a bent body; refused unless the number and code reach a
   * concern and the body is fine.
   */
  const residentPost = (
    path: (segment: string) => string,
    fields: FieldSpec[],
    validBody: fc.Arbitrary<Record<string, Json>>,
    kind: Kind3,
  ): fc.Arbitrary<Draft> => {
    const knownLedger = fc.nat(Math.max(0, world.concerns.length - 1)).map(
      (i): Param => ({
        segment: world.concerns[i]?.ledgerNo ?? "",
        known: i,
        tag: "ledger:known",
      }),
    );
    return fc
      .tuple(
        kind === "valid" ? knownLedger : ledgerParam(world, year),
        validBody,
        fc.constantFrom("body", "code", "both"),
      )
      .chain(([param, body, what]) => {
        // A route without fields (停止短信通知) has no body to bend: only its number and code vary.
        const bendBody = kind !== "valid" && what !== "code" && fields.length > 0;
        return fc.tuple(
          fc.constant(param),
          accessCodeHeader(world, param.known).filter((c) => kind !== "valid" || c.right),
          bendBody
            ? bentObject(fields, fc.constant(body)).chain((b) =>
                fc
                  .oneof(fc.constant(asJson(b.value)), bodyEncoding(b.value))
                  .map((e) => ({ b, e })),
              )
            : fc.constant({
                b: { value: body, refused: false, tags: [] } as Bent,
                e: asJson(body),
              }),
        );
      })
      .map(([param, code, { b, e }]) => ({
        variant: [kind, param.tag, code.tag, ...b.tags, ...(e.tag === "json" ? [] : [e.tag])].join(
          ":",
        ),
        path: path(param.segment),
        headers: { "content-type": e.contentType, "x-access-code": code.value },
        body: e.body,
        refused: b.refused || e.refused || !(param.known !== null && code.right),
      }))
      .filter((d) => kind !== "broken" || d.refused);
  };
  const messageBody = cleanText(1, LIMITS.message).map((text) => ({ text }));
  const feedbackBody = fc
    .record({
      rating: fc.constantFrom(...RATINGS),
      comment: fc.option(cleanText(0, LIMITS.ratingComment), { nil: undefined }),
    })
    .map(({ rating, comment }) => ({ rating, ...(comment === undefined ? {} : { comment }) }));
  const messages = (kind: Kind3) =>
    residentPost((s) => `/api/concerns/${s}/messages`, MESSAGE_FIELDS, messageBody, kind);
  const feedback = (kind: Kind3) =>
    residentPost((s) => `/api/concerns/${s}/feedback`, FEEDBACK_FIELDS, feedbackBody, kind);
  /**
   * 忘记查询码: a ledger number and a body, no access code. Asking for a code answers 202
   * whatever the number and phone (the same answer either way); a guessed code is refused.
   */
  const recoveryPost = (
    path: (segment: string) => string,
    fields: FieldSpec[],
    validBody: fc.Arbitrary<Record<string, Json>>,
    guessing: boolean,
    kind: Kind3,
  ): fc.Arbitrary<Draft> =>
    fc
      .tuple(ledgerParam(world, year), validBody)
      .chain(([param, body]) =>
        (kind === "valid"
          ? fc.constant({ value: body, refused: false, tags: [] } as Bent)
          : bentObject(fields, fc.constant(body))
        ).map((b) => ({ param, b })),
      )
      .map(({ param, b }) => ({
        variant: [kind, param.tag, ...b.tags].join(":"),
        path: path(param.segment),
        headers: { "content-type": "application/json" },
        body: toJson(b.value),
        // Any number gets the same 202 (nothing tells whether it exists); a guess is refused.
        refused: b.refused || guessing,
      }))
      .filter((d) => kind !== "broken" || d.refused);
  const phoneBody = fc.constantFrom("13800138000", "0510-83312345", "+86 139 1234 5678");
  const recovery = (kind: Kind3) =>
    recoveryPost(
      (s) => `/api/concerns/${s}/recovery`,
      RECOVERY_FIELDS,
      phoneBody.map((phone) => ({ phone })),
      false,
      kind,
    );
  const recoveryVerify = (kind: Kind3) =>
    recoveryPost(
      (s) => `/api/concerns/${s}/recovery/verify`,
      RECOVERY_VERIFY_FIELDS,
      fc
        .tuple(phoneBody, fc.integer({ min: 0, max: 999_999 }))
        .map(([phone, n]) => ({ phone, code: String(n).padStart(6, "0") })),
      true,
      kind,
    );
  /** "我的诉求": the bodies of 忘记查询码 without a number; a guessed code is refused. */
  const signIn = (kind: Kind3) =>
    recoveryPost(
      () => "/api/resident/sign-in",
      RECOVERY_FIELDS,
      phoneBody.map((phone) => ({ phone })),
      false,
      kind,
    );
  const signInVerify = (kind: Kind3) =>
    recoveryPost(
      () => "/api/resident/sign-in/verify",
      RECOVERY_VERIFY_FIELDS,
      fc
        .tuple(phoneBody, fc.integer({ min: 0, max: 999_999 }))
        .map(([phone, n]) => ({ phone, code: String(n).padStart(6, "0") })),
      true,
      kind,
    );
  /** No session is ever signed in here: a token is missing, malformed or unknown. */
  const sessionHeader = fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/), { nil: undefined });
  const myConcerns: RouteFuzzer = {
    broken: sessionHeader.map((token) => ({
      variant: token === undefined ? "session:none" : "session:unknown",
      path: "/api/resident/concerns",
      headers: { "x-resident-session": token },
      refused: true,
    })),
  };
  // Signing out of a session that is not live is already done: 204 either way.
  const signOut: RouteFuzzer = {
    valid: sessionHeader.map((token) => ({
      variant: "session:unknown",
      path: "/api/resident/session",
      headers: { "x-resident-session": token },
      refused: false,
    })),
  };
  // Photos (issue 15): a signed POST for a form's photo, or for a concern's.
  const uploadBody = fc
    .record({
      name: fc.constantFrom("IMG_0001.jpg", "河道.png", "photo", "照片 1.webp"),
      contentType: fc.constantFrom(
        "image/jpeg",
        "image/png",
        "image/webp",
        "",
        "application/octet-stream",
      ),
      size: fc.integer({ min: 1, max: 10 * 1024 * 1024 }),
    })
    // A name and a type that name different kinds are the processor's to judge (from bytes).
    .map((b) => b as Record<string, Json>);
  const formKey = fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/);
  const formUpload = (kind: Kind3): fc.Arbitrary<Draft> =>
    fc
      .tuple(uploadBody, formKey, fc.boolean())
      .chain(([body, key, withoutKey]) =>
        (kind === "valid"
          ? fc.constant({ value: { ...body, formKey: key }, refused: false, tags: [] } as Bent)
          : kind === "broken" && withoutKey
            ? fc.constant({ value: body, refused: true, tags: ["drop:formKey"] } as Bent)
            : bentObject(UPLOAD_FIELDS, fc.constant({ ...body, formKey: key }))
        ).chain((b) =>
          (kind === "valid"
            ? fc.constant(asJson(b.value))
            : fc.oneof(fc.constant(asJson(b.value)), bodyEncoding(b.value))
          ).map((e) => ({ b, e })),
        ),
      )
      .map(({ b, e }) => ({
        variant: [kind, ...b.tags, ...(e.tag === "json" ? [] : [e.tag])].join(":"),
        path: "/api/uploads",
        headers: { "content-type": e.contentType },
        body: e.body,
        refused: b.refused || e.refused,
      }))
      .filter((d) => kind !== "broken" || d.refused);
  const concernUpload = (kind: Kind3) =>
    residentPost((s) => `/api/concerns/${s}/uploads`, UPLOAD_FIELDS, uploadBody, kind);
  const uploadStatus: RouteFuzzer = {
    broken: fc
      .oneof(
        fc.stringMatching(/^u[A-Za-z0-9_-]{22}$/),
        strangeSegment.map((p) => p.segment),
      )
      .map((id) => ({
        variant: "upload:unknown",
        path: `/api/uploads/${id}`,
        refused: true,
      })),
  };
  // 停止短信通知 takes no fields: what varies is the number and the code.
  const stopSms = (kind: Kind3) =>
    residentPost((s) => `/api/concerns/${s}/sms-opt-out`, [], fc.constant({}), kind);

  const track: RouteFuzzer = {
    valid: fc
      .nat(Math.max(0, world.concerns.length - 1))
      .chain((i) =>
        accessCodeHeader(world, i)
          .filter((c) => c.right)
          .map((code) => ({ i, code })),
      )
      .map(({ i, code }) => ({
        variant: `valid:${code.tag}`,
        path: `/api/concerns/${world.concerns[i]?.ledgerNo}`,
        headers: { "x-access-code": code.value },
        refused: false,
      })),
    odd: fc.tuple(ledgerParam(world, year), junkQuery).chain(([param, query]) =>
      accessCodeHeader(world, param.known).map((code) => ({
        variant: `${param.tag}:${code.tag}`,
        path: `/api/concerns/${param.segment}`,
        query,
        headers: { "x-access-code": code.value },
        refused: !(param.known !== null && code.right),
      })),
    ),
  };
  track.broken = track.odd?.filter((d) => d.refused);

  // GET /api/notices ------------------------------------------------------------------------
  const month = fc
    .tuple(fc.integer({ min: year - 2, max: year }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, "0")}`);
  const badMonth = fc.constantFrom(
    "2026-13",
    "2026-00",
    "2026-1",
    "26-01",
    "0000-00",
    "2026-01-01",
    "２０２６-０１",
    "-001-01",
    "9999-99",
    "x",
  );
  const noticeQuery = (kind: "valid" | "broken" | "odd"): fc.Arbitrary<Draft> =>
    fc
      .record({
        village: fc.option(
          fc.oneof(
            village.map((v) => v.id),
            hostileString.map((s) => s.slice(0, 64)),
          ),
          { nil: undefined },
        ),
        outcome: fc.option(fc.constantFrom("resolved", "explained", "assisted"), {
          nil: undefined,
        }),
        month: fc.option(month, { nil: undefined }),
        q: fc.option(
          fc.oneof(cleanText(1, 20), fc.constantFrom("河", "路灯", "LS-", "%", "_", "\\")),
          { nil: undefined },
        ),
        cursor: cursor({ gsi1pk: "NOTICES#published" }),
        withCursor: fc.boolean(),
        breaker: fc.constantFrom<[string, fc.Arbitrary<string>]>(
          ["month", badMonth],
          ["outcome", fc.constantFrom("RESOLVED", "bad", "resolved ", "0")],
          ["q", fc.integer({ min: 51, max: 5_000 }).map((n) => "字".repeat(n))],
          ["village", fc.integer({ min: 65, max: 5_000 }).map((n) => "a".repeat(n))],
        ),
      })
      .chain((r) =>
        r.breaker[1].map((bad) => {
          const pairs: [string, string][] = [];
          let refused = false;
          const tags: string[] = [kind];
          if (r.village) pairs.push(["village", r.village]);
          if (r.outcome) pairs.push(["outcome", r.outcome]);
          if (r.month) pairs.push(["month", r.month]);
          if (r.q) pairs.push(["q", r.q]);
          if (kind !== "valid" && r.withCursor) {
            pairs.push(["cursor", r.cursor.value]);
            refused ||= r.cursor.refused;
            tags.push(r.cursor.tag);
          }
          if (kind === "broken" || (kind === "odd" && !r.withCursor)) {
            // The API reads a parameter's first value: the bad one replaces any other.
            const name = r.breaker[0];
            pairs.splice(0, pairs.length, ...pairs.filter(([k]) => k !== name));
            pairs.push([name, bad]);
            refused = true;
            tags.push(`bad-${r.breaker[0]}`);
          }
          return {
            variant: tags.join(":"),
            path: "/api/notices",
            query: queryString(pairs, false),
            refused,
          };
        }),
      );

  // Plain GETs: a valid request, and junk queries (which should be ignored) --------------------
  const plainGet = (path: string): RouteFuzzer => ({
    valid: fc.constant({ variant: "valid", path, refused: false }),
    odd: junkQuery.map((query) => ({ variant: "junk-query", path, query, refused: false })),
  });

  const idParam = (
    ids: readonly string[],
    path: (s: string) => string,
    bend = true,
  ): RouteFuzzer => ({
    ...(ids.length
      ? {
          valid: fc
            .constantFrom(...ids)
            .map((id) => ({ variant: "valid", path: path(id), refused: false })),
        }
      : {}),
    broken: fc
      .oneof(
        strangeSegment,
        fc
          .constantFrom(`LS-${year}-999999`, "no-such-village", "LS-1999-000001")
          .map((s) => ({ segment: s, known: null, tag: "param:unknown" })),
      )
      .map((p) => ({ variant: p.tag, path: path(p.segment), refused: true })),
    ...(bend && ids.length
      ? {
          odd: fc
            .constantFrom(...ids)
            .chain((id) =>
              fc.constantFrom(
                id.toLowerCase(),
                id.toUpperCase(),
                `%20${id}`,
                `${id}%20`,
                enc(`${id}\u200b`),
              ),
            )
            .map((segment) => ({ variant: "param:bent", path: path(segment), refused: false })),
        }
      : {}),
  });

  // GET /api/statistics/field-work ---------------------------------------------------------------
  const fieldWork: RouteFuzzer = {
    valid: fc.tuple(month, fc.nat(30)).map(([to, back]) => {
      const [y, m] = to.split("-").map(Number) as [number, number];
      const fromIndex = y * 12 + (m - 1) - back;
      const from = `${Math.floor(fromIndex / 12)}-${String((fromIndex % 12) + 1).padStart(2, "0")}`;
      return {
        variant: "valid",
        path: "/api/statistics/field-work",
        query: `from=${from}&to=${to}`,
        refused: false,
      };
    }),
    broken: fc.tuple(fc.constantFrom("from", "to"), badMonth).map(([name, bad]) => ({
      variant: `bad-${name}`,
      path: "/api/statistics/field-work",
      query: queryString([[name, bad]], false),
      refused: true,
    })),
    odd: fc
      .tuple(
        fc.option(
          fc.oneof(month, badMonth, fc.constantFrom("0000-01", "9999-12", "0001-01", "1970-01")),
          { nil: undefined },
        ),
        fc.option(
          fc.oneof(month, badMonth, fc.constantFrom("0000-01", "9999-12", "0001-12", "2026-02")),
          { nil: undefined },
        ),
      )
      .map(([from, to]) => ({
        variant: "range",
        path: "/api/statistics/field-work",
        query: queryString(
          [
            ...(from ? [["from", from] as [string, string]] : []),
            ...(to ? [["to", to] as [string, string]] : []),
          ],
          false,
        ),
        refused: false,
      })),
  };

  // POST /api/staff/session ---------------------------------------------------------------------
  const login: RouteFuzzer = {
    ...(world.logins.length
      ? {
          valid: fc
            .tuple(
              fc.constantFrom(...world.logins),
              fc.constantFrom(
                (u: string) => u,
                (u: string) => u.toUpperCase(),
                (u: string) => ` ${u} `,
              ),
            )
            .map(([l, bend]) => ({
              variant: "valid",
              path: "/api/staff/session",
              headers: { "content-type": "application/json" },
              body: toJson({ username: bend(l.username), password: l.password }),
              refused: false,
            })),
        }
      : {}),
    broken: fc
      .record({
        username: fc.oneof(
          fc.constantFrom(...world.otherUsernames),
          fc
            .string({
              unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789._-"),
              minLength: 2,
              maxLength: 40,
            })
            .filter((u) => /^[a-z0-9]/.test(u)),
        ),
        password: fc.oneof(
          hostileString.map((s) => s.slice(0, 200)).filter((s) => s.length > 0),
          fc.constant("demo-only-change-me-not"),
        ),
      })
      .filter(({ username }) => !world.logins.some((l) => l.username === username))
      .chain(({ username, password }) =>
        bentObject(LOGIN_FIELDS, fc.constant({ username, password })).chain((b) =>
          fc.oneof(
            {
              weight: 2,
              arbitrary: fc.constant<BodyDraft>({
                body: toJson({ username, password }),
                contentType: "application/json",
                refused: true,
                tag: "wrong-password",
              }),
            },
            {
              weight: 1,
              arbitrary: fc.constant<BodyDraft>({
                body: toJson(b.value),
                contentType: "application/json",
                refused: true,
                tag: b.tags.join(":"),
              }),
            },
            {
              weight: 1,
              arbitrary: bodyEncoding({ username, password }).map((e) => ({ ...e, refused: true })),
            },
          ),
        ),
      )
      .map((e) => ({
        variant: `login:${e.tag}`,
        path: "/api/staff/session",
        headers: { "content-type": e.contentType },
        body: e.body,
        refused: true,
      })),
  };

  // Open311 ----------------------------------------------------------------------------------
  const V2 = "/open311/v2";
  const form = (entries: [string, string][], plus: boolean) =>
    plus
      ? new URLSearchParams(entries).toString()
      : entries.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
  const multipart = (entries: [string, string][], boundary: string) =>
    `${entries.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("")}--${boundary}--\r\n`;
  const open311Valid = fc
    .record({
      key: fc.constantFrom(...world.open311Keys),
      keyInQuery: fc.boolean(),
      category: publicCategory,
      village,
      where: fc.constantFrom("address_id", "attribute", "address_string", "latlong"),
      withGroup: fc.boolean(),
      groupPick: fc.nat(50),
      title: fc.option(cleanText(1, LIMITS.title), { nil: undefined }),
      description: cleanText(LIMITS.descriptionMin, 1_000),
      planted,
      contact: fc.constantFrom("all", "name", "none"),
      lat: fc.double({ min: 30, max: 32, noNaN: true }).map((d) => d.toFixed(6)),
      long: fc.double({ min: 119, max: 121, noNaN: true }).map((d) => d.toFixed(6)),
      media: fc.option(
        fc.webUrl().filter((u) => u.length <= 2000),
        { nil: undefined, freq: 6 },
      ),
      extras: fc.subarray([
        ["device_id", "dev-1"],
        ["account_id", "42"],
        ["jurisdiction_id", "luoshe"],
        ["email", ""],
      ] as [string, string][]),
      shuffle: fc.nat(),
    })
    .map((r) => {
      const group = r.withGroup
        ? r.village.groups[r.groupPick % Math.max(1, r.village.groups.length)]
        : undefined;
      const entries: [string, string][] = [["service_code", r.category.code]];
      if (!r.keyInQuery) entries.push(["api_key", r.key]);
      if (r.where === "address_id") entries.push(["address_id", r.village.id]);
      if (r.where === "attribute" || r.where === "latlong")
        entries.push(["attribute[village]", r.village.id]);
      if (r.where === "latlong") entries.push(["lat", r.lat], ["long", r.long]);
      entries.push([
        "address_string",
        r.where === "address_string"
          ? `${r.village.name}${group?.name ?? ""}${r.planted.address.replace(/^.*?(\d+号)$/, "$1")}`
          : r.planted.address,
      ]);
      if (group) entries.push(["attribute[group]", group.id]);
      if (r.title) entries.push(["attribute[title]", r.title]);
      entries.push(["description", r.description]);
      if (r.contact !== "none")
        entries.push(
          ["first_name", r.planted.name.slice(1)],
          ["last_name", r.planted.name.slice(0, 1)],
        );
      if (r.contact === "all") entries.push(["phone", r.planted.phone], ["email", r.planted.email]);
      if (r.media) entries.push(["media_url", r.media]);
      for (const [k, v] of r.extras)
        if (!entries.some(([e]) => e === k)) entries.push([k, v || r.planted.email]);
      // Order does not matter to a form: rotate it.
      const turn = r.shuffle % entries.length;
      return {
        entries: [...entries.slice(turn), ...entries.slice(0, turn)],
        key: r.key,
        keyInQuery: r.keyInQuery,
        planted: r.planted,
      };
    });
  const open311Post = (format: "json" | "xml"): RouteFuzzer => {
    const path = `${V2}/requests.${format}`;
    const send = (
      o: {
        entries: [string, string][];
        key: string;
        keyInQuery: boolean;
        planted: PlantedPersonalData;
      },
      variant: string,
      refused: boolean,
      encoding: "plus" | "percent" | "multipart" = "percent",
    ) => ({
      variant,
      path,
      query: o.keyInQuery ? `api_key=${enc(o.key)}` : "",
      headers: {
        "content-type":
          encoding === "multipart"
            ? "multipart/form-data; boundary=fuzzbound"
            : "application/x-www-form-urlencoded",
      },
      body:
        encoding === "multipart"
          ? multipart(o.entries, "fuzzbound")
          : form(o.entries, encoding === "plus"),
      refused,
      planted: o.planted,
    });
    const without = (entries: [string, string][], names: string[]) =>
      entries.filter(([k]) => !names.includes(k));
    const setField = (
      entries: [string, string][],
      name: string,
      value: string,
    ): [string, string][] => [...without(entries, [name]), [name, value]];
    type Breaker = (o: {
      entries: [string, string][];
      key: string;
      keyInQuery: boolean;
      planted: PlantedPersonalData;
    }) => fc.Arbitrary<Draft>;
    const breakers: Breaker[] = [
      // No key, a malformed, unknown or revoked key: 403.
      (o) =>
        fc
          .constantFrom<[string, string | undefined]>(
            ["none", undefined],
            ["malformed", "not-a-key"],
            ["upper", o.key.toUpperCase()],
            ["unknown", `lx311_${"0".repeat(32)}`],
            ["revoked", world.revokedOpen311Key],
            ["truncated", o.key.slice(0, -1)],
          )
          .map(([tag, key]) =>
            send(
              {
                ...o,
                keyInQuery: false,
                entries: [
                  ...without(o.entries, ["api_key"]),
                  ...(key === undefined ? [] : [["api_key", key] as [string, string]]),
                ],
              },
              `open311:api-key:${tag}`,
              true,
            ),
          ),
      (o) =>
        fc
          .constantFrom<[string, string | undefined]>(
            ["none", undefined],
            ["unknown", "no_such_service"],
            ["conduct", world.categories.find((c) => c.conduct)?.code ?? "cadre_conduct"],
            ["junk", "Bad Code!"],
          )
          .map(([tag, code]) =>
            send(
              {
                ...o,
                entries: [
                  ...without(o.entries, ["service_code"]),
                  ...(code === undefined ? [] : [["service_code", code] as [string, string]]),
                ],
              },
              `open311:service-code:${tag}`,
              true,
            ),
          ),
      (o) =>
        fc
          .constantFrom<[string, [string, string][]]>(
            ["no-place", []],
            ["lat-only", [["lat", "31.5"]]],
            [
              "exponent",
              [
                ["lat", "3.1e1"],
                ["long", "120"],
                ["attribute[village]", "meijing"],
              ],
            ],
            [
              "hex",
              [
                ["lat", "0x1F"],
                ["long", "120"],
                ["attribute[village]", "meijing"],
              ],
            ],
            [
              "out-of-range",
              [
                ["lat", "91"],
                ["long", "120"],
                ["attribute[village]", "meijing"],
              ],
            ],
            ["unknown-village", [["address_id", "no-such-place"]]],
            [
              "two-villages",
              [
                ["address_id", "meijing"],
                ["attribute[village]", "doumen"],
              ],
            ],
            ["nowhere", [["address_string", "Somewhere Else 1"]]],
          )
          .map(([tag, place]) =>
            send(
              {
                ...o,
                entries: [
                  ...without(o.entries, [
                    "address_id",
                    "attribute[village]",
                    "address_string",
                    "lat",
                    "long",
                    "attribute[group]",
                  ]),
                  ...place,
                ],
              },
              `open311:location:${tag}`,
              true,
            ),
          ),
      (o) =>
        fc
          .constantFrom<[string, string | undefined]>(
            ["none", undefined],
            ["short", "太短"],
            ["long", "字".repeat(4_001)],
            ["nul", "内容内容内容内容内容\u0000"],
            ["bidi", "内容内容内容内容内容\u202e"],
          )
          .map(([tag, d]) =>
            send(
              {
                ...o,
                entries: [
                  ...without(o.entries, ["description"]),
                  ...(d === undefined ? [] : [["description", d] as [string, string]]),
                ],
              },
              `open311:description:${tag}`,
              true,
            ),
          ),
      (o) =>
        fc
          .constantFrom<[string, [string, string][]]>(
            ["repeated", [["description", "重复的描述重复的描述"]]],
            ["attribute-unknown", [["attribute[colour]", "red"]]],
            [
              "attribute-twice",
              [
                ["attribute[title]", "一"],
                ["attribute[title]", "二"],
              ],
            ],
            ["phone", [["phone", "12345"]]],
            ["media-javascript", [["media_url", "javascript:alert(1)"]]],
            ["media-data", [["media_url", "data:text/html,<script>alert(1)</script>"]]],
            ["media-userinfo", [["media_url", "https://user:pass@example.com/x.jpg"]]],
            ["media-relative", [["media_url", "/x.jpg"]]],
            ["media-long", [["media_url", `https://example.com/${"a".repeat(2_001)}`]]],
            ["first-name-nul", [["first_name", "三\u0000"]]],
          )
          .map(([tag, more]) =>
            send(
              {
                ...o,
                entries: [
                  ...(tag === "repeated"
                    ? o.entries
                    : without(
                        o.entries,
                        more.map(([k]) => k),
                      )),
                  ...more,
                ],
              },
              `open311:field:${tag}`,
              true,
            ),
          ),
      // The body itself: not UTF-8, bad escapes, JSON, no type, a file, over 64 KB.
      (o) =>
        fc
          .constantFrom(
            "bad-escape",
            "lone-percent",
            "not-utf8",
            "json",
            "no-type",
            "file",
            "bad-multipart",
            "too-large",
          )
          .map((tag) => {
            const body = form(o.entries, false);
            const draft = send(o, `open311:encoding:${tag}`, true);
            if (tag === "bad-escape") return { ...draft, body: `${body}&x=%zz` };
            if (tag === "lone-percent") return { ...draft, body: `${body}&x=100%` };
            if (tag === "not-utf8")
              return {
                ...draft,
                body: Buffer.concat([
                  Buffer.from(body),
                  Buffer.from("&x="),
                  Buffer.from([0xff, 0xfe]),
                ]),
              };
            if (tag === "json")
              return {
                ...draft,
                headers: { "content-type": "application/json" },
                body: toJson(Object.fromEntries(o.entries)),
              };
            if (tag === "no-type") return { ...draft, headers: {} };
            if (tag === "file")
              return {
                ...draft,
                headers: { "content-type": "multipart/form-data; boundary=b" },
                body: `${multipart(o.entries, "b").replace(/--b--\r\n$/, "")}--b\r\nContent-Disposition: form-data; name="media"; filename="x.jpg"\r\nContent-Type: image/jpeg\r\n\r\nJPEG\r\n--b--\r\n`,
              };
            if (tag === "bad-multipart")
              return {
                ...draft,
                headers: { "content-type": "multipart/form-data; boundary=b" },
                body: "--x\r\nnot a part",
              };
            return { ...draft, body: `${body}&pad=${"a".repeat(66_000)}` };
          }),
    ];
    const odd: Breaker = (o) =>
      fc
        .tuple(
          fc.constantFrom("extra-name", "extra-value", "override"),
          hostileString,
          fc.constantFrom(
            "attribute[title]",
            "first_name",
            "last_name",
            "address_string",
            "email",
            "device_id",
          ),
        )
        .map(([how, text, field]) => {
          const entries: [string, string][] =
            how === "extra-name"
              ? [...o.entries, [text.slice(0, 200) || "x", "1"]]
              : how === "extra-value"
                ? [...o.entries, ["note", text]]
                : setField(o.entries, field, text);
          return send(
            { ...o, entries },
            `open311:odd:${how}${how === "override" ? `:${field}` : ""}`,
            false,
          );
        });
    return {
      valid: fc
        .tuple(
          open311Valid,
          fc.constantFrom<"plus" | "percent" | "multipart">(
            "plus",
            "percent",
            "percent",
            "multipart",
          ),
        )
        .map(([o, e]) => send(o, `open311:valid:${e}`, false, e)),
      broken: open311Valid.chain((o) => fc.oneof(...breakers.map((b) => b(o)))),
      odd: open311Valid.chain(odd),
    };
  };

  const open311Query = (format: "json" | "xml"): RouteFuzzer => {
    const path = `${V2}/requests.${format}`;
    const ids = world.concerns.map((c) => c.ledgerNo);
    const date = fc.oneof(
      fc
        .date({
          min: new Date(Date.now() - 200 * 86_400_000),
          max: new Date(Date.now() + 86_400_000),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString()),
      fc
        .date({ min: new Date(Date.now() - 80 * 86_400_000), max: new Date(), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    );
    /** Dates the window refuses wherever they stand (others, like 0000-01-01, may yet pass). */
    const brokenDate = fc.constantFrom(
      "yesterday",
      "2026-13-01",
      "2026-01-01T25:00:00Z",
      "2026-01-01T00:00:00",
      "1e9",
      "2026-01-01T00:00:00.1234567890Z",
      "-001-01-01",
      "2026-1-1",
    );
    const badDate = fc.constantFrom(
      "yesterday",
      "2026-02-30",
      "2026-13-01",
      "2026-01-01T25:00:00Z",
      "2026-01-01T00:00:00",
      "0000-01-01",
      "9999-12-31T23:59:59+14:00",
      "1e9",
      "2026-01-01T00:00:00.1234567890Z",
      "-001-01-01",
    );
    return {
      valid: fc
        .record({
          ids: fc.option(fc.subarray(ids, { minLength: 1 }), { nil: undefined, freq: 3 }),
          codes: fc.option(
            fc.subarray(
              world.categories.map((c) => c.code),
              { minLength: 1, maxLength: 3 },
            ),
            { nil: undefined },
          ),
          status: fc.option(fc.constantFrom("open", "closed", "open,closed", "OPEN"), {
            nil: undefined,
          }),
          start: fc.option(
            fc.date({
              min: new Date(Date.now() - 60 * 86_400_000),
              max: new Date(),
              noInvalidDate: true,
            }),
            { nil: undefined },
          ),
          page: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
          pageSize: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
          extensions: fc.option(fc.constantFrom("true", "false", "TRUE"), { nil: undefined }),
        })
        .map((r) => {
          const pairs: [string, string][] = [];
          if (r.ids) pairs.push(["service_request_id", r.ids.join(",")]);
          if (r.codes) pairs.push(["service_code", r.codes.join(",")]);
          if (r.status) pairs.push(["status", r.status]);
          if (r.start) pairs.push(["start_date", r.start.toISOString()]);
          if (r.page) pairs.push(["page", String(r.page)]);
          if (r.pageSize) pairs.push(["page_size", String(r.pageSize)]);
          if (r.extensions) pairs.push(["extensions", r.extensions]);
          return {
            variant: "open311:list:valid",
            path,
            query: queryString(pairs, false),
            refused: false,
          };
        }),
      broken: fc
        .constantFrom<[string, fc.Arbitrary<string>]>(
          ["extensions", fc.constantFrom("yes", "1", "on", "")],
          [
            "service_request_id",
            fc.constantFrom(
              "LS-1",
              "not-a-number",
              Array.from(
                { length: 101 },
                (_, i) => `LS-${year}-${String(i + 1).padStart(6, "0")}`,
              ).join(","),
              "LS-2026-000001,../x",
            ),
          ],
          ["status", fc.constantFrom("pending", "open;closed", "all")],
          ["page", fc.constantFrom("0", "-1", "1e3", "abc", "99999999", "10001", "1.5")],
          ["page_size", fc.constantFrom("0", "1001", "-5", "1e2", "x")],
          ["start_date", brokenDate],
          ["end_date", brokenDate],
          ["service_code", fc.constantFrom("Bad Code!", "环境", "a b")],
        )
        .chain(([name, value]) =>
          value.map((v) => ({
            variant: `open311:list:bad-${name}`,
            path,
            // The extensions value "" reads as absent: repeat it instead, which is refused.
            query:
              name === "extensions" && v === ""
                ? "extensions=true&extensions=false"
                : queryString([[name, v]], false),
            refused: true,
          })),
        ),
      odd: fc
        .record({
          start: fc.option(fc.oneof(date, badDate), { nil: undefined }),
          end: fc.option(fc.oneof(date, badDate), { nil: undefined }),
          junk: junkQuery,
          repeat: fc.boolean(),
        })
        .map((r) => {
          const pairs: [string, string][] = [];
          if (r.start) pairs.push(["start_date", r.start]);
          if (r.end) pairs.push(["end_date", r.end]);
          if (r.repeat && r.start) pairs.push(["start_date", r.start]);
          return {
            variant: "open311:list:dates",
            path,
            query: [queryString(pairs, false), r.junk].filter(Boolean).join("&"),
            refused: false,
          };
        }),
    };
  };

  const open311File = (
    prefix: string,
    ids: readonly string[],
    hidden: readonly string[],
  ): RouteFuzzer => ({
    ...(ids.length
      ? {
          valid: fc
            .tuple(
              fc.constantFrom(...ids),
              fc.constantFrom("json", "xml"),
              fc.constantFrom("", "extensions=true", "extensions=false"),
            )
            .map(([id, f, q]) => ({
              variant: "open311:file:valid",
              path: `${prefix}/${id}.${f}`,
              query: q,
              refused: false,
            })),
        }
      : {}),
    broken: fc
      .oneof(
        fc
          .tuple(
            fc.constantFrom(...(ids.length ? ids : ["x"])),
            fc.constantFrom("", ".html", ".JSON", ".json.xml", ".", ".json%00"),
          )
          .map(([id, ext]) => `${id}${ext}`),
        fc
          .tuple(
            fc.constantFrom(
              ...(hidden.length ? hidden : ["LS-1999-000001"]),
              "no_such",
              `LS-${year}-999999`,
              "__proto__",
            ),
            fc.constantFrom("json", "xml"),
          )
          .map(([id, f]) => `${id}.${f}`),
        strangeSegment.map((p) => `${p.segment}.json`),
      )
      .map((file) => ({
        variant: "open311:file:unknown",
        path: `${prefix}/${file}`,
        refused: true,
      })),
    odd: fc
      .tuple(
        fc.constantFrom(...(ids.length ? ids : ["x"])),
        fc.constantFrom("json", "xml"),
        junkQuery,
      )
      .map(([id, f, q]) => ({
        variant: "open311:file:junk-query",
        path: `${prefix}/${enc(id.toLowerCase())}.${f}`,
        query: q,
        refused: false,
      })),
  });

  const publicLedgerNos = world.concerns.filter((c) => !c.conduct).map((c) => c.ledgerNo);
  const conductLedgerNos = world.concerns.filter((c) => c.conduct).map((c) => c.ledgerNo);
  const serviceCodes = world.categories.filter((c) => !c.conduct).map((c) => c.code);
  const conductCodes = world.categories.filter((c) => c.conduct).map((c) => c.code);
  const tokens: RouteFuzzer = {
    broken: fc
      .oneof(
        fc.uuid(),
        hostileString.filter((s) => s.length > 0).map(enc),
        fc.constantFrom(...publicLedgerNos),
      )
      .chain((t) =>
        fc.constantFrom("json", "xml", "txt").map((f) => ({
          variant: "open311:token",
          path: `${V2}/tokens/${t}.${f}`,
          refused: true,
        })),
      ),
  };

  const withKinds = (
    f: (kind: "valid" | "broken" | "odd") => fc.Arbitrary<Draft>,
  ): RouteFuzzer => ({
    valid: f("valid"),
    broken: f("broken"),
    odd: f("odd"),
  });

  return {
    "GET /api/health": plainGet("/api/health"),
    "GET /api/directory": plainGet("/api/directory"),
    "POST /api/concerns": withKinds(concernPost),
    "GET /api/concerns/:ledgerNo": track,
    "POST /api/concerns/:ledgerNo/messages": withKinds(messages),
    "POST /api/concerns/:ledgerNo/feedback": withKinds(feedback),
    "POST /api/concerns/:ledgerNo/sms-opt-out": withKinds(stopSms),
    "POST /api/uploads": withKinds(formUpload),
    "POST /api/concerns/:ledgerNo/uploads": withKinds(concernUpload),
    "GET /api/uploads/:uploadId": uploadStatus,
    "POST /api/concerns/:ledgerNo/recovery": withKinds(recovery),
    "POST /api/concerns/:ledgerNo/recovery/verify": withKinds(recoveryVerify),
    "POST /api/resident/sign-in": withKinds(signIn),
    "POST /api/resident/sign-in/verify": withKinds(signInVerify),
    "GET /api/resident/concerns": myConcerns,
    "DELETE /api/resident/session": signOut,
    "GET /api/notices": withKinds(noticeQuery),
    "GET /api/notices/:id": idParam(world.notices, (s) => `/api/notices/${s}`),
    "GET /api/statistics": plainGet("/api/statistics"),
    "GET /api/statistics/field-work": fieldWork,
    "GET /api/villages/:id": idParam(
      world.villages.map((v) => v.id),
      (s) => `/api/villages/${s}`,
    ),
    "POST /api/staff/session": login,
    "GET /open311/discovery.json": plainGet("/open311/discovery.json"),
    "GET /open311/discovery.xml": plainGet("/open311/discovery.xml"),
    "GET /open311/v2/discovery.json": plainGet(`${V2}/discovery.json`),
    "GET /open311/v2/discovery.xml": plainGet(`${V2}/discovery.xml`),
    "GET /open311/v2/services.json": plainGet(`${V2}/services.json`),
    "GET /open311/v2/services.xml": plainGet(`${V2}/services.xml`),
    "GET /open311/v2/services/:file": open311File(`${V2}/services`, serviceCodes, conductCodes),
    "POST /open311/v2/requests.json": open311Post("json"),
    "POST /open311/v2/requests.xml": open311Post("xml"),
    "GET /open311/v2/requests.json": open311Query("json"),
    "GET /open311/v2/requests.xml": open311Query("xml"),
    "GET /open311/v2/requests/:file": open311File(
      `${V2}/requests`,
      publicLedgerNos,
      conductLedgerNos,
    ),
    "GET /open311/v2/tokens/:file": tokens,
  };
}

/** How often each route is picked, relative: the ones with bodies and state more often. */
const ROUTE_WEIGHTS: Record<PublicRoute, number> = {
  "GET /api/health": 1,
  "GET /api/directory": 1,
  "POST /api/concerns": 16,
  "GET /api/concerns/:ledgerNo": 6,
  "POST /api/concerns/:ledgerNo/messages": 6,
  "POST /api/concerns/:ledgerNo/feedback": 5,
  "POST /api/concerns/:ledgerNo/sms-opt-out": 2,
  "POST /api/uploads": 3,
  "POST /api/concerns/:ledgerNo/uploads": 3,
  "GET /api/uploads/:uploadId": 1,
  "POST /api/concerns/:ledgerNo/recovery": 2,
  "POST /api/concerns/:ledgerNo/recovery/verify": 2,
  "POST /api/resident/sign-in": 2,
  "POST /api/resident/sign-in/verify": 2,
  "GET /api/resident/concerns": 1,
  "DELETE /api/resident/session": 1,
  "GET /api/notices": 5,
  "GET /api/notices/:id": 2,
  "GET /api/statistics": 1,
  "GET /api/statistics/field-work": 2,
  "GET /api/villages/:id": 2,
  "POST /api/staff/session": 4,
  "GET /open311/discovery.json": 1,
  "GET /open311/discovery.xml": 1,
  "GET /open311/v2/discovery.json": 1,
  "GET /open311/v2/discovery.xml": 1,
  "GET /open311/v2/services.json": 1,
  "GET /open311/v2/services.xml": 1,
  "GET /open311/v2/services/:file": 2,
  "POST /open311/v2/requests.json": 5,
  "POST /open311/v2/requests.xml": 3,
  "GET /open311/v2/requests.json": 4,
  "GET /open311/v2/requests.xml": 2,
  "GET /open311/v2/requests/:file": 3,
  "GET /open311/v2/tokens/:file": 1,
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];
const HOSTS = [
  "127.0.0.1:3000",
  "[::1]:8080",
  "evil.example",
  "xn--fiqs8s.example",
  "localhost:1",
  "a.b.c.d.e.example",
];
const ADDRESSES = Array.from({ length: 256 }, (_, i) => `198.51.100.${i}`);

interface Envelope {
  transport: Transport;
  host: string;
  client: Record<string, string>;
  sourceIp: string;
  lang: string | undefined;
  noise: Record<string, string>;
  lambda: LambdaExtras;
}

const envelope: (world: FuzzWorld) => fc.Arbitrary<Envelope> = (world) =>
  fc.record({
    transport: fc.constantFrom<Transport>(
      "request",
      "request",
      "request",
      "request",
      "request",
      "request",
      "request",
      "request",
      "request",
      "lambda",
    ),
    host: fc.oneof(
      { weight: 12, arbitrary: fc.constant("localhost") },
      { weight: 1, arbitrary: fc.constantFrom(...HOSTS) },
    ),
    client: fc.oneof(
      {
        weight: 8,
        arbitrary: fc.constantFrom(...ADDRESSES).map((a) => ({
          "x-lianxin-client-address": a,
          "x-lianxin-site-secret": world.siteSecret,
        })),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(...ADDRESSES)
          .map((a) => ({ "x-lianxin-client-address": a, "x-lianxin-site-secret": "wrong-secret" })),
      },
      {
        weight: 1,
        arbitrary: hostileString.map((a) => ({
          "x-lianxin-client-address": latin1(a).slice(0, 500) || "x",
          "x-lianxin-site-secret": world.siteSecret,
        })),
      },
      { weight: 1, arbitrary: fc.constant({}) },
    ),
    sourceIp: fc.constantFrom(...ADDRESSES),
    lambda: fc
      .record({
        cookies: fc.option(
          fc.constantFrom(["a=1", "lx_staff=v1.x.y"], ["__proto__=1"], ["=", ";;"]),
          { nil: undefined, freq: 3 },
        ),
        textBody: fc.boolean(),
        lowerCaseMethod: fc.boolean(),
        contentLength: fc.option(fc.constantFrom("99999999999", "-1", "abc", "0", "1e6"), {
          nil: undefined,
          freq: 4,
        }),
        path: fc.option(
          fc.constantFrom<NonNullable<LambdaExtras["path"]>>(
            "double-slash",
            "trailing-slash",
            "upper-case",
            "dot-segment",
            "no-leading-slash",
          ),
          { nil: undefined, freq: 4 },
        ),
      })
      .map(
        (x): LambdaExtras => ({
          textBody: x.textBody,
          lowerCaseMethod: x.lowerCaseMethod,
          ...(x.cookies ? { cookies: x.cookies } : {}),
          ...(x.contentLength ? { contentLength: x.contentLength } : {}),
          ...(x.path ? { path: x.path } : {}),
        }),
      ),
    lang: fc.option(fc.constantFrom(...LANGS), { nil: undefined }),
    noise: fc
      .subarray(
        [
          ["authorization", "Bearer v1.forged.token"],
          ["cookie", "lx_staff=v1.x.y; __proto__=1"],
          ["x-forwarded-for", "127.0.0.1, 10.0.0.1"],
          ["x-http-method-override", "DELETE"],
          ["origin", "https://evil.example"],
          ["user-agent", "fuzz/1.0 ☃"],
          ["accept", "application/xml;q=1, */*;q=0.1"],
          ["x-amzn-trace-id", "Root=1-xxx"],
        ] as [string, string][],
        { maxLength: 3 },
      )
      .map((pairs) => Object.fromEntries(pairs)),
  });

/** Builds the phases' arbitraries for this world. */
export function fuzzArbitraries(world: FuzzWorld): FuzzArbitraries {
  const fuzzers = routeFuzzers(world);
  const routePaths = new Map(API_ROUTES.map((r) => [`${r.method} ${r.path}`, r.path]));
  const served = (path: string) =>
    new Set<string>(API_ROUTES.filter((r) => r.path === path).map((r) => r.method));

  /** The route's path with its parameters filled as an innocent client would. */
  const samplePath = (route: PublicRoute) =>
    (routePaths.get(route) ?? "/")
      .replace(/:file/, "x.json")
      .replace(/:[A-Za-z]+/g, world.concerns[0]?.ledgerNo ?? "x");

  const wrongMethod = (route: PublicRoute): fc.Arbitrary<Draft> => {
    const path = routePaths.get(route) ?? "/";
    const others = METHODS.filter((m) => !served(path).has(m));
    return fc
      .tuple(
        fc.constantFrom(...others),
        fc.option(fc.constantFrom('{"a":1}', "a=1"), { nil: undefined }),
      )
      .map(([method, body]) => ({
        variant: `wrong-method:${method}`,
        method,
        path: samplePath(route),
        ...(body && method !== "HEAD" && method !== "GET"
          ? {
              body,
              headers: {
                "content-type": body.startsWith("{")
                  ? "application/json"
                  : "application/x-www-form-urlencoded",
              },
            }
          : {}),
        refused: true,
      }));
  };

  const unrouted: fc.Arbitrary<Draft> = fc
    .tuple(
      fc.constantFrom("/api/", "/open311/", "/open311/v2/", "/", "/api/staff/", "/api/concerns/x/"),
      strangeSegment,
      fc.constantFrom("GET", "POST"),
    )
    .map(([prefix, p, method]) => ({
      variant: `unrouted:${p.tag}`,
      method,
      path: `${prefix}${p.segment}`,
      refused: true,
    }));

  const assemble = (
    route: PublicRoute | "unrouted",
    method: string,
    [kind, d]: [DraftKind, Draft],
    e: Envelope,
  ): FuzzInput => {
    const headers: Record<string, string> = {};
    const put = (name: string, value: string | undefined) => {
      if (value === undefined) return;
      headers[name] = e.transport === "request" ? latin1(value) : value;
    };
    for (const [k, v] of Object.entries(e.client)) put(k, v);
    for (const [k, v] of Object.entries(e.noise)) put(k, v);
    put("accept-language", e.lang);
    for (const [k, v] of Object.entries(d.headers ?? {})) put(k, v);
    const m = d.method ?? method;
    const bodyless = e.transport === "request" && (m === "GET" || m === "HEAD");
    return {
      route,
      variant: d.variant,
      method: m,
      path: e.transport === "lambda" && e.lambda.path ? bendPath(d.path, e.lambda.path) : d.path,
      query: d.query ?? "",
      host: e.host,
      headers,
      body: bodyless ? undefined : d.body,
      refused: d.refused,
      transport: e.transport,
      sourceIp: e.sourceIp,
      ...(e.transport === "lambda" ? { lambda: e.lambda } : {}),
      kind,
      ...(d.planted ? { planted: d.planted } : {}),
    };
  };

  const tagged = (kind: DraftKind, a: fc.Arbitrary<Draft>) =>
    a.map((d): [DraftKind, Draft] => [kind, d]);
  const perRoute = (phase: Phase) =>
    PUBLIC_ROUTES.map((route) => {
      const f = fuzzers[route];
      const method = route.split(" ")[0] as string;
      const broken = tagged(
        "broken",
        f.broken
          ? fc.oneof(
              { weight: 5, arbitrary: f.broken },
              { weight: 1, arbitrary: wrongMethod(route) },
            )
          : wrongMethod(route),
      );
      const drafts =
        phase === "refused"
          ? broken
          : fc.oneof(
              ...(f.valid ? [{ weight: 4, arbitrary: tagged("valid", f.valid) }] : []),
              { weight: 3, arbitrary: broken },
              ...(f.odd ? [{ weight: 2, arbitrary: tagged("odd", f.odd) }] : []),
            );
      return {
        weight: ROUTE_WEIGHTS[route],
        arbitrary: fc.tuple(drafts, envelope(world)).map(([d, e]) => assemble(route, method, d, e)),
      };
    });
  const other = {
    weight: 2,
    arbitrary: fc
      .tuple(tagged("broken", unrouted), envelope(world))
      .map(([d, e]) => assemble("unrouted", "GET", d, e)),
  };
  return {
    mixed: fc.oneof(...perRoute("mixed"), other),
    refused: fc.oneof(...perRoute("refused"), other),
  };
}
