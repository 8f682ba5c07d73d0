import { createRequire } from "node:module";
import type * as LambdaSdk from "@aws-sdk/client-lambda";

/** Starts the background build of a ledger export (use-cases/staff/ledger-export.ts). */
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
 * Lambda client is the runtime's, loaded with `require` on the first export only.
 */
export function lambdaExportWorker(functionName: string, region?: string): ExportWorkerPort {
  let client: LambdaSdk.LambdaClient | undefined;
  return {
    async start(jobId) {
      const sdk = createRequire(import.meta.url)("@aws-sdk/client-lambda") as typeof LambdaSdk;
      client ??= new sdk.LambdaClient(region ? { region } : {});
      const event: ExportWorkerEvent = { jobId };
      await client.send(
        new sdk.InvokeCommand({
          FunctionName: functionName,
          InvocationType: "Event",
          Payload: new TextEncoder().encode(JSON.stringify(event)),
        }),
      );
    },
  };
}

/**
 * Locally (and in tests): the same build, in this process, after the request has been
 * answered. Failures are recorded on the job by the build itself; this only logs the rest.
 */
export function inProcessExportWorker(run: (jobId: string) => Promise<void>): ExportWorkerPort {
  return {
    async start(jobId) {
      setImmediate(() => {
        run(jobId).catch((error: unknown) =>
          console.error(
            JSON.stringify({ level: "error", msg: "export job", jobId, error: String(error) }),
          ),
        );
      });
    },
  };
}
