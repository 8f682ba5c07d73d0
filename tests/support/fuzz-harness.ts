import { AsyncLocalStorage } from "node:async_hooks";
import { performance } from "node:perf_hooks";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { buildDemoDirectory } from "@lianxin/core/demo";
import {
  type App,
  createApp,
  createDeps,
  type Deps,
  readConfig,
  withInProcessExports,
} from "@lianxin/functions";
import { requestOfEvent, resultOfResponse } from "@lianxin/functions/lambda";
import { prepareLocalDatabase } from "@lianxin/functions/local";
import { createDynamoClient, createStore, keys } from "@lianxin/store";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import {
  type FuzzArbitraries,
  type FuzzInput,
  type FuzzWorld,
  fuzzArbitraries,
  fuzzInput,
  type Phase,
  PUBLIC_ROUTES,
} from "./fuzz-inputs.js";

/**
 * The fuzz suite's engine (issue 12), shared by the CI test (tests/integration/no-5xx.test.ts)
 * and `pnpm fuzz` (tests/fuzz/main.ts): the API in process on a table of DynamoDB Local, a
 * world of concerns, notices and Open311 keys to aim at, and a run of seeded inputs
 * (fuzz-inputs.ts) in two phases, with the checks:
 *
 * - no answer is a 5xx, and none takes longer than `SLOW_MS`;
 * - an input broken on purpose (`refused`) is refused (400 or above);
 * - a refused input wrote nothing but the writes refusing is made of (`REFUSED_MAY_WRITE`).
 *
 * That last check is done twice, by two means. Every write the store's DynamoDB client makes
 * while an input is handled is recorded against that input (a middleware on the client; the
 * input's index travels in an AsyncLocalStorage, so inputs may run concurrently). And the
 * table is scanned before and after each phase and compared item by item, which catches a
 * write the recorder could not see (say, by another client):
 *
 * - mixed phase (valid, broken and odd inputs): every item that is new, changed or gone must
 *   be a named exception, or have been written by an input answered 2xx (its concern, events,
 *   counters, idempotency record, session…: whatever a successful request writes is its
 *   business; what matters is that no refused one wrote it);
 * - refused phase (only inputs broken on purpose): the table after equals the table before,
 *   item for item, apart from the named exceptions.
 */

/** An answer slower than this fails the run. */
export const SLOW_MS = 5_000;

/** The pause before an input answered 503 "unavailable" is sent again (its Retry-After is 5 s). */
const UNAVAILABLE_PAUSE_MS = 1_000;

/** The site secret the fuzz's app is given (inputs that know it are believed about addresses). */
export const FUZZ_SITE_SECRET = "fuzz-site-secret";
const DEMO_PASSWORD = "demo-only-change-me";

/**
 * What a refused request may write, by name. Refusing some inputs is itself recorded: that is
 * how abuse is limited. Keys from packages/store/src/keys.ts (checked below):
 *
 * - `rate-limit window` (`RATE#<scope>#<subject>` / `WINDOW#<start>`, keys.rateLimit, store
 *   AP-R2): a wrong access code counts against the ledger number and the client address, a
 *   failed sign-in against the address;
 * - `login-failure record` (`LOGINFAIL#<username>` / `FAILURES`, keys.loginFailures, AP-R3):
 *   a failed sign-in's time, for the username's lock;
 * - `sign-in lock` (`STAFF#<id>` / `ACCOUNT`, its `lockedUntil` attribute only): set on the
 *   account by the fifth failed sign-in in 15 minutes (store lockStaffAccount), and only by
 *   the staff login;
 * - `ledger number` and `void record` (`LEDGER#<prefix>#<year>` / `COUNTER`, keys.ledgerCounter;
 *   `CONCERN#<ledgerNo>` / `VOID`, keys.ledgerVoid; store AP-L1, AP-L2): a submission that
 *   passed its gate read reserves a number; refused after that (its address's window filled
 *   by a concurrent submission before the commit: 429), the number is recorded as void, so
 *   the ledger has no silent gap;
 * - `one-time code try` (`OTP#<purpose>#<subject>` / `OTP`, keys.oneTimeCode, store AP-V2): a
 *   wrong one-time code spends one of the code's five tries.
 */
export const REFUSED_MAY_WRITE = {
  "rate-limit window": (pk: string, sk: string) =>
    pk.startsWith("RATE#") && sk.startsWith("WINDOW#"),
  "login-failure record": (pk: string, sk: string) =>
    pk.startsWith("LOGINFAIL#") && sk === "FAILURES",
  "sign-in lock": (pk: string, sk: string) => pk.startsWith("STAFF#") && sk === "ACCOUNT",
  "ledger number": (pk: string, sk: string) => pk.startsWith("LEDGER#") && sk === "COUNTER",
  "void record": (pk: string, sk: string) => pk.startsWith("CONCERN#") && sk === "VOID",
  "one-time code try": (pk: string, sk: string) => pk.startsWith("OTP#") && sk === "OTP",
} as const;
type Exception = keyof typeof REFUSED_MAY_WRITE;

// The store builds these keys; if it changes them, this list must follow.
for (const [name, key] of [
  ["rate-limit window", keys.rateLimit("code", "LS-2026-000001", 0)],
  ["login-failure record", keys.loginFailures("admin")],
  ["sign-in lock", keys.staffAccount("u1")],
  ["ledger number", keys.ledgerCounter("LS", 2026)],
  ["void record", keys.ledgerVoid("LS-2026-000001")],
  ["one-time code try", keys.oneTimeCode("recover", "LS-2026-000001")],
] as [Exception, { pk: string; sk: string }][]) {
  if (!REFUSED_MAY_WRITE[name](key.pk, key.sk)) {
    throw new Error(`fuzz harness: the store's ${name} key is now ${key.pk} / ${key.sk}`);
  }
}

const exceptionOf = (pk: string, sk: string): Exception | null =>
  (Object.keys(REFUSED_MAY_WRITE) as Exception[]).find((name) => REFUSED_MAY_WRITE[name](pk, sk)) ??
  null;

const keyText = (pk: string, sk: string) => `${pk} / ${sk}`;

// ---------------------------------------------------------------------------------------------
// The API with a write recorder.

export interface FuzzApi {
  app: App;
  deps: Deps;
  tableName: string;
  /** Keys written (successfully) while handling each input, by index. */
  writes: Map<number, string[]>;
  /** Runs `f` with the writes it makes recorded against `index`. */
  attribute<T>(index: number, f: () => Promise<T>): Promise<T>;
  scan(): Promise<Map<string, string>>;
  close(): void;
}

const WRITE_COMMAND = /^(Put|Update|Delete|TransactWrite|BatchWrite)/;

/** A key attribute as the document client (a string) or the low-level client ({ S }) has it. */
const attr = (v: unknown): string =>
  typeof v === "string" ? v : String((v as { S?: unknown } | undefined)?.S ?? "?");

function writtenKeys(input: Record<string, unknown>): string[] {
  const keyOf = (k: Record<string, unknown> | undefined) =>
    k ? [keyText(attr(k.pk), attr(k.sk))] : [];
  if (Array.isArray(input.TransactItems)) {
    return (
      input.TransactItems as Record<string, Record<string, Record<string, unknown>>>[]
    ).flatMap((t) =>
      t.Put
        ? keyOf(t.Put.Item)
        : t.Update
          ? keyOf(t.Update.Key)
          : t.Delete
            ? keyOf(t.Delete.Key)
            : [],
    );
  }
  if (input.RequestItems && typeof input.RequestItems === "object") {
    return Object.values(input.RequestItems as Record<string, unknown[]>).flatMap((requests) =>
      (Array.isArray(requests) ? requests : []).flatMap((r) => {
        const req = r as {
          PutRequest?: { Item: Record<string, unknown> };
          DeleteRequest?: { Key: Record<string, unknown> };
        };
        return req.PutRequest ? keyOf(req.PutRequest.Item) : keyOf(req.DeleteRequest?.Key);
      }),
    );
  }
  return keyOf((input.Item ?? input.Key) as Record<string, unknown> | undefined);
}

/**
 * The real app on `tableName` (created and seeded with the demo directory, as `npm start`
 * and the tests do), its store's DynamoDB client carrying the write recorder.
 */
export async function createFuzzApi(options: {
  endpoint: string;
  tableName: string;
}): Promise<FuzzApi> {
  await prepareLocalDatabase(options);
  const client = createDynamoClient({ endpoint: options.endpoint });
  const current = new AsyncLocalStorage<number>();
  const writes = new Map<number, string[]>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const index = current.getStore();
      if (index !== undefined && WRITE_COMMAND.test(String(context.commandName ?? ""))) {
        const list = writes.get(index) ?? [];
        list.push(...writtenKeys(args.input as Record<string, unknown>));
        writes.set(index, list);
      }
      return result;
    },
    { step: "initialize", name: "fuzzWriteRecorder" },
  );
  const deps = withInProcessExports(
    createDeps(
      readConfig({
        TABLE_NAME: options.tableName,
        DYNAMODB_ENDPOINT: options.endpoint,
        LIANXIN_SITE_SECRET: FUZZ_SITE_SECRET,
      }),
      { store: createStore(client, options.tableName) },
    ),
  );
  return {
    app: createApp(deps),
    deps,
    tableName: options.tableName,
    writes,
    attribute: (index, f) => current.run(index, f),
    async scan() {
      const items = new Map<string, string>();
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: options.tableName,
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? [])
          items.set(keyText(String(item.pk), String(item.sk)), canonical(item));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
    close: () => client.destroy(),
  };
}

/** An item as text that does not depend on attribute order (sets sorted). */
function canonical(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (v instanceof Set) return { $set: [...v].map(norm).sort() };
    if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString("base64") };
    if (Array.isArray(v)) return v.map(norm);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, norm((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(norm(value));
}

// ---------------------------------------------------------------------------------------------
// The world the inputs aim at.

async function call(
  api: FuzzApi,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await api.app.request(path, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`fuzz setup: ${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * Sets the stage through the API, as admin and residents would: Open311 keys (one revoked)
 * and concerns in several states (one a conduct complaint,
 * some answered so that they can be rated, one struck off with its notice published).
 */
export async function prepareFuzzWorld(api: FuzzApi): Promise<FuzzWorld> {
  const directory = buildDemoDirectory();
  const { token } = await call(api, "POST", "/api/staff/session", {
    username: "admin",
    password: DEMO_PASSWORD,
  });
  const asAdmin = { authorization: `Bearer ${token}` };
  const issue = async (label: string) =>
    call(api, "POST", "/api/staff/open311-keys", { label }, asAdmin);
  const [revoked, ...issued] = await Promise.all(
    ["模糊测试（已吊销）", ...[1, 2, 3, 4].map((i) => `模糊测试客户端 ${i}`)].map(issue),
  );
  await call(
    api,
    "POST",
    `/api/staff/open311-keys/${revoked.key.id}/revoke`,
    { reason: "fuzz: a revoked key" },
    asAdmin,
  );
  const open311Keys: string[] = issued.map((k) => k.apiKey);

  const conductCode = directory.categories.find((c) => c.conductComplaint)?.code ?? "cadre_conduct";
  const filings = [
    { villageId: "meijing", groupId: "meijing-01", categoryCode: "environment", state: "answered" },
    { villageId: "doumen", categoryCode: "roads_lighting", state: "answered" },
    { villageId: "qinxiang", categoryCode: "utilities", state: "answered" },
    { villageId: "park", categoryCode: "safety_hazard", state: "struck_off" },
    { villageId: "meijing", categoryCode: "dispute", state: "open" },
    { villageId: "zhangzhen", categoryCode: "housing", state: "open" },
    { villageId: "wanma", categoryCode: "other", state: "open" },
    { villageId: "meijing", categoryCode: conductCode, state: "open" },
  ];
  const file = async (f: (typeof filings)[number], i: number) => {
    const receipt = await call(
      api,
      "POST",
      "/api/concerns",
      {
        villageId: f.villageId,
        ...(f.groupId ? { groupId: f.groupId } : {}),
        categoryCode: f.categoryCode,
        title: `模糊测试事项 ${i + 1}`,
        description: "河边的路灯坏了很久，晚上出行很不方便，请尽快派人修理。",
        contactName: "张三",
        contactPhone: "13800138000",
      },
      {
        "idempotency-key": `fuzz-world-${i}-${Date.now()}`,
        "x-lianxin-client-address": `192.0.2.${i + 1}`,
        "x-lianxin-site-secret": FUZZ_SITE_SECRET,
      },
    );
    const path = `/api/staff/concerns/${receipt.ledgerNo}`;
    const act = async (action: Record<string, unknown>) => {
      const view = await call(api, "GET", path, undefined, asAdmin);
      await call(
        api,
        "POST",
        `${path}/actions`,
        { expectedVersion: view.version, ...action },
        asAdmin,
      );
    };
    if (f.state === "answered" || f.state === "struck_off") {
      await act({ type: "accept" });
      await act({ type: "answer", outcome: "resolved", publicReply: "已派人修复，现已恢复照明。" });
    }
    if (f.state === "struck_off") {
      await act({ type: "strike_off", verificationNote: "电话回访核实" });
      await call(api, "POST", `/api/staff/notices/${receipt.ledgerNo}/publish`, undefined, asAdmin);
    }
    return {
      ledgerNo: receipt.ledgerNo as string,
      accessCode: receipt.accessCode as string,
      answered: f.state === "answered",
      conduct: f.categoryCode === conductCode,
      published: f.state === "struck_off",
    };
  };
  const filed = await Promise.all(filings.map(file));
  const concerns = filed.map(({ published: _, ...c }) => c);
  const notices = filed.filter((c) => c.published).map((c) => c.ledgerNo);
  await call(api, "DELETE", "/api/staff/session", undefined, asAdmin);

  return {
    villages: directory.villages
      .filter((v) => !v.retiredAt)
      .map((v) => ({
        id: v.id,
        name: v.name,
        groups: v.groups.filter((g) => !g.retiredAt).map((g) => ({ id: g.id, name: g.name })),
      })),
    categories: directory.categories
      .filter((c) => !c.retiredAt)
      .map((c) => ({ code: c.code, conduct: Boolean(c.conductComplaint) })),
    concerns,
    notices,
    open311Keys,
    revokedOpen311Key: revoked.apiKey,
    siteSecret: FUZZ_SITE_SECRET,
    // Valid logins sign in as two demo accounts; wrong passwords go to the others (and lock them).
    logins: ["cadre2", "park"].map((username) => ({ username, password: DEMO_PASSWORD })),
    otherUsernames: ["admin", "leader", "head", "cadre", "inspector"],
    year: Number(concerns[0]?.ledgerNo.split("-")[1] ?? new Date().getFullYear()),
  };
}

// ---------------------------------------------------------------------------------------------
// Sending an input.

export interface Answer {
  status: number;
  headers: Record<string, string>;
  /** The body as text (base64 when the Lambda adapter sent it so). */
  body: string;
}

/** Sends one input the way its transport says, and reads the whole answer. */
export async function send(api: FuzzApi, input: FuzzInput): Promise<Answer> {
  const target = `${input.path}${input.query ? `?${input.query}` : ""}`;
  if (input.transport === "lambda") {
    const extras = input.lambda ?? { textBody: false, lowerCaseMethod: false };
    const bytes =
      input.body === undefined
        ? undefined
        : typeof input.body === "string"
          ? Buffer.from(input.body, "utf8")
          : Buffer.from(input.body);
    const text = extras.textBody && typeof input.body === "string";
    const event = {
      version: "2.0",
      routeKey: "$default",
      rawPath: input.path,
      rawQueryString: input.query,
      headers: {
        ...input.headers,
        host: input.host,
        ...(extras.contentLength ? { "content-length": extras.contentLength } : {}),
      },
      ...(extras.cookies ? { cookies: extras.cookies } : {}),
      requestContext: {
        domainName: "fuzz.execute-api.example",
        http: {
          method: extras.lowerCaseMethod ? input.method.toLowerCase() : input.method,
          path: input.path,
          protocol: "HTTP/1.1",
          sourceIp: input.sourceIp,
          userAgent: "fuzz",
        },
      },
      ...(bytes === undefined
        ? { isBase64Encoded: false }
        : text
          ? { body: input.body, isBase64Encoded: false }
          : { body: bytes.toString("base64"), isBase64Encoded: true }),
    } as unknown as APIGatewayProxyEventV2;
    const result = await resultOfResponse(await api.app.handle(requestOfEvent(event)));
    const headers = "headers" in result ? result.headers : undefined;
    return {
      status: result.statusCode,
      headers: (headers ?? {}) as Record<string, string>,
      body: result.body,
    };
  }
  const res = await api.app.request(`http://${input.host}${target}`, {
    method: input.method,
    headers: input.headers,
    ...(input.body === undefined ? {} : { body: input.body }),
  });
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    headers[k] = v;
  });
  return { status: res.status, headers, body: await res.text() };
}

// ---------------------------------------------------------------------------------------------
// A run.

export type FailureKind = "5xx" | "slow" | "accepted" | "threw" | "refused-wrote" | "table";

export interface FuzzFailure {
  kind: FailureKind;
  phase: Phase;
  message: string;
  index?: number;
  input?: FuzzInput;
  answer?: Answer;
}

export interface FuzzResult {
  index: number;
  phase: Phase;
  route: string;
  kind: string;
  /** The answer's status (after a retry, the retry's). */
  status: number;
  ms: number;
  /** Answered 503 "unavailable" at first and sent again (see runOne). */
  retried: boolean;
}

export interface FuzzReport {
  seed: number;
  counts: Record<Phase, number>;
  results: FuzzResult[];
  failures: FuzzFailure[];
  /** Items new, changed or gone in each phase (for the report). */
  tableChanges: Record<
    Phase,
    { total: number; byException: Record<string, number>; bySuccess: number }
  >;
  elapsedMs: number;
}

export interface RunOptions {
  seed: number;
  /** Inputs in the mixed phase, then in the refused phase. */
  mixed: number;
  refused: number;
  /** Inputs in flight at once (default 1). */
  concurrency?: number;
  /** Called before each input is sent (`pnpm fuzz` keeps the inputs in flight in a file). */
  onStart?: (index: number, phase: Phase, input: FuzzInput) => void;
  /** Called after each input (for progress). */
  onResult?: (result: FuzzResult, done: number, total: number) => void;
  /**
   * Called with every answer: the hook for a planted personal data search (inputs carry
   * `planted`, the personal data they submitted).
   */
  observe?: (input: FuzzInput, answer: Answer, index: number) => void;
  /** At most this many failures kept per kind (default 20). */
  keepFailures?: number;
}

/** Runs `mixed` then `refused` inputs of `seed` against the API and checks all of it. */
export async function runFuzz(
  api: FuzzApi,
  world: FuzzWorld,
  options: RunOptions,
): Promise<FuzzReport> {
  const started = performance.now();
  const arbitraries = fuzzArbitraries(world);
  const failures: FuzzFailure[] = [];
  const keep = options.keepFailures ?? 20;
  const kept = new Map<FailureKind, number>();
  const fail = (f: FuzzFailure) => {
    const n = kept.get(f.kind) ?? 0;
    kept.set(f.kind, n + 1);
    if (n < keep) failures.push(f);
  };
  const results: FuzzResult[] = [];
  const total = options.mixed + options.refused;
  const tableChanges = {} as FuzzReport["tableChanges"];

  const phases: [Phase, number, number][] = [
    ["mixed", 0, options.mixed],
    ["refused", options.mixed, total],
  ];
  for (const [phase, from, to] of phases) {
    if (to <= from) {
      tableChanges[phase] = { total: 0, byException: {}, bySuccess: 0 };
      continue;
    }
    const before = await api.scan();
    const succeeded = new Set<number>();
    let next = from;
    const worker = async () => {
      while (next < to) {
        const index = next++;
        const result = await runOne(api, arbitraries, options, phase, index, fail);
        if (result.status >= 200 && result.status < 300) succeeded.add(index);
        results.push(result);
        options.onResult?.(result, results.length, total);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
    const after = await api.scan();
    tableChanges[phase] = checkTable(api, phase, before, after, succeeded, fail);
  }
  return {
    seed: options.seed,
    counts: { mixed: options.mixed, refused: options.refused },
    results,
    failures,
    tableChanges,
    elapsedMs: performance.now() - started,
  };
}

async function runOne(
  api: FuzzApi,
  arbitraries: FuzzArbitraries,
  options: RunOptions,
  phase: Phase,
  index: number,
  fail: (f: FuzzFailure) => void,
): Promise<FuzzResult> {
  const input = fuzzInput(arbitraries, options.seed, index, phase);
  options.onStart?.(index, phase, input);
  const t0 = performance.now();
  let answer: Answer;
  try {
    answer = await api.attribute(index, () => send(api, input));
  } catch (error) {
    const ms = performance.now() - t0;
    fail({
      kind: "threw",
      phase,
      index,
      input,
      message: `threw ${(error as Error)?.stack ?? String(error)}`,
    });
    return { index, phase, route: input.route, kind: input.kind, status: 0, ms, retried: false };
  }
  let ms = performance.now() - t0;
  // 503 with Retry-After is the API's documented answer to a database that did not answer in
  // time (http/errors.ts: a connection not made within 1 s), not to the input: on a loaded
  // machine DynamoDB Local sometimes accepts that slowly. The input is sent once more after
  // the pause; a second 5xx fails the run like any other, and the report counts the retries.
  let retried = false;
  if (answer.status === 503 && answer.headers["retry-after"]) {
    retried = true;
    await new Promise((done) => setTimeout(done, UNAVAILABLE_PAUSE_MS));
    const t1 = performance.now();
    try {
      answer = await api.attribute(index, () => send(api, input));
    } catch (error) {
      fail({ kind: "threw", phase, index, input, message: `threw ${(error as Error)?.stack}` });
      return { index, phase, route: input.route, kind: input.kind, status: 0, ms, retried };
    }
    ms = performance.now() - t1;
  }
  options.observe?.(input, answer, index);
  const base = { phase, index, input, answer };
  if (answer.status >= 500) fail({ ...base, kind: "5xx", message: `answered ${answer.status}` });
  if (ms > SLOW_MS)
    fail({ ...base, kind: "slow", message: `took ${Math.round(ms)} ms (limit ${SLOW_MS})` });
  if (input.refused && answer.status < 400)
    fail({
      ...base,
      kind: "accepted",
      message: `broken on purpose (${input.variant}) but answered ${answer.status}`,
    });
  if (answer.status >= 400) {
    const wrote = (api.writes.get(index) ?? []).filter((key) => {
      const [pk = "", sk = ""] = key.split(" / ");
      const exception = exceptionOf(pk, sk);
      if (exception === "sign-in lock")
        return input.route !== "POST /api/staff/session" || answer.status !== 401;
      // A number is reserved and voided only by a submission its window then refused.
      if (exception === "ledger number" || exception === "void record")
        return answer.status !== 429;
      return exception === null;
    });
    if (wrote.length)
      fail({
        ...base,
        kind: "refused-wrote",
        message: `answered ${answer.status} but wrote ${wrote.join(", ")}`,
      });
  }
  return { index, phase, route: input.route, kind: input.kind, status: answer.status, ms, retried };
}

/** The table's changes in a phase, each explained or failed (see the top of this file). */
function checkTable(
  api: FuzzApi,
  phase: Phase,
  before: Map<string, string>,
  after: Map<string, string>,
  succeeded: Set<number>,
  fail: (f: FuzzFailure) => void,
) {
  const bySuccessfulInput = new Set<string>();
  for (const index of succeeded)
    for (const key of api.writes.get(index) ?? []) bySuccessfulInput.add(key);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
    (k) => before.get(k) !== after.get(k),
  );
  const byException: Record<string, number> = {};
  let bySuccess = 0;
  const unexplained: string[] = [];
  for (const key of changed) {
    const [pk = "", sk = ""] = key.split(" / ");
    const exception = exceptionOf(pk, sk);
    if (exception === "sign-in lock") {
      // Only the lock itself: the account's other attributes are not a refused login's to change.
      const strip = (text: string | undefined) => {
        if (text === undefined) return undefined;
        const { lockedUntil: _, ...rest } = JSON.parse(text);
        return JSON.stringify(rest);
      };
      if (before.has(key) && strip(before.get(key)) === strip(after.get(key))) {
        byException[exception] = (byException[exception] ?? 0) + 1;
        continue;
      }
    } else if (exception) {
      byException[exception] = (byException[exception] ?? 0) + 1;
      continue;
    }
    if (phase === "mixed" && bySuccessfulInput.has(key)) {
      bySuccess += 1;
      continue;
    }
    unexplained.push(`${before.has(key) ? (after.has(key) ? "changed" : "gone") : "new"} ${key}`);
  }
  if (unexplained.length) {
    fail({
      kind: "table",
      phase,
      message:
        phase === "refused"
          ? `the refused phase changed the table beyond ${Object.keys(REFUSED_MAY_WRITE).join(", ")}: ${unexplained.slice(0, 20).join("; ")}`
          : `items changed that no input answered 2xx wrote: ${unexplained.slice(0, 20).join("; ")}`,
    });
  }
  return { total: changed.length, byException, bySuccess };
}

// ---------------------------------------------------------------------------------------------
// Reporting.

const clip = (text: string, max: number) =>
  text.length <= max
    ? text
    : `${text.slice(0, max)}… (${text.length.toLocaleString("en-US")} chars)`;

function bodyText(body: FuzzInput["body"]): string {
  if (body === undefined) return "(none)";
  if (typeof body === "string") return JSON.stringify(clip(body, 1_500));
  return `bytes(${body.byteLength}) base64:${clip(Buffer.from(body).toString("base64"), 1_500)}`;
}

/** One failure, with what it takes to see it again. */
export function describeFailure(f: FuzzFailure, seed: number): string {
  const lines = [
    `[${f.kind}] ${f.phase} phase${f.index === undefined ? "" : `, input #${f.index}`}: ${f.message}`,
  ];
  if (f.input) {
    const i = f.input;
    lines.push(
      `  reproduce: pnpm fuzz --seed ${seed} --only ${f.index} --phase ${f.phase}`,
      `  route ${i.route} (${i.kind}, ${i.variant})`,
      `  ${i.method} ${clip(`${i.path}${i.query ? `?${i.query}` : ""}`, 600)} via ${i.transport}, host ${i.host}${i.transport === "lambda" ? `, source ${i.sourceIp}` : ""}`,
      `  headers ${clip(JSON.stringify(i.headers), 800)}`,
      `  body ${bodyText(i.body)}`,
    );
  }
  if (f.answer) lines.push(`  answer ${f.answer.status} ${clip(f.answer.body, 600)}`);
  return lines.join("\n");
}

/** Counts by status, and by route and status. */
export function tally(results: readonly FuzzResult[]) {
  const byStatus = new Map<number, number>();
  const byRoute = new Map<string, Map<number, number>>();
  for (const r of results) {
    byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    const row = byRoute.get(r.route) ?? new Map<number, number>();
    row.set(r.status, (row.get(r.status) ?? 0) + 1);
    byRoute.set(r.route, row);
  }
  return { byStatus, byRoute };
}

/** Every public route the run reached (the contract's list, for a coverage check). */
export const routesOf = (results: readonly FuzzResult[]) => new Set(results.map((r) => r.route));
export { PUBLIC_ROUTES };
