import { describe, expect, it } from "vitest";
import { readConfig, readJobConfig } from "./config.js";

describe("config", () => {
  const aws = { TABLE_NAME: "lianxin-prod-table" };

  it("refuses to run the API on AWS without the session signing key", () => {
    expect(() => readConfig(aws)).toThrow("SESSION_SIGNING_KEY is not set");
    expect(() => readConfig({ ...aws, SESSION_SIGNING_KEY: "short" })).toThrow("at least 32");
  });

  it("runs the job without the key (it signs no sessions), with one of its own", () => {
    const a = readJobConfig(aws);
    const b = readJobConfig(aws);
    expect(a.tableName).toBe("lianxin-prod-table");
    expect(a.sessionSigningKey.length).toBeGreaterThanOrEqual(32);
    expect(a.sessionSigningKey).not.toBe(b.sessionSigningKey);
  });
});
