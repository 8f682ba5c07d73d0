import type * as LambdaSdk from "@aws-sdk/client-lambda";
import { DomainError } from "@lianxin/core";
import { AWS_CLIENT_TIMEOUTS, loadSdk, sendBounded } from "../aws-sdk.js";

/** Starts the background build of a ledger export (use-cases/ledger/ledger-export.ts). */
export interface ExportWorkerPort {
  start(jobId: string): Promise<void>;
}

/** What the worker function receives. */
export interface ExportWorkerEvent {
  jobId: string;
}

/**
 * On AWS: an asynchronous invocation of the worker function (the API answers at once; Lambda
 * retries a failed run twice, and the job's conditional steps make a retry harmless). The
 * Lambda client is loaded on the first export only (aws-sdk.ts).
 */
export function lambdaExportWorker(functionName: string, region?: string): ExportWorkerPort {
  let client: LambdaSdk.LambdaClient | undefined;
  return {
    async start(jobId) {
      const sdk = loadSdk<typeof LambdaSdk>("@aws-sdk/client-lambda");
      client ??= new sdk.LambdaClient({
        ...(region ? { region } : {}),
        requestHandler: AWS_CLIENT_TIMEOUTS,
      });
      const lambda = client;
      const event: ExportWorkerEvent = { jobId };
      const command = new sdk.InvokeCommand({
        FunctionName: functionName,
        InvocationType: "Event",
        Payload: new TextEncoder().encode(JSON.stringify(event)),
      });
      await sendBounded((options) => lambda.send(command, options));
    },
  };
}

/**
 * Where no worker is configured (EXPORT_WORKER): background exports are unavailable (503)
 * rather than silently never made. The local server and the tests run them in-process
 * (export/in-process-worker.ts), which Lambda bundles never include.
 */
export const noExportWorker: ExportWorkerPort = {
  async start() {
    throw new DomainError("unavailable");
  },
};
