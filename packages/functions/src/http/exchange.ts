import type { Readable } from "node:stream";

/**
 * One HTTP exchange as plain data, the same whether it came from API Gateway (lambda.ts),
 * a socket (local.ts) or a test (`app.request`). Plain objects instead of the WHATWG
 * Request/Response: in Node those load undici on first use, which would add about a fifth
 * of the AWS SDK's own import time to every cold start (`pnpm bench:lambda`).
 */
export interface HttpRequest {
  /** Upper case. */
  method: string;
  /** The absolute URL as the caller asked for it (Open311's discovery names it). */
  url: string;
  /** Percent-encoded, as it came: parameters are decoded when matched. */
  path: string;
  query: URLSearchParams;
  /** Names in lower case. */
  headers: Readonly<Record<string, string>>;
  /** Empty when there is none. */
  body: Uint8Array;
  /** The connection's address (API Gateway's sourceIp, the socket's peer), if known. */
  clientIp?: string;
}

export type ResponseBody = string | Uint8Array | Readable | null;

export interface HttpResponse {
  status: number;
  /** Names in lower case. */
  headers: Record<string, string>;
  body: ResponseBody;
}

declare const answers: unique symbol;

/**
 * An answer that remembers, for the compiler only, what JSON it carries: a route's handler
 * must answer its contract's response type (routes/define.ts). Raw bodies (files, 204)
 * carry `never`, which fits any route.
 */
export interface Reply<T> extends HttpResponse {
  readonly [answers]?: T;
}

/** A whole (not streamed) body as bytes: text as UTF-8, none as empty. */
export function wholeBodyBytes(body: string | Uint8Array | null): Buffer {
  if (body === null) return Buffer.alloc(0);
  if (typeof body === "string") return Buffer.from(body, "utf8");
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** Headers with their names in lower case (HTTP header names are case-insensitive). */
function lowerCased(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

/** What a route handler reads of the request. */
export class RequestView {
  readonly method: string;
  readonly path: string;
  readonly url: string;
  readonly clientIp: string | undefined;
  readonly #request: HttpRequest;
  readonly #params: Readonly<Record<string, string>>;

  constructor(request: HttpRequest, params: Readonly<Record<string, string>>) {
    this.#request = request;
    this.#params = params;
    this.method = request.method;
    this.path = request.path;
    this.url = request.url;
    this.clientIp = request.clientIp;
  }

  header(name: string): string | undefined {
    return this.#request.headers[name.toLowerCase()];
  }

  param(name: string): string | undefined {
    return this.#params[name];
  }

  /**
   * Every parameter's first value, or one parameter's. The object has no prototype: a
   * parameter named `constructor` or `__proto__` is a parameter like any other.
   */
  query(): Record<string, string>;
  query(name: string): string | undefined;
  query(name?: string): Record<string, string> | string | undefined {
    const query = this.#request.query;
    if (name !== undefined) return query.get(name) ?? undefined;
    const first: Record<string, string> = Object.create(null);
    for (const [key, value] of query) first[key] ??= value;
    return first;
  }

  /** Every parameter's values, or one parameter's (no prototype either). */
  queries(): Record<string, string[]>;
  queries(name: string): string[] | undefined;
  queries(name?: string): Record<string, string[]> | string[] | undefined {
    const query = this.#request.query;
    if (name !== undefined) return query.has(name) ? query.getAll(name) : undefined;
    const all: Record<string, string[]> = Object.create(null);
    for (const [key, value] of query) {
      const values = all[key] ?? [];
      values.push(value);
      all[key] = values;
    }
    return all;
  }

  /** The raw body bytes (the body limit was checked before the route ran). */
  bytes(): Uint8Array {
    return this.#request.body;
  }
}

/**
 * A route's view of the exchange: the request, plus the status and headers of the answer
 * being built. `json` and `body` make the answer; headers set before (say Cache-Control)
 * are kept, also when a failure is answered instead.
 */
export class Context {
  readonly req: RequestView;
  #status = 200;
  readonly #headers: Record<string, string> = {};

  constructor(request: HttpRequest, params: Readonly<Record<string, string>> = {}) {
    this.req = new RequestView(request, params);
  }

  header(name: string, value: string): void {
    this.#headers[name.toLowerCase()] = value;
  }

  status(status: number): void {
    this.#status = status;
  }

  json<T>(value: T, status?: number, headers?: Record<string, string>): Reply<T> {
    return this.body(JSON.stringify(value), status, {
      "content-type": "application/json",
      ...headers,
    });
  }

  body(body: ResponseBody, status?: number, headers?: Record<string, string>): Reply<never> {
    return {
      status: status ?? this.#status,
      headers: { ...this.#headers, ...lowerCased(headers) },
      body,
    };
  }
}
