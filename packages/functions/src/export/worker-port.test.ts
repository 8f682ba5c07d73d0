import { DomainError } from "@lianxin/core";
import { describe, expect, it } from "vitest";
import { noExportWorker } from "./worker-port.js";

describe("the export worker port", () => {
  it("refuses as unavailable where no worker is configured, rather than never starting", async () => {
    await expect(noExportWorker.start("job-1")).rejects.toBeInstanceOf(DomainError);
    await expect(noExportWorker.start("job-1")).rejects.toMatchObject({ code: "unavailable" });
  });
});
