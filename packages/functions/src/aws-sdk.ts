import { createRequire } from "node:module";
import { boundedCall } from "@lianxin/store";

/**
 * An AWS SDK package besides DynamoDB's (SSM, S3, Lambda), loaded with `require` on first
 * use, as @lianxin/store loads the DynamoDB client (its sdk.ts says why: the SDK is CommonJS,
 * and through the ESM loader every load pays for lexing its index). On Lambda `require`
 * finds the runtime's copy, which the bundles leave out. Callers name the package, typed by
 * its `typeof import(...)`.
 */
export const loadSdk = createRequire(import.meta.url) as <T>(name: string) => T;

/**
 * Every AWS client of ours besides DynamoDB's (its own are in the store) gives up on a stalled
 * connection within a second and on a silent socket within five (an upload that keeps
 * sending is not cut off), so a fault is a prompt 503 (http/errors.ts), never a hang; within a
 * request, its calls also end at the request's deadline (`sendBounded`). `socketTimeout` is
 * the idle time in every SDK version (`requestTimeout` is the idle time in older ones, the
 * whole time in the lockfile's, and there only warns unless told to throw).
 */
export const AWS_CLIENT_TIMEOUTS = { connectionTimeout: 1_000, socketTimeout: 5_000 } as const;

/**
 * A call of one of these clients within the current request's deadline (store deadline.ts):
 * none starts after it, one in flight is cut off at it. Outside a request (the export
 * worker) only the timeouts above apply.
 */
export function sendBounded<T>(send: (options: { abortSignal: AbortSignal }) => Promise<T>) {
  return boundedCall(Number.POSITIVE_INFINITY, (abortSignal) => send({ abortSignal }));
}
