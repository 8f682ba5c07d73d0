import type * as LambdaSdk from "@aws-sdk/client-lambda";
import { AWS_CLIENT_TIMEOUTS, loadSdk } from "../aws-sdk.js";

/**
 * Starts the SMS sender right after a commit that wrote messages, so a receipt arrives within
 * seconds; the sender's schedule (every minute) catches whatever a start missed. `kick` never
 * fails the request that calls it (the messages are already in the outbox) and takes at most
 * KICK_TIMEOUT_MS: on Lambda it must be awaited, or the invocation may be frozen unsent.
 */
export interface SmsSenderPort {
  kick(): Promise<void>;
}

const KICK_TIMEOUT_MS = 1_000;

/** On AWS: an asynchronous invocation of the sender function (SMS_SENDER). */
export function lambdaSmsSender(functionName: string, region?: string): SmsSenderPort {
  let client: LambdaSdk.LambdaClient | undefined;
  return {
    async kick() {
      const sdk = loadSdk<typeof LambdaSdk>("@aws-sdk/client-lambda");
      client ??= new sdk.LambdaClient({
        ...(region ? { region } : {}),
        requestHandler: AWS_CLIENT_TIMEOUTS,
      });
      await client
        .send(
          new sdk.InvokeCommand({
            FunctionName: functionName,
            InvocationType: "Event",
            Payload: new TextEncoder().encode("{}"),
          }),
          { abortSignal: AbortSignal.timeout(KICK_TIMEOUT_MS) },
        )
        .catch((error: unknown) =>
          console.warn(
            JSON.stringify({ level: "warn", msg: "sms sender not started", error: String(error) }),
          ),
        );
    },
  };
}

/** No sender to start (the escalation job, tests that run it by hand): the schedule sends. */
export const scheduledSmsSenderOnly: SmsSenderPort = { async kick() {} };
