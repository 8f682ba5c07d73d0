import {
  DomainError,
  type Locale,
  OPEN311_FORMATS,
  OPEN311_ITEM_NAMES,
  OPEN311_PARAMETER_OF,
  type Open311Format,
  type Open311PostForm,
  toXml,
  type XmlValue,
} from "@lianxin/core";
import { ValidationError } from "../use-cases/parse.js";
import { MAX_BODY_BYTES } from "./body.js";
import { fieldsOf, isUnavailable, UNAVAILABLE_RETRY_AFTER_SECONDS } from "./errors.js";
import type { Context, HttpResponse } from "./exchange.js";
import { localeFrom } from "./locale.js";
import { ERROR_MESSAGES } from "./messages.js";
import { MethodNotAllowedError, open311FormatOf, UnknownTokenError } from "./open311-paths.js";

/**
 * Open311 GeoReport v2 over HTTP: the same document as XML (the spec's default) or JSON,
 * and failures as the spec's error list `[{ code, description }]` with 400, 403 or 404.
 * Loaded on the first Open311 request only (with core's GeoReport schemas and XML writer):
 * the route list and the app need just open311-paths.ts.
 */

export function open311Response(
  c: Context,
  format: Open311Format,
  root: string,
  value: XmlValue,
  status = 200,
): HttpResponse {
  if (format === "json") {
    return c.body(JSON.stringify(value), status, {
      "Content-Type": `${OPEN311_FORMATS.json}; charset=utf-8`,
    });
  }
  return c.body(toXml(root, value, OPEN311_ITEM_NAMES), status, {
    "Content-Type": `${OPEN311_FORMATS.xml}; charset=utf-8`,
  });
}

type Open311Error = { code: number; description: string };

const INVALID_FORM: Record<Locale, string> = {
  "zh-CN": "请求内容不是有效的 UTF-8 表单（application/x-www-form-urlencoded）",
  en: "The body is not a valid UTF-8 form (application/x-www-form-urlencoded)",
};
const NO_SUCH_REQUEST: Record<Locale, string> = {
  "zh-CN": "没有这个服务请求（或它不公开）",
  en: "No such service request (or it is not public)",
};
const UNKNOWN_SERVICE: Record<Locale, string> = {
  "zh-CN": "没有这个 service_code",
  en: "No such service_code",
};
const BAD_API_KEY: Record<Locale, string> = {
  "zh-CN": "api_key 缺失或无效，不能提交服务请求",
  en: "Missing or invalid api_key: cannot create the service request",
};
const TOO_LARGE: Record<Locale, string> = {
  "zh-CN": "请求内容过大（上限 64 KB）",
  en: "The request is too large (64 KB at most)",
};
const FORM_ONLY: Record<Locale, string> = {
  "zh-CN": "请以 application/x-www-form-urlencoded 提交",
  en: "Send the request as application/x-www-form-urlencoded",
};
const UNKNOWN_TOKEN: Record<Locale, string> = {
  "zh-CN": "没有这个 token：本服务即时返回 service_request_id，不发 token",
  en: "No such token: this server returns service_request_id at once and issues no tokens",
};

/** Any failure as the spec's error list, in the path's format. */
export function open311ErrorResponse(c: Context, error: unknown): HttpResponse {
  const format = open311FormatOf(c.req.path);
  const locale = localeFrom(c.req.header("accept-language"));
  const { status, errors } = describe(error, locale);
  if (error instanceof DomainError && error.retryAfterSeconds !== undefined) {
    c.header("Retry-After", String(error.retryAfterSeconds));
  } else if (status === 503) {
    c.header("Retry-After", String(UNAVAILABLE_RETRY_AFTER_SECONDS));
  }
  c.header("Cache-Control", "no-store");
  return open311Response(c, format, "errors", errors, status);
}

function describe(error: unknown, locale: Locale): { status: number; errors: Open311Error[] } {
  const one = (status: number, description: string) => ({
    status,
    errors: [{ code: status, description }],
  });
  if (!(error instanceof DomainError) && isUnavailable(error)) {
    return one(503, ERROR_MESSAGES.unavailable[locale]);
  }
  if (!(error instanceof DomainError)) {
    console.error(
      JSON.stringify({
        level: "error",
        msg: "unhandled",
        error: String(error),
        stack: (error as Error)?.stack,
      }),
    );
    return one(500, ERROR_MESSAGES.internal[locale]);
  }
  if (error instanceof UnknownTokenError) return one(404, UNKNOWN_TOKEN[locale]);
  if (error instanceof MethodNotAllowedError) {
    return one(400, ERROR_MESSAGES.method_not_allowed[locale]);
  }
  switch (error.code) {
    case "not_found":
      return one(404, NO_SUCH_REQUEST[locale]);
    case "forbidden":
    case "unauthorized":
      return one(403, BAD_API_KEY[locale]);
    case "payload_too_large":
      return one(400, TOO_LARGE[locale]);
    case "unsupported_media_type":
      return one(400, FORM_ONLY[locale]);
    case "invalid_json":
      return one(400, INVALID_FORM[locale]);
    case "rate_limited":
      return one(429, ERROR_MESSAGES.rate_limited[locale]);
    case "unavailable":
      return one(503, ERROR_MESSAGES.unavailable[locale]);
    case "validation_failed":
    case "unknown_reference": {
      // An unknown service_code is a 404 (the spec's "service_code was not found").
      const unknownService = Object.entries(error.fields ?? {}).some(
        ([k, p]) => (k === "service_code" || k === "categoryCode") && p.kind === "unknown_category",
      );
      if (unknownService) return one(404, UNKNOWN_SERVICE[locale]);
      const fields = fieldsOf(error, locale) ?? {};
      const errors = Object.entries(fields).map(([field, message]) => ({
        code: 400,
        description: `${parameterName(field, error)}: ${message}`,
      }));
      return {
        status: 400,
        errors: errors.length
          ? errors
          : [{ code: 400, description: ERROR_MESSAGES[error.code][locale] }],
      };
    }
    default:
      return one(400, ERROR_MESSAGES[error.code][locale]);
  }
}

/** Field names of the portal's schema are told as the Open311 parameter the client sent. */
function parameterName(field: string, error: DomainError): string {
  if (error instanceof ValidationError || error.code === "unknown_reference") {
    return OPEN311_PARAMETER_OF[field] ?? field;
  }
  return field;
}

const ATTRIBUTE = /^attribute\[([A-Za-z0-9_-]{1,64})\](\[\])?$/;

/**
 * The POST body: `application/x-www-form-urlencoded` (as the spec sends it) or
 * multipart/form-data without files. A parameter given twice, a file, bytes that are not
 * UTF-8 or a body over 64 KB are malformed (400); nothing is written then.
 */
export async function readOpen311Form(c: Context): Promise<Open311PostForm> {
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  const declared = Number(c.req.header("content-length"));
  if (declared > MAX_BODY_BYTES) throw new DomainError("payload_too_large");
  let entries: [string, string][];
  if (type.startsWith("application/x-www-form-urlencoded")) {
    const buffer = c.req.bytes();
    if (buffer.byteLength > MAX_BODY_BYTES) throw new DomainError("payload_too_large");
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(buffer);
      // URLSearchParams replaces bad percent-escapes silently: refuse them instead.
      decodeURIComponent(text.replace(/\+/g, " "));
    } catch {
      throw new DomainError("invalid_json");
    }
    entries = [...new URLSearchParams(text).entries()];
  } else if (type.startsWith("multipart/form-data")) {
    let data: FormData;
    try {
      // Rare (the spec sends url-encoded forms): the only path that loads undici.
      data = await new Response(c.req.bytes(), {
        headers: { "content-type": c.req.header("content-type") ?? "" },
      }).formData();
    } catch {
      throw new DomainError("invalid_json");
    }
    entries = [];
    for (const [k, v] of data.entries()) {
      if (typeof v !== "string") throw new DomainError("unsupported_media_type");
      entries.push([k, v]);
    }
  } else {
    throw new DomainError("unsupported_media_type");
  }
  // No prototype: a parameter named __proto__ is just an (ignored) parameter.
  const fields: Record<string, string> = Object.create(null);
  const attributes: Record<string, string[]> = Object.create(null);
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const [name, raw] of entries) {
    const value = raw.trim();
    const attribute = ATTRIBUTE.exec(name);
    if (attribute) {
      const code = attribute[1] as string;
      if (value !== "") attributes[code] = [...(attributes[code] ?? []), value];
      continue;
    }
    if (seen.has(name)) repeated.add(name);
    seen.add(name);
    // "Optional" per the spec: an empty parameter is the same as no parameter.
    if (value !== "") fields[name] = value;
  }
  if (repeated.size) {
    throw new DomainError("validation_failed", {
      fields: Object.fromEntries(
        [...repeated].map((name) => [
          name,
          {
            kind: "invalid" as const,
            message: { "zh-CN": "参数重复", en: "Given more than once" },
          },
        ]),
      ),
    });
  }
  return { fields, attributes };
}
