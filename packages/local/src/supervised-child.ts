import type { ChildProcess } from "node:child_process";

/**
 * Looks after a child process the portal started (DynamoDB Local, a site): keeps a tail of
 * its output for error messages, kills it if this process exits, and stops it gently
 * (SIGTERM, then SIGKILL after 5 s) or, for fault tests, kills it outright.
 * `onUnexpectedExit` fires only if it dies after `markStarted()` and before `stop()`/`kill()`.
 */
export function superviseChild(
  child: ChildProcess,
  options: {
    keepOutputChars: number;
    onUnexpectedExit?: ((code: number | null) => void) | undefined;
    /** Extra clean-up after the child has gone (e.g. a watchdog). */
    afterStop?: () => void;
  },
) {
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-options.keepOutputChars);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  let exited = false;
  let spawnError: Error | null = null;
  const exitPromise = new Promise<void>((done) => {
    child.once("exit", () => {
      exited = true;
      done();
    });
    child.once("error", (error) => {
      spawnError = error;
      exited = true;
      done();
    });
  });
  const killNow = () => {
    if (!exited) child.kill("SIGKILL");
  };
  process.once("exit", killNow);

  let stopping: Promise<void> | null = null;
  let started = false;
  child.once("exit", (code) => {
    if (started && stopping === null) options.onUnexpectedExit?.(code);
  });
  const end = (gently: boolean) => {
    stopping ??= (async () => {
      if (!exited) {
        if (gently) child.kill("SIGTERM");
        else killNow();
        const timer = setTimeout(killNow, 5_000);
        await exitPromise;
        clearTimeout(timer);
      }
      process.removeListener("exit", killNow);
      options.afterStop?.();
      child.stdout?.destroy();
      child.stderr?.destroy();
    })();
    return stopping;
  };
  return {
    stop: () => end(true),
    /** SIGKILL at once (a stopped child too), as a crash would; not an unexpected exit. */
    kill: () => end(false),
    /** Ready: from now on an exit is unexpected; the child no longer holds Node open. */
    markStarted() {
      started = true;
      child.unref();
      (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
      (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    },
    hasExited: () => exited,
    spawnError: () => spawnError,
    outputTail: () => output.trim(),
  };
}
