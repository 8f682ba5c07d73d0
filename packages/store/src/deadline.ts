import { AsyncLocalStorage } from "node:async_hooks";
import { performance } from "node:perf_hooks";

/**
 * Deadlines: how long a request, and each call it makes to another system, may take.
 *
 * The API gives each request a deadline when it starts answering it (functions' app.ts): an
 * instant after which no call to DynamoDB (or S3, or Lambda) and no retry starts, and at which
 * one still in flight is cut off. Each call also has a budget of its own, which holds all of
 * the SDK's attempts and the waits between them (client.ts); a call ends at whichever comes
 * first. So a database that is down or slow is a prompt 503 (the error's name says
 * `DeadlineExceeded` or the SDK's `AbortError`, both answered 503 by functions'
 * http/errors.ts), never a hang and never the function's own timeout.
 *
 * The deadline travels with the request's async context (AsyncLocalStorage), so neither the
 * use cases nor the store's functions pass it along; work outside a request (the jobs,
 * seeding, scripts, a background export) has none and only the call budgets apply.
 *
 * Times are milliseconds on a monotonic clock (never the wall clock the domain reads through
 * `deps.now`, which tests pin to a date): the pure rules below take the time as an argument.
 */

/** A call or a retry refused or cut off because its request's deadline or its budget ran out. */
export class DeadlineExceeded extends Error {
  override name = "DeadlineExceeded";
}

/** Milliseconds on a monotonic clock. */
export type Clock = () => number;
export const monotonicClock: Clock = () => performance.now();

/** A request's deadline: the instant `at` on `clock`. */
export interface Deadline {
  readonly at: number;
  readonly clock: Clock;
}

/** The deadline `ms` from now. */
export function deadlineIn(ms: number, clock: Clock = monotonicClock): Deadline {
  return { at: clock() + ms, clock };
}

/**
 * How long a call starting at `now` may run: its own budget, cut to what is left before the
 * deadline (none: the budget alone). Zero or less: it may not start.
 */
export function callWindowMs(now: number, deadlineAt: number | undefined, budgetMs: number) {
  return deadlineAt === undefined ? budgetMs : Math.min(budgetMs, deadlineAt - now);
}

/** Whether a retry may wait `waitMs` at `now` and still start before the deadline. */
export function mayRetryAfter(now: number, deadlineAt: number | undefined, waitMs: number) {
  return deadlineAt === undefined || now + waitMs < deadlineAt;
}

const current = new AsyncLocalStorage<Deadline>();

/** Runs `fn` (a request's handling) under `deadline`. */
export function runWithDeadline<T>(deadline: Deadline, fn: () => T): T {
  return current.run(deadline, fn);
}

/**
 * Runs `fn` with no deadline: for work a request starts but does not wait for (a background
 * export built in this process), which must not die with the request's deadline.
 */
export function runWithoutDeadline<T>(fn: () => T): T {
  return current.exit(fn);
}

/** The deadline of the request being answered, if any. */
export function currentDeadline(): Deadline | undefined {
  return current.getStore();
}

/**
 * One call to another system within its budget and the current request's deadline. `call`
 * gets the signal to hand to the SDK (`send(command, { abortSignal })`), which aborts its
 * attempt in flight, skips its retries and its waits when the time is up. Refused at once
 * (DeadlineExceeded) if the deadline has passed; if cut off, the DeadlineExceeded is thrown
 * rather than the SDK's AbortError, so the log says why.
 */
export async function boundedCall<T>(
  budgetMs: number,
  call: (signal: AbortSignal) => Promise<T>,
  callerSignal?: AbortSignal,
): Promise<T> {
  const deadline = currentDeadline();
  const clock = deadline?.clock ?? monotonicClock;
  const windowMs = callWindowMs(clock(), deadline?.at, budgetMs);
  if (windowMs <= 0) throw new DeadlineExceeded("the request's deadline has passed");
  const controller = new AbortController();
  const cutBy = windowMs < budgetMs ? "the request's deadline" : "its budget";
  const timer = Number.isFinite(windowMs)
    ? setTimeout(
        () =>
          controller.abort(new DeadlineExceeded(`call cut off after ${windowMs} ms by ${cutBy}`)),
        windowMs,
      )
    : undefined;
  const forward = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) forward();
  else callerSignal?.addEventListener("abort", forward, { once: true });
  try {
    return await call(controller.signal);
  } catch (error) {
    const reason: unknown = controller.signal.reason;
    if (controller.signal.aborted && reason instanceof DeadlineExceeded) throw reason;
    throw error;
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener("abort", forward);
  }
}

/**
 * A store-level retry's pause (a contended transaction, unprocessed batch keys): refused
 * with DeadlineExceeded when the retry would start past the current request's deadline.
 */
export async function pauseBeforeRetry(ms: number): Promise<void> {
  const deadline = currentDeadline();
  if (deadline && !mayRetryAfter(deadline.clock(), deadline.at, ms)) {
    throw new DeadlineExceeded("no retry past the request's deadline");
  }
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}
