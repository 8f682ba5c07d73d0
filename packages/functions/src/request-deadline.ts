/** The API function's time limit on AWS, in seconds: infra/api.ts sets it from here. */
export const API_FUNCTION_TIMEOUT_SECONDS = 10;

/**
 * How long a request may use other systems (store deadline.ts): past its deadline no call to
 * DynamoDB, S3 or Lambda and no retry starts, one in flight is cut off, and the API answers
 * 503 `unavailable` with Retry-After. On AWS 8 s, 2 s under the function's limit, so that the
 * answer is ours and never the function's timeout; each DynamoDB call also ends within 2 s
 * (the store's DYNAMODB_TIMEOUTS), so a database that is down or stalled is a 503 within
 * 3 s. With DynamoDB Local (npm start, the tests) 60 s, as long as a test may take: no
 * function limit applies there, and a JVM on two busy cores can take seconds for one call
 * (before issue 13, 50 submissions at once on the old read-and-condition ledger counter took
 * over 30 s for some under a loaded test run).
 */
export const REQUEST_DEADLINE_MS = {
  aws: API_FUNCTION_TIMEOUT_SECONDS * 1_000 - 2_000,
  local: 60_000,
} as const;
