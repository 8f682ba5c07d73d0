import { runWithoutDeadline } from "@lianxin/store";
import type { Deps } from "../deps.js";

/**
 * Background exports built in this process, after the request has been answered: the local
 * server (npm start) and the tests. Not for Lambda, which freezes after its answer; there the
 * API invokes the export worker function (worker-port.ts). Kept out of deps.ts so that no
 * Lambda bundle carries the export code (and exceljs) through it. The job runs without the
 * deadline of the request that started it.
 */
export function withInProcessExports(deps: Deps): Deps {
  const withExports: Deps = {
    ...deps,
    exportWorker: {
      async start(jobId) {
        runWithoutDeadline(() =>
          setImmediate(() => {
            import("../use-cases/ledger/ledger-export.js")
              .then(({ runLedgerExportJob }) => runLedgerExportJob(withExports, jobId))
              .catch((error: unknown) =>
                console.error(
                  JSON.stringify({
                    level: "error",
                    msg: "export job",
                    jobId,
                    error: String(error),
                  }),
                ),
              );
          }),
        );
      },
    },
  };
  return withExports;
}
