import { createHash } from "node:crypto";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { act, loginAs, staff } from "../support/staff.js";

/**
 * Open311 GeoReport v2, as a third-party client sees it: every endpoint in XML and JSON,
 * checked against the field lists of the specification (GeoReport_v2 and Service
 * Discovery pages, written out here from the spec's text, not from our code).
 */

// --- Field sets, from the spec's "Response" tables ---------------------------------------
/** Service Discovery: "All fields are required." */
const DISCOVERY_FIELDS = ["changeset", "contact", "key_service", "endpoints"];
const ENDPOINT_FIELDS = ["specification", "url", "changeset", "type", "formats"];
/** GET Service List: services ⇊ service ↴ */
const SERVICE_FIELDS = [
  "service_code",
  "service_name",
  "description",
  "metadata",
  "type",
  "keywords",
  "group",
];
/** GET Service Definition: service_definition ↴, attributes ⇊ attribute ↴, values ⇊ value ↴ */
const DEFINITION_FIELDS = ["service_code", "attributes"];
const ATTRIBUTE_FIELDS = [
  "variable",
  "code",
  "datatype",
  "required",
  "datatype_description",
  "order",
  "description",
  "values",
];
const VALUE_FIELDS = ["key", "name"];
const DATATYPES = ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"];
/** POST Service Request: service_request_id XOR token, service_notice and account_id "may not be returned". */
const POST_FIELDS = ["service_request_id", "token", "service_notice", "account_id"];
/** GET Service Requests / GET Service Request: request ↴ */
const REQUEST_FIELDS = [
  "service_request_id",
  "status",
  "status_notes",
  "service_name",
  "service_code",
  "description",
  "agency_responsible",
  "service_notice",
  "requested_datetime",
  "updated_datetime",
  "expected_datetime",
  "address",
  "address_id",
  "zipcode",
  "lat",
  "long",
  "media_url",
];
/** Errors: errors ⇊ error ↴ */
const ERROR_FIELDS = ["code", "description"];
/** Dates "must be formatted in a common subset of ISO 8601 … Timezone information must be included." */
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The client's api_key, issued by admin through the staff API in beforeAll. */
let KEY = "";
const FORMATS = ["xml", "json"] as const;
type Format = (typeof FORMATS)[number];

// The XML lists and their item elements (Spark convention): items always arrays once parsed.
const LISTS: Record<string, string> = {
  services: "service",
  service_requests: "request",
  errors: "error",
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
};
const ITEMS = new Set(Object.values(LISTS));
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ITEMS.has(name),
});

type Doc = Record<string, unknown>;
let api: TestApi;
const getBodies: string[] = [];

beforeAll(async () => {
  api = await createTestApi();
  api.deps.limits.submissionsPerHour = 1000;
  const admin = await loginAs(api, "admin");
  // Two clients: the other's key must not work as ours, nor ours as theirs.
  for (const label of ["邻市 12345 平台", "市12345平台"]) {
    const res = await staff(api, admin, "POST", "/api/staff/open311-keys", { label });
    expect(res.status).toBe(201);
    KEY = (await res.json()).apiKey;
  }
  creek.api_key = KEY;
});

/**
 * A response body as the same tree whatever the format: JSON as is; XML checked by a real
 * parser (well-formed, UTF-8 declaration), its wrapper lists unwrapped (services.service →
 * the array), as the Spark convention maps them.
 */
async function read(res: Response, format: Format): Promise<{ root: string; body: unknown }> {
  const text = await res.text();
  if (res.status !== 204 && (res.headers.get("content-type") ?? "").length) {
    expect(res.headers.get("content-type")).toBe(
      format === "xml" ? "text/xml; charset=utf-8" : "application/json; charset=utf-8",
    );
  }
  if (format === "json") return { root: "", body: JSON.parse(text) };
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  expect(XMLValidator.validate(text)).toBe(true);
  const parsed = parser.parse(text) as Doc;
  const roots = Object.keys(parsed).filter((k) => k !== "?xml");
  expect(roots).toHaveLength(1);
  const root = roots[0] as string;
  return { root, body: unwrap(root, parsed[root]) };
}

/** A list element `{ service: [...] }` → the array, an empty one (`""`) → []. */
function unwrap(name: string, node: unknown): unknown {
  const item = LISTS[name];
  if (item) {
    if (node === "") return [];
    return ((node as Doc)[item] as unknown[]).map((v) => unwrap(item, v));
  }
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(Object.entries(node as Doc).map(([k, v]) => [k, unwrap(k, v)]));
}

async function get(path: string, format: Format, lang?: string) {
  const res = await api.app.request(path, {
    headers: lang ? { "accept-language": lang } : {},
  });
  const clone = res.clone();
  getBodies.push(await clone.text());
  return { status: res.status, ...(await read(res, format)) };
}

function post(format: Format, params: Record<string, string> | string, contentType?: string) {
  return api.app.request(`/open311/v2/requests.${format}`, {
    method: "POST",
    headers: { "content-type": contentType ?? "application/x-www-form-urlencoded; charset=utf-8" },
    body: typeof params === "string" ? params : new URLSearchParams(params).toString(),
  });
}

const keysOf = (value: unknown) => Object.keys(value as Doc).sort();
const sorted = (fields: string[]) => [...fields].sort();
/** XML carries every value as text; JSON keeps booleans and numbers. */
const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));

const creek = {
  api_key: "", // set once the key is issued
  service_code: "environment",
  address_string: "倪巷组 18号, 梅泾村",
  first_name: "三",
  last_name: "张",
  phone: "13800138000",
  email: "zhangsan@example.com",
  description: "倪巷浜河水发黑发臭，张三家门口18号最严重，电话13800138000，希望尽快治理。",
};

async function countConcernsThisMonth(): Promise<number> {
  const now = new Date();
  const month = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
  let total = 0;
  let cursor: string | undefined;
  do {
    const page = await api.deps.store.queryConcernsByMonth(month, {
      fromIso: "2000-01-01T00:00:00.000Z",
      toIso: "2100-01-01T00:00:00.000Z",
      cursor,
    });
    total += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return total;
}

function expectErrors(result: { status: number; body: unknown }, status: number) {
  expect(result.status).toBe(status);
  const errors = result.body as Doc[];
  expect(Array.isArray(errors)).toBe(true);
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(keysOf(error)).toEqual(sorted(ERROR_FIELDS));
    expect(text(error.description).length).toBeGreaterThan(0);
  }
  return errors;
}

describe("discovery", () => {
  for (const format of FORMATS) {
    for (const path of [`/open311/discovery.${format}`, `/open311/v2/discovery.${format}`]) {
      it(`${path}: the spec's fields, this server's endpoint, both formats`, async () => {
        const { status, root, body } = await get(path, format);
        expect(status).toBe(200);
        if (format === "xml") expect(root).toBe("discovery");
        const doc = body as Doc;
        expect(keysOf(doc)).toEqual(sorted(DISCOVERY_FIELDS));
        const endpoints = doc.endpoints as Doc[];
        expect(endpoints).toHaveLength(1);
        const endpoint = endpoints[0] as Doc;
        expect(keysOf(endpoint)).toEqual(sorted(ENDPOINT_FIELDS));
        expect(endpoint.specification).toBe("http://wiki.open311.org/GeoReport_v2");
        expect(endpoint.url).toBe("http://localhost/open311/v2");
        expect(["production", "test"]).toContain(endpoint.type);
        expect(endpoint.formats).toEqual(["text/xml", "application/json"]);
      });
    }
  }
});

describe("services", () => {
  for (const format of FORMATS) {
    it(`services.${format}: one per category, conduct complaints left out`, async () => {
      const { status, root, body } = await get(`/open311/v2/services.${format}`, format);
      expect(status).toBe(200);
      if (format === "xml") expect(root).toBe("services");
      const services = body as Doc[];
      const codes = services.map((s) => s.service_code);
      expect(codes).toContain("environment");
      expect(codes).not.toContain("cadre_conduct");
      for (const service of services) {
        expect(keysOf(service)).toEqual(sorted(SERVICE_FIELDS));
        expect(text(service.metadata)).toBe("true");
        expect(service.type).toBe("realtime");
      }
      const env = services.find((s) => s.service_code === "environment") as Doc;
      expect(env.service_name).toBe("环境与河道");
      expect(env.group).toBe("环保分局");
    });

    it(`services/environment.${format}: the definition, with the villages as a list`, async () => {
      const { status, root, body } = await get(
        `/open311/v2/services/environment.${format}`,
        format,
        "en",
      );
      expect(status).toBe(200);
      if (format === "xml") expect(root).toBe("service_definition");
      const definition = body as Doc;
      expect(keysOf(definition)).toEqual(sorted(DEFINITION_FIELDS));
      expect(definition.service_code).toBe("environment");
      const attributes = definition.attributes as Doc[];
      const orders = attributes.map((a) => Number(a.order));
      expect(new Set(orders).size).toBe(orders.length);
      for (const attribute of attributes) {
        expect(keysOf(attribute)).toEqual(sorted(ATTRIBUTE_FIELDS));
        expect(DATATYPES).toContain(attribute.datatype);
        expect(["true", "false"]).toContain(text(attribute.required));
        for (const value of attribute.values as Doc[]) {
          expect(keysOf(value)).toEqual(sorted(VALUE_FIELDS));
        }
      }
      const village = attributes.find((a) => a.code === "village") as Doc;
      expect(village.datatype).toBe("singlevaluelist");
      expect(village.values).toContainEqual({ key: "meijing", name: "梅泾村" });
      const group = attributes.find((a) => a.code === "group") as Doc;
      expect(group.values).toContainEqual({ key: "meijing-01", name: "梅泾村 倪巷组" });
    });

    it(`services/{unknown}.${format} and the conduct category: 404 in the spec's error list`, async () => {
      for (const code of ["no_such_service", "cadre_conduct"]) {
        expectErrors(await get(`/open311/v2/services/${code}.${format}`, format), 404);
      }
    });
  }
});

describe("filing a request", () => {
  for (const format of FORMATS) {
    it(`POST requests.${format} without a good api_key: 403, nothing written`, async () => {
      const before = await countConcernsThisMonth();
      // Missing; not a key's shape; well-formed but never issued; ours with a character changed.
      const unknown = `lx311_${"0".repeat(32)}`;
      const changed = `${KEY.slice(0, -1)}${KEY.endsWith("0") ? "1" : "0"}`;
      for (const apiKey of [undefined, "wrong-key", `${KEY}x`, unknown, changed]) {
        const { api_key: _omit, ...rest } = creek;
        const res = await post(format, apiKey ? { ...rest, api_key: apiKey } : rest);
        const errors = expectErrors({ status: res.status, ...(await read(res, format)) }, 403);
        expect(text(errors[0]?.code)).toBe("403");
      }
      expect(await countConcernsThisMonth()).toBe(before);
    });
  }

  it("malformed or over-long requests: 400 (404 for an unknown service_code), nothing written", async () => {
    const before = await countConcernsThisMonth();
    const cases: Array<[string, Record<string, string> | string, string?]> = [
      ["json body", JSON.stringify(creek), "application/json"],
      ["no content type", new URLSearchParams(creek).toString(), "text/plain"],
      ["description too long", { ...creek, description: "河".repeat(4001) }],
      ["description too short", { ...creek, description: "臭" }],
      ["over 64 KB", `${new URLSearchParams(creek).toString()}&pad=${"x".repeat(70_000)}`],
      ["parameter twice", `${new URLSearchParams(creek).toString()}&service_code=environment`],
      ["broken escape", `${new URLSearchParams(creek).toString()}&x=%E0%A4%A`],
      ["no location", { ...creek, address_string: "" }],
      ["lat/long alone", { ...creek, address_string: "", lat: "31.5", long: "120.2" }],
      ["half a coordinate", { ...creek, lat: "31.5" }],
      ["unknown village id", { ...creek, address_id: "atlantis" }],
      ["unknown attribute", { ...creek, "attribute[colour]": "green" }],
      ["group of another village", { ...creek, "attribute[group]": "doumen-01" }],
      ["bad phone", { ...creek, phone: "call me" }],
      ["two villages", { ...creek, address_string: "梅泾村和陡门村交界" }],
      ["lat out of range", { ...creek, lat: "91", long: "120.2" }],
      ["lat in exponent form", { ...creek, lat: "3.15e1", long: "120.2" }],
      ["javascript: media_url", { ...creek, media_url: "javascript:alert(document.cookie)" }],
      ["data: media_url", { ...creek, media_url: "data:text/html,<script>alert(1)</script>" }],
      ["relative media_url", { ...creek, media_url: "/photos/1.jpg" }],
      ["over-long media_url", { ...creek, media_url: `https://example.com/${"x".repeat(2000)}` }],
    ];
    for (const [name, params, type] of cases) {
      for (const format of FORMATS) {
        const res = await post(format, params, type);
        const result = { status: res.status, ...(await read(res, format)) };
        expect(result.status, `${name} (${format})`).toBe(400);
        expectErrors(result, 400);
      }
    }
    const lonely = await post("json", { ...creek, address_string: "", lat: "31.5", long: "120.2" });
    expect(JSON.stringify(await lonely.json())).toContain("经纬度");
    for (const code of ["no_such_service", "cadre_conduct"]) {
      for (const format of FORMATS) {
        const res = await post(format, { ...creek, service_code: code });
        expectErrors({ status: res.status, ...(await read(res, format)) }, 404);
      }
    }
    expect(await countConcernsThisMonth()).toBe(before);
  });
});

describe("a request through its life", () => {
  let id: string;

  it("files 倪巷浜 through Open311 (XML): the ledger number at once, routed like the portal's", async () => {
    const res = await post("xml", creek);
    expect(res.status).toBe(200);
    const { root, body } = await read(res, "xml");
    expect(root).toBe("service_requests");
    const created = body as Doc[];
    expect(created).toHaveLength(1);
    const first = created[0] as Doc;
    for (const key of Object.keys(first)) expect(POST_FIELDS).toContain(key);
    expect(first).not.toHaveProperty("token");
    expect(first.service_request_id).toMatch(/^LS-\d{4}-\d{6}$/);
    expect(first.service_notice).toContain("环保分局");
    id = first.service_request_id as string;

    // A client's retry of the same request gets the same id, not a second ledger item.
    const again = (await (await post("json", creek)).json()) as Doc[];
    expect(again[0]?.service_request_id).toBe(id);

    const admin = await loginAs(api, "admin");
    const view = await (await staff(api, admin, "GET", `/api/staff/concerns/${id}`)).json();
    expect(view).toMatchObject({
      channel: "open311",
      village: { id: "meijing" },
      group: { id: "meijing-01" },
      category: { code: "environment" },
      routing: { department: { id: "env-bureau" } },
      contact: { name: "张三", phone: "13800138000", address: "倪巷组 18号, 梅泾村" },
    });
  });

  for (const format of FORMATS) {
    it(`requests/{id}.${format}: the spec's fields, open, no personal data`, async () => {
      const { status, root, body } = await get(`/open311/v2/requests/${id}.${format}`, format);
      expect(status).toBe(200);
      if (format === "xml") expect(root).toBe("service_requests");
      const [request] = body as Doc[];
      expect(keysOf(request)).toEqual(sorted(REQUEST_FIELDS));
      expect(request).toMatchObject({
        service_request_id: id,
        status: "open",
        service_code: "environment",
        service_name: "环境与河道",
        agency_responsible: "环保分局",
        address: "倪巷组, 梅泾村",
        address_id: "meijing",
      });
      for (const field of ["requested_datetime", "updated_datetime", "expected_datetime"]) {
        expect(text(request?.[field])).toMatch(W3C_DATETIME);
      }
      // Withheld: nobody has reviewed the resident's text for the public yet.
      expect(request?.description).toBe(format === "json" ? null : "");
      expect(request?.media_url).toBe(format === "json" ? null : "");
      expect(text(request?.status_notes)).toBe("");
      if (format === "xml") {
        const raw = getBodies.at(-1) ?? "";
        expect(raw).toContain("<description/>");
        expect(raw).toContain("<media_url/>");
      }
    });
  }

  it("extensions=true adds the detailed status, outcome, village, channel and contact leader", async () => {
    for (const format of FORMATS) {
      const { body } = await get(`/open311/v2/requests/${id}.${format}?extensions=true`, format);
      const [request] = body as Doc[];
      expect(keysOf(request)).toEqual(sorted([...REQUEST_FIELDS, "extended_attributes"]));
      expect(request?.extended_attributes).toMatchObject({
        detailed_status: "assigned",
        village: "梅泾村",
        channel: "open311",
      });
      expect(
        text((request?.extended_attributes as Doc | undefined)?.contact_leader).length,
      ).toBeGreaterThan(0);
    }
  });

  it("staff handle it: answered → status_notes is the public reply; struck off → closed", async () => {
    const cadre = await loginAs(api, "cadre");
    const leader = await loginAs(api, "leader");
    const ok = async (res: Response) => {
      expect(res.status, await res.clone().text()).toBe(200);
    };
    await ok(await act(api, cadre, id, { type: "accept" }));
    await ok(await act(api, cadre, id, { type: "respond", method: "phone", summary: "电话联系" }));
    const reply = "倪巷浜已清淤截污，张三反映的异味已消除。";
    await ok(
      await act(api, cadre, id, { type: "answer", outcome: "resolved", publicReply: reply }),
    );

    for (const format of FORMATS) {
      const [answered] = (await get(`/open311/v2/requests/${id}.${format}`, format)).body as Doc[];
      expect(answered).toMatchObject({ status: "open" });
      expect(answered?.status_notes).toBe("倪巷浜已清淤截污，张某反映的异味已消除。");
    }

    await ok(await act(api, leader, id, { type: "strike_off", verificationNote: "现场核实" }));
    for (const format of FORMATS) {
      const [closed] = (await get(`/open311/v2/requests/${id}.${format}?extensions=true`, format))
        .body as Doc[];
      expect(closed).toMatchObject({
        status: "closed",
        status_notes: "倪巷浜已清淤截污，张某反映的异味已消除。",
        extended_attributes: expect.objectContaining({
          detailed_status: "struck_off",
          outcome: "resolved",
        }),
      });
      // For a closed request, updated_datetime is when it was closed.
      expect(Date.parse(text(closed?.updated_datetime))).toBeGreaterThan(
        Date.parse(text(closed?.requested_datetime)),
      );
      // Struck off, its notice still a draft: the description is still withheld.
      expect(text(closed?.description)).toBe("");
    }
  });

  it("its notice published: the description is the notice's approved summary", async () => {
    const summary = await publishNotice(id);
    expect(summary).toContain("倪巷浜河水发黑发臭");
    for (const format of FORMATS) {
      const [request] = (await get(`/open311/v2/requests/${id}.${format}`, format)).body as Doc[];
      expect(request?.description).toBe(summary);
      const [listed] = (
        await get(`/open311/v2/requests.${format}?service_request_id=${id}`, format)
      ).body as Doc[];
      expect(listed?.description).toBe(summary);
    }
  });
});

/** Admin masks whatever the draft notice highlights and publishes it; its public summary. */
async function publishNotice(ledgerNo: string): Promise<string> {
  const admin = await loginAs(api, "admin");
  const drafts = await (await staff(api, admin, "GET", "/api/staff/notices?state=draft")).json();
  const draft = (drafts.items as Doc[]).find((n) => n.ledgerNo === ledgerNo) as Doc;
  expect(draft).toBeDefined();
  const highlights = draft.highlights as Record<string, Array<{ text: string }>>;
  for (const span of Object.values(highlights).flat()) {
    const res = await staff(api, admin, "POST", `/api/staff/notices/${ledgerNo}/review`, {
      term: span.text,
      decision: "mask",
    });
    expect(res.status).toBe(200);
  }
  const res = await staff(api, admin, "POST", `/api/staff/notices/${ledgerNo}/publish`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()).summary as string;
}

/** Accepted, answered and struck off by the demo staff: the notice is drafted. */
async function closeOut(ledgerNo: string) {
  const cadre = await loginAs(api, "cadre");
  const leader = await loginAs(api, "leader");
  for (const [token, action] of [
    [cadre, { type: "accept" }],
    [cadre, { type: "answer", outcome: "resolved", publicReply: "已打捞死鱼，水质检测正常。" }],
    [leader, { type: "strike_off", verificationNote: "现场核实" }],
  ] as const) {
    const res = await act(api, token, ledgerNo, action);
    expect(res.status, await res.clone().text()).toBe(200);
  }
}

describe("location and media link: kept, published rounded, exact for staff", () => {
  // A pin at the resident's door (exact) and what a GET may show of it (3 decimals, ~100 m).
  const located = {
    ...creek,
    description: "倪巷浜桥下河面漂着死鱼，气味很重，张三家门口18号看得最清楚。",
    lat: "31.512345",
    long: "120.234567",
    media_url: "https://img.example.cn/open311/倪巷浜 1.jpg",
  };
  const stored = "https://img.example.cn/open311/%E5%80%AA%E5%B7%B7%E6%B5%9C%201.jpg";
  let id: string;

  beforeAll(async () => {
    located.api_key = KEY;
    const res = await post("json", located);
    expect(res.status, await res.clone().text()).toBe(200);
    id = ((await res.json()) as Doc[])[0]?.service_request_id as string;
  });

  for (const format of FORMATS) {
    it(`requests/{id}.${format} and requests.${format}: lat/long rounded to 3 decimals, media_url withheld`, async () => {
      const one = await get(`/open311/v2/requests/${id}.${format}`, format);
      const listed = await get(`/open311/v2/requests.${format}?service_request_id=${id}`, format);
      for (const { status, body } of [one, listed]) {
        expect(status).toBe(200);
        const [request] = body as Doc[];
        expect(keysOf(request)).toEqual(sorted(REQUEST_FIELDS));
        // XML carries text, JSON numbers: compare as text, and JSON's type apart.
        expect(text(request?.lat)).toBe("31.512");
        expect(text(request?.long)).toBe("120.235");
        // A photo is withheld with the description until its notice is published.
        expect(text(request?.media_url)).toBe("");
        expect(text(request?.description)).toBe("");
        if (format === "json") {
          expect(request).toMatchObject({ lat: 31.512, long: 120.235, media_url: null });
        }
        expect(text(request?.address)).toBe("倪巷组, 梅泾村");
      }
    });
  }

  it("its notice published: media_url as stored, with the notice's summary", async () => {
    await closeOut(id);
    const summary = await publishNotice(id);
    for (const format of FORMATS) {
      const one = await get(`/open311/v2/requests/${id}.${format}`, format);
      const listed = await get(`/open311/v2/requests.${format}?service_request_id=${id}`, format);
      for (const { body } of [one, listed]) {
        const [request] = body as Doc[];
        expect(request?.media_url).toBe(stored);
        expect(request?.description).toBe(summary);
        expect(text(request?.lat)).toBe("31.512");
      }
    }
  });

  it("the staff view has the exact point and the link; the address is as typed", async () => {
    const admin = await loginAs(api, "admin");
    const res = await staff(api, admin, "GET", `/api/staff/concerns/${id}`);
    expect(res.status).toBe(200);
    const view = await res.json();
    expect(view).toMatchObject({
      channel: "open311",
      location: { lat: 31.512345, long: 120.234567, rounded: false },
      mediaUrl: stored,
      contact: { address: "倪巷组 18号, 梅泾村", masked: false },
    });
    // The concern item itself holds them (no other item is needed).
    const found = await api.deps.store.getConcernWithEvents(id);
    expect(found?.concern).toMatchObject({
      location: { lat: 31.512345, long: 120.234567 },
      mediaUrl: stored,
    });
  });

  it("a javascript: media_url is 400 with the reason, in Chinese or English, and writes nothing", async () => {
    const before = await countConcernsThisMonth();
    for (const [lang, words] of [
      ["zh-CN", "只接受 http:// 或 https:// 网址"],
      ["en", "Only http:// and https:// URLs are accepted"],
    ] as const) {
      for (const format of FORMATS) {
        const res = await api.app.request(`/open311/v2/requests.${format}`, {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "accept-language": lang,
          },
          body: new URLSearchParams({
            ...located,
            description: `${located.description}（${lang} ${format}）`,
            media_url: "javascript:alert(document.cookie)",
          }).toString(),
        });
        const errors = expectErrors({ status: res.status, ...(await read(res, format)) }, 400);
        expect(errors).toHaveLength(1);
        const description = text(errors[0]?.description);
        expect(description.startsWith("media_url: "), description).toBe(true);
        expect(description).toContain(words);
      }
    }
    // The portal's JSON intake applies the same rule to mediaUrl.
    const json = await submit(api, { ...smellyCreek, mediaUrl: "javascript:alert(1)" });
    expect(json.status).toBe(400);
    expect((await json.json()).error.fields.mediaUrl).toContain("javascript:");
    expect(await countConcernsThisMonth()).toBe(before);
  });
});

describe("listing requests", () => {
  const filed: string[] = [];
  let conduct: string;

  beforeAll(async () => {
    for (const [service_code, address_id, description] of [
      ["roads_lighting", "doumen", "陡门村村口路灯坏了一个多月，晚上出行很不方便。"],
      ["roads_lighting", "meijing", "梅泾村桥头路面塌陷，电动车经过容易摔倒。"],
      ["agriculture", "doumen", "葡萄园今年病害严重，希望农技人员上门指导。"],
    ] as const) {
      const res = await post("json", { api_key: KEY, service_code, address_id, description });
      expect(res.status).toBe(200);
      filed.push(((await res.json()) as Doc[])[0]?.service_request_id as string);
    }
    // A conduct complaint through the portal: never visible through Open311.
    const res = await submit(api, {
      ...smellyCreek,
      groupId: undefined,
      categoryCode: "cadre_conduct",
      title: "村干部作风问题",
      description: "村干部办事拖拉，多次找他都推说没空，希望纪委过问。",
    });
    expect(res.status).toBe(201);
    conduct = (await res.json()).ledgerNo;
  });

  for (const format of FORMATS) {
    it(`requests.${format}: the last 90 days by default, newest first, spec fields, no conduct complaints`, async () => {
      const { status, root, body } = await get(`/open311/v2/requests.${format}`, format);
      expect(status).toBe(200);
      if (format === "xml") expect(root).toBe("service_requests");
      const requests = body as Doc[];
      const ids = requests.map((r) => r.service_request_id);
      for (const id of filed) expect(ids).toContain(id);
      expect(ids).not.toContain(conduct);
      for (const request of requests) expect(keysOf(request)).toEqual(sorted(REQUEST_FIELDS));
      const times = requests.map((r) => Date.parse(text(r.requested_datetime)));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it(`requests.${format}: filters service_code, status, service_request_id, dates`, async () => {
      const byCode = (
        await get(`/open311/v2/requests.${format}?service_code=roads_lighting,agriculture`, format)
      ).body as Doc[];
      expect(byCode.map((r) => r.service_request_id).sort()).toEqual([...filed].sort());
      const closed = (await get(`/open311/v2/requests.${format}?status=closed`, format))
        .body as Doc[];
      expect(closed.every((r) => r.status === "closed")).toBe(true);
      const open = (
        await get(`/open311/v2/requests.${format}?status=open&service_code=agriculture`, format)
      ).body as Doc[];
      expect(open.map((r) => r.service_request_id)).toEqual([filed[2]]);
      const byId = (
        await get(
          `/open311/v2/requests.${format}?service_request_id=${filed[0]},${conduct},LS-2000-000001&status=closed`,
          format,
        )
      ).body as Doc[];
      expect(byId.map((r) => r.service_request_id)).toEqual([filed[0]]);
      const old = (
        await get(
          `/open311/v2/requests.${format}?start_date=2020-01-01T00:00:00Z&end_date=2020-03-01T00:00:00%2B08:00`,
          format,
        )
      ).body as Doc[];
      expect(old).toEqual([]);
    });

    it(`requests.${format}: pages (page, page_size)`, async () => {
      const q = `service_code=roads_lighting,agriculture&page_size=2`;
      const one = (await get(`/open311/v2/requests.${format}?${q}`, format)).body as Doc[];
      const two = (await get(`/open311/v2/requests.${format}?${q}&page=2`, format)).body as Doc[];
      const three = (await get(`/open311/v2/requests.${format}?${q}&page=3`, format)).body as Doc[];
      expect(one).toHaveLength(2);
      expect(two).toHaveLength(1);
      expect(three).toEqual([]);
      expect([...one, ...two].map((r) => r.service_request_id)).toEqual([...filed].reverse());
    });

    it(`requests.${format}: bad filters are 400 in the spec's error list`, async () => {
      for (const query of [
        "start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z",
        "start_date=2026-06-01T00:00:00Z&end_date=2026-01-01T00:00:00Z",
        "start_date=yesterday",
        "status=pending",
        "page=0",
        "page_size=1001",
        "service_request_id=1;DROP",
        "extensions=maybe",
      ]) {
        expectErrors(await get(`/open311/v2/requests.${format}?${query}`, format), 400);
      }
    });

    it(`requests/{conduct complaint}.${format} and unknown ids: 404`, async () => {
      for (const id of [conduct, "LS-2000-000001", "not-a-number"]) {
        expectErrors(await get(`/open311/v2/requests/${id}.${format}`, format), 404);
      }
    });

    it(`tokens/{token}.${format}: 404, ids are immediate`, async () => {
      expectErrors(await get(`/open311/v2/tokens/12345.${format}`, format), 404);
    });
  }

  it("no personal data in any GET answered in this file", () => {
    expect(getBodies.length).toBeGreaterThan(20);
    for (const body of getBodies) {
      for (const secret of [
        "张三",
        "13800138000",
        "138 0013 8000",
        "zhangsan@example.com",
        "18号",
        // The exact point of the located request: GETs give it rounded only.
        "31.512345",
        "120.234567",
      ]) {
        expect(body).not.toContain(secret);
      }
    }
  });
});

describe("api keys: issued and revoked by admin, stored hashed", () => {
  const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
  let admin: string;

  beforeAll(async () => {
    admin = await loginAs(api, "admin");
  });

  it("only admin may list, issue or revoke keys", async () => {
    const listed = await (await staff(api, admin, "GET", "/api/staff/open311-keys")).json();
    const someId = listed.items[0].id as string;
    for (const who of ["leader", "head", "cadre", "inspector"]) {
      const token = await loginAs(api, who);
      expect((await staff(api, token, "GET", "/api/staff/open311-keys")).status, who).toBe(403);
      const issue = await staff(api, token, "POST", "/api/staff/open311-keys", { label: "我的" });
      expect(issue.status, who).toBe(403);
      const revoke = await staff(api, token, "POST", `/api/staff/open311-keys/${someId}/revoke`, {
        reason: "试试看",
      });
      expect(revoke.status, who).toBe(403);
    }
    expect((await staff(api, null, "GET", "/api/staff/open311-keys")).status).toBe(401);
    expect(
      (await staff(api, null, "POST", "/api/staff/open311-keys", { label: "匿名" })).status,
    ).toBe(401);
    // Nothing was issued or revoked by them.
    const after = await (await staff(api, admin, "GET", "/api/staff/open311-keys")).json();
    expect(after).toEqual(listed);
  });

  it("the list shows label, prefix and who issued it, never the hash or the secret", async () => {
    const res = await staff(api, admin, "GET", "/api/staff/open311-keys");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(KEY.slice(12));
    expect(text).not.toContain(sha256(KEY));
    const { items } = JSON.parse(text) as { items: Doc[] };
    const ours = items.find((k) => k.label === "市12345平台") as Doc;
    expect(Object.keys(ours).sort()).toEqual(
      [
        "createdAt",
        "createdBy",
        "id",
        "label",
        "prefix",
        "revokeReason",
        "revokedAt",
        "revokedBy",
      ].sort(),
    );
    expect(ours).toMatchObject({
      prefix: KEY.slice(6, 12),
      createdBy: { id: "staff-admin" },
      revokedAt: null,
      revokedBy: null,
    });
    // Newest first.
    expect(items.map((k) => k.label)).toEqual(["市12345平台", "邻市 12345 平台"]);
    // The table keeps the SHA-256 of the key (looked up by it), never the key.
    const stored = await api.deps.store.getOpen311KeyByHash(sha256(KEY));
    expect(stored?.id).toBe(ours.id);
    expect(JSON.stringify(stored)).not.toContain(KEY.slice(12));
  });

  it("issuing answers the secret once, in the key's format; bad labels are 400", async () => {
    const res = await staff(api, admin, "POST", "/api/staff/open311-keys", { label: "测试客户端" });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.apiKey).toMatch(/^lx311_[0-9a-hjkmnp-tv-z]{32}$/);
    expect(body.key).toMatchObject({ label: "测试客户端", prefix: body.apiKey.slice(6, 12) });
    expect(JSON.stringify(body.key)).not.toContain(sha256(body.apiKey));
    for (const bad of [{}, { label: "" }, { label: "x".repeat(61) }, { label: "x", hash: "y" }]) {
      expect((await staff(api, admin, "POST", "/api/staff/open311-keys", bad)).status).toBe(400);
    }
  });

  it("a revoked key is refused (403) at once; revoking is audited and kept, never deleted", async () => {
    const issued = await (
      await staff(api, admin, "POST", "/api/staff/open311-keys", { label: "试用客户端" })
    ).json();
    const key = issued.apiKey as string;
    const id = issued.key.id as string;
    const request = {
      ...creek,
      api_key: key,
      description: "梅泾村倪巷浜的河面漂浮垃圾较多，希望安排保洁。",
    };
    expect((await post("json", request)).status).toBe(200);

    // Revoking needs a reason; an unknown id is 404.
    const path = `/api/staff/open311-keys/${id}/revoke`;
    expect((await staff(api, admin, "POST", path, {})).status).toBe(400);
    expect(
      (
        await staff(api, admin, "POST", "/api/staff/open311-keys/no-such-key/revoke", {
          reason: "合同到期",
        })
      ).status,
    ).toBe(404);
    const revoked = await staff(api, admin, "POST", path, { reason: "试用结束" });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({
      id,
      revokedAt: expect.any(String),
      revokedBy: { id: "staff-admin" },
      revokeReason: "试用结束",
    });
    // Twice is a conflict.
    expect((await staff(api, admin, "POST", path, { reason: "再次" })).status).toBe(409);

    for (const format of FORMATS) {
      const res = await post(format, {
        ...request,
        description: `${request.description}（${format}）`,
      });
      const errors = expectErrors({ status: res.status, ...(await read(res, format)) }, 403);
      expect(text(errors[0]?.code)).toBe("403");
    }
    // Our own key still works.
    expect((await post("json", { ...request, api_key: KEY })).status).toBe(200);

    // Still listed, as revoked.
    const { items } = await (await staff(api, admin, "GET", "/api/staff/open311-keys")).json();
    expect(items.find((k: Doc) => k.id === id)).toMatchObject({
      label: "试用客户端",
      revokedAt: expect.any(String),
      revokeReason: "试用结束",
    });

    // The audit trail: issued, then revoked, by admin; neither entry holds the hash or key.
    const audit = await staff(
      api,
      admin,
      "GET",
      `/api/staff/audit?subject=${encodeURIComponent(`open311_key#${id}`)}`,
    );
    expect(audit.status).toBe(200);
    const auditText = await audit.text();
    expect(auditText).not.toContain(sha256(key));
    expect(auditText).not.toContain(key.slice(12));
    const trail = JSON.parse(auditText).items as Doc[];
    expect(trail).toHaveLength(2);
    // Newest first.
    expect(trail[0]).toMatchObject({
      actor: { id: "staff-admin" },
      subject: `open311_key#${id}`,
      before: { revokedAt: null },
      after: { revokedAt: expect.any(String), revokeReason: "试用结束" },
    });
    expect(trail[1]).toMatchObject({
      actor: { id: "staff-admin" },
      before: null,
      after: { id, label: "试用客户端", prefix: key.slice(6, 12) },
    });
  });
});
