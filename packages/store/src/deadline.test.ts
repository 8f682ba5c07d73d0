import { afterEach, describe, expect, it, vi } from "vitest";
import {
  boundedCall,
  callWindowMs,
  currentDeadline,
  DeadlineExceeded,
  deadlineIn,
  mayRetryAfter,
  pauseBeforeRetry,
  runWithDeadline,
  runWithoutDeadline,
} from "./deadline.js";

/** A clock the test moves by hand. */
function manualClock(start = 1_000) {
  let now = start;
  const clock = () => now;
  const advance = (ms: number) => {
    now += ms;
  };
  return Object.assign(clock, { advance });
}

/** A call that settles only when its signal aborts (a database that never answers). */
const stalled = (signal: AbortSignal) =>
  new Promise<never>((_, reject) =>
    signal.addEventListener("abort", () =>
      reject(Object.assign(new Error("Request aborted"), { name: "AbortError" })),
    ),
  );

afterEach(() => {
  vi.useRealTimers();
});

describe("the rules, with the time given", () => {
  it("gives a call its budget, cut to what is left of the deadline", () => {
    expect(callWindowMs(0, undefined, 2_500)).toBe(2_500);
    expect(callWindowMs(0, 8_000, 2_500)).toBe(2_500);
    expect(callWindowMs(7_000, 8_000, 2_500)).toBe(1_000);
    expect(callWindowMs(8_000, 8_000, 2_500)).toBe(0);
    expect(callWindowMs(9_000, 8_000, 2_500)).toBeLessThan(0);
  });

  it("lets a retry wait only if it still starts before the deadline", () => {
    expect(mayRetryAfter(0, undefined, 10_000)).toBe(true);
    expect(mayRetryAfter(7_000, 8_000, 200)).toBe(true);
    expect(mayRetryAfter(7_900, 8_000, 100)).toBe(false);
    expect(mayRetryAfter(8_100, 8_000, 0)).toBe(false);
  });

  it("places a deadline on the clock it is given", () => {
    const clock = manualClock(500);
    expect(deadlineIn(8_000, clock).at).toBe(8_500);
  });
});

describe("a request's deadline", () => {
  it("travels with the request's async work, and not into work run without it", async () => {
    const deadline = deadlineIn(1_000, manualClock());
    await runWithDeadline(deadline, async () => {
      await new Promise((r) => setImmediate(r));
      expect(currentDeadline()).toBe(deadline);
      const background = await new Promise((done) =>
        runWithoutDeadline(() => setImmediate(() => done(currentDeadline()))),
      );
      expect(background).toBeUndefined();
    });
    expect(currentDeadline()).toBeUndefined();
  });

  it("refuses a call once it has passed, without starting it", async () => {
    const clock = manualClock();
    const deadline = deadlineIn(1_000, clock);
    clock.advance(1_000);
    const call = vi.fn(async () => "answer");
    await runWithDeadline(deadline, async () => {
      await expect(boundedCall(2_500, call)).rejects.toBeInstanceOf(DeadlineExceeded);
    });
    expect(call).not.toHaveBeenCalled();
  });

  it("cuts a call in flight off at the deadline when that comes before its budget", async () => {
    vi.useFakeTimers();
    const clock = manualClock();
    const deadline = deadlineIn(1_000, clock);
    clock.advance(400);
    await runWithDeadline(deadline, async () => {
      const outcome = boundedCall(2_500, stalled).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(599);
      expect(vi.getTimerCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      const error = await outcome;
      expect(error).toBeInstanceOf(DeadlineExceeded);
      expect((error as Error).message).toMatch(/600 ms by the request's deadline/);
    });
  });

  it("cuts a call off at its budget, with or without a deadline", async () => {
    vi.useFakeTimers();
    const outcome = boundedCall(2_500, stalled).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(2_500);
    const error = await outcome;
    expect(error).toBeInstanceOf(DeadlineExceeded);
    expect((error as Error).message).toMatch(/2500 ms by its budget/);
  });

  it("leaves nothing behind when the call answers in time, and passes its failures on", async () => {
    vi.useFakeTimers();
    await expect(boundedCall(2_500, async () => "answer")).resolves.toBe("answer");
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    await expect(boundedCall(2_500, async () => Promise.reject(refused))).rejects.toBe(refused);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("passes on an abort by the caller's own signal", async () => {
    const caller = new AbortController();
    const outcome = boundedCall(60_000, stalled, caller.signal).catch((e: unknown) => e);
    caller.abort();
    expect((await outcome) as Error).toMatchObject({ name: "AbortError" });
  });
});

describe("a store-level retry", () => {
  it("waits when it can still start before the deadline, and refuses when it cannot", async () => {
    vi.useFakeTimers();
    const clock = manualClock();
    const deadline = deadlineIn(1_000, clock);
    await runWithDeadline(deadline, async () => {
      const waited = pauseBeforeRetry(200);
      await vi.advanceTimersByTimeAsync(200);
      await expect(waited).resolves.toBeUndefined();
      clock.advance(900);
      await expect(pauseBeforeRetry(200)).rejects.toBeInstanceOf(DeadlineExceeded);
    });
  });

  it("just waits outside a request", async () => {
    vi.useFakeTimers();
    const waited = pauseBeforeRetry(5_000);
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(waited).resolves.toBeUndefined();
  });
});
