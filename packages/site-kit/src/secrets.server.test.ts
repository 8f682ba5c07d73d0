import { describe, expect, it } from "vitest";
import {
  boundSecretNames,
  type GetParameters,
  loadSecrets,
  SSM_MARKER,
  secretParameterPaths,
} from "./secrets.server.js";

const bound = (extra: Record<string, string> = {}) => ({
  SST_APP: "lianxin",
  SST_STAGE: "prod",
  SST_SSM_PREFIX: "/sst/lianxin/prod/",
  SST_Secret_value_LIANXIN_SITE_SECRET: SSM_MARKER,
  ...extra,
});

/** A fake SSM holding `store`; records every call's names. */
function fakeSsm(store: Record<string, string>): { get: GetParameters; calls: string[][] } {
  const calls: string[][] = [];
  const get: GetParameters = async (names) => {
    calls.push(names);
    return new Map(names.flatMap((n) => (store[n] === undefined ? [] : [[n, store[n]]])));
  };
  return { get, calls };
}

describe("site secrets (SST Config.Secret bindings)", () => {
  it("finds the bound secrets still in SSM", () => {
    expect(boundSecretNames(bound())).toEqual(["LIANXIN_SITE_SECRET"]);
    expect(boundSecretNames({ SST_Secret_value_X: "already-prefetched" })).toEqual([]);
    // An explicit variable wins: nothing to fetch.
    expect(boundSecretNames(bound({ LIANXIN_SITE_SECRET: "set" }))).toEqual([]);
  });

  it("reads the stage's parameter, then the app's fallback", () => {
    expect(secretParameterPaths("LIANXIN_SITE_SECRET", bound())).toEqual([
      "/sst/lianxin/prod/Secret/LIANXIN_SITE_SECRET/value",
      "/sst/lianxin/.fallback/Secret/LIANXIN_SITE_SECRET/value",
    ]);
  });

  it("puts the stage's value into the environment", async () => {
    const env: Record<string, string | undefined> = bound();
    const ssm = fakeSsm({ "/sst/lianxin/prod/Secret/LIANXIN_SITE_SECRET/value": "s3cret" });
    expect(await loadSecrets(env, ssm.get)).toEqual(["LIANXIN_SITE_SECRET"]);
    expect(env.LIANXIN_SITE_SECRET).toBe("s3cret");
    expect(ssm.calls).toHaveLength(1);
  });

  it("falls back to the app-wide value, and names a secret set nowhere", async () => {
    const env: Record<string, string | undefined> = bound();
    const ssm = fakeSsm({ "/sst/lianxin/.fallback/Secret/LIANXIN_SITE_SECRET/value": "fb" });
    await loadSecrets(env, ssm.get);
    expect(env.LIANXIN_SITE_SECRET).toBe("fb");
    expect(ssm.calls).toHaveLength(2);
    await expect(loadSecrets(bound(), fakeSsm({}).get)).rejects.toThrow(/LIANXIN_SITE_SECRET/);
  });

  it("does nothing locally (no markers)", async () => {
    const ssm = fakeSsm({});
    expect(await loadSecrets({ LIANXIN_SITE_SECRET: "local" }, ssm.get)).toEqual([]);
    expect(ssm.calls).toHaveLength(0);
  });
});
