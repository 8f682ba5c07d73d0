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

  it("refuses to run the API on AWS without the resident key; locally it has a fixed one", () => {
    const signed = { ...aws, SESSION_SIGNING_KEY: "k".repeat(32) };
    expect(() => readConfig(signed)).toThrow("RESIDENT_KEY is not set");
    expect(() => readConfig({ ...signed, RESIDENT_KEY: "short" })).toThrow("at least 32");
    expect(readConfig({ ...signed, RESIDENT_KEY: "r".repeat(32) }).residentKey).toBe(
      "r".repeat(32),
    );
    // The local phone index must survive restarts: the same key every time.
    const local = { TABLE_NAME: "t", DYNAMODB_ENDPOINT: "http://127.0.0.1:8000" };
    expect(readConfig(local).residentKey).toBe(readConfig(local).residentKey);
    expect(readJobConfig(aws).residentKey.length).toBeGreaterThanOrEqual(32);
  });

  it("reads the town's area, the demo's box around Wuxi when unset", () => {
    const local = { TABLE_NAME: "t", DYNAMODB_ENDPOINT: "http://127.0.0.1:8000" };
    expect(readConfig(local).townArea).toEqual({
      south: 31.1,
      west: 119.5,
      north: 32.1,
      east: 120.7,
    });
    expect(readConfig({ ...local, TOWN_AREA: "31.5,120.1,31.8,120.3" }).townArea).toEqual({
      south: 31.5,
      west: 120.1,
      north: 31.8,
      east: 120.3,
    });
    expect(() => readConfig({ ...local, TOWN_AREA: "Wuxi" })).toThrow("TOWN_AREA");
  });
});
