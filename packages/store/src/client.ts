import { boundedCall } from "./deadline.js";
import { DynamoDBClient, DynamoDBDocumentClient } from "./sdk.js";

/** How long DynamoDB may take: to connect, to answer one attempt, and a whole call. */
export interface DynamoTimeouts {
  connectionTimeout: number;
  /** One attempt's answer: enforced (without `throwOnRequestTimeout` the SDK only warns). */
  requestTimeout: number;
  /** A whole call: both attempts and the wait between them (deadline.ts `boundedCall`). */
  callBudget: number;
}

/**
 * DynamoDB answers in milliseconds, so on AWS a stalled connection or a silent database ends a
 * call within 2 s (connect 1 s, an attempt 1.5 s, the SDK's one retry inside the same 2 s)
 * and the caller answers 503 with Retry-After within 3 s instead of hanging (functions'
 * http/errors.ts); a request's deadline bounds its calls together (deadline.ts). DynamoDB
 * Local, a JVM sharing two cores with the tests, can legitimately take seconds: it gets more.
 */
export const DYNAMODB_TIMEOUTS = {
  aws: { connectionTimeout: 1_000, requestTimeout: 1_500, callBudget: 2_000 },
  local: { connectionTimeout: 1_000, requestTimeout: 10_000, callBudget: 20_000 },
} as const satisfies Record<string, DynamoTimeouts>;

/**
 * A document client. With `endpoint` (DynamoDB Local) it uses fixed dummy credentials,
 * since the emulator accepts any, and the local timeouts; without, the SDK's normal
 * credential chain (Lambda) and the AWS ones. `timeouts` overrides (the fault tests run
 * DynamoDB Local with the AWS timeouts). Every call goes through `boundedCall`: within its
 * budget and the current request's deadline.
 */
export function createDynamoClient(
  options: {
    endpoint?: string | undefined;
    region?: string | undefined;
    timeouts?: DynamoTimeouts;
  } = {},
): DynamoDBDocumentClient {
  const timeouts =
    options.timeouts ?? (options.endpoint ? DYNAMODB_TIMEOUTS.local : DYNAMODB_TIMEOUTS.aws);
  const client = new DynamoDBClient({
    requestHandler: {
      connectionTimeout: timeouts.connectionTimeout,
      // An attempt's whole time, and (for the SDK the Lambda runtime may bring, where
      // requestTimeout is the idle time) a silent socket's.
      requestTimeout: timeouts.requestTimeout,
      socketTimeout: timeouts.requestTimeout,
      throwOnRequestTimeout: true,
    },
    region: options.region ?? (options.endpoint ? "local" : undefined),
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          credentials: { accessKeyId: "local", secretAccessKey: "local" },
        }
      : {}),
    maxAttempts: 2,
  });
  const document = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return boundCalls(document, timeouts.callBudget);
}

type Send = (command: unknown, options?: { abortSignal?: AbortSignal }) => Promise<unknown>;

/**
 * The client's one entry, `send`, wrapped: each call gets an abort signal that fires at the
 * end of its budget or at the request's deadline, whichever is first. The SDK hands the signal
 * to every attempt, so an attempt in flight is cut off and no retry or wait starts after it.
 */
function boundCalls(document: DynamoDBDocumentClient, budgetMs: number): DynamoDBDocumentClient {
  const send = document.send.bind(document) as Send;
  const bounded: Send = (command, options) =>
    boundedCall(
      budgetMs,
      (abortSignal) => send(command, { ...options, abortSignal }),
      options?.abortSignal,
    );
  return Object.assign(document, { send: bounded as DynamoDBDocumentClient["send"] });
}
