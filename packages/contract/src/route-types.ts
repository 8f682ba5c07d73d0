import type { ApiRoutes } from "./routes.js";

/**
 * Type helpers over the route table: what a route takes and what it answers, looked up by
 * its method and path as written in the table (`"GET /api/staff/concerns/:ledgerNo"`).
 */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RouteKey = keyof ApiRoutes & string;

/** The paths the table has for a method (and, if given, an access). */
export type PathsFor<M extends Method, A extends Access = Access> = RouteKey extends infer K
  ? K extends `${M} ${infer P}`
    ? K extends keyof ApiRoutes
      ? ApiRoutes[K]["access"] extends A
        ? P
        : never
      : never
    : never
  : never;

/** `/api/concerns/:ledgerNo/messages` → `{ ledgerNo: string }`. */
export type ParamsOf<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & ParamsOf<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

type Spec<K> = K extends keyof ApiRoutes ? ApiRoutes[K] : never;

/** What a route answers with 2xx: JSON of this type, `null` for 204, or a file. */
export type ResponseOf<K extends RouteKey> = Spec<K> extends { response: infer R } ? R : never;
/** The JSON body a route takes (`never` when it takes none). */
export type BodyOf<K extends RouteKey> = Spec<K> extends { body: infer B } ? B : never;
/** The query parameters a route reads. */
export type QueryOf<K extends RouteKey> = Spec<K> extends { query: infer Q } ? Q : never;

/** A 2xx answer that is a file (xlsx, csv), not JSON: passed through by the sites. */
export interface FileDownload {
  readonly kind: "file";
}

/** Who may call a route: anyone (rate-limited), or staff with a valid session. */
export type Access = "public" | "staff";
