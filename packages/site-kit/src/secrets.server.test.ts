import { describe, expect, it } from "vitest";
import {
  boundSecretNames,
  type GetParameters,
  loadSecrets,
  resolveSecrets,
  SSM_MARKER,
  secretFallbackPath,
  secretParameterPath,
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
    const values = new Map(names.flatMap((n) => (store[n] === undefined ? [] : [[n, store[n]]])));
    return { values, invalid: names.filter((n) => store[n] === undefined) };
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
    const paths = (name: string, env: Record<string, string>) => [
      secretParameterPath(name, env),
      secretFallbackPath(name, env),
    ];
    expect(paths("LIANXIN_SITE_SECRET", bound())).toEqual([
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

/** What SST 2.49.8 puts in a function's environment when two secrets are bound (synth). */
const boundEnv = () => ({
  SST_APP: "lianxin",
  SST_STAGE: "prod",
  SST_SSM_PREFIX: "/sst/lianxin/prod/",
  SST_Secret_value_SESSION_SIGNING_KEY: SSM_MARKER,
  SST_Secret_value_LIANXIN_SITE_SECRET: SSM_MARKER,
  TABLE_NAME: "t",
});

/** Parameter Store as a map, answering like GetParameters (found values, invalid names). */
function store(parameters: Record<string, string>): { get: GetParameters; calls: string[][] } {
  const calls: string[][] = [];
  const get: GetParameters = async (names) => {
    calls.push(names);
    const values = new Map<string, string>();
    for (const n of names) {
      const value = parameters[n];
      if (value !== undefined) values.set(n, value);
    }
    return { values, invalid: names.filter((n) => !(n in parameters)) };
  };
  return { get, calls };
}

describe("SST secret bindings (the API's functions)", () => {
  it("finds the bound secrets by SST's variable names", () => {
    expect(boundSecretNames(boundEnv())).toEqual(["LIANXIN_SITE_SECRET", "SESSION_SIGNING_KEY"]);
    expect(boundSecretNames({ SST_Secret_value_X: "already-a-value" })).toEqual([]);
    expect(boundSecretNames({ DYNAMODB_ENDPOINT: "http://localhost:8000" })).toEqual([]);
  });

  it("builds SST's parameter paths: the stage's, then the app's fallback", () => {
    const env = boundEnv();
    expect(secretParameterPath("SESSION_SIGNING_KEY", env)).toBe(
      "/sst/lianxin/prod/Secret/SESSION_SIGNING_KEY/value",
    );
    expect(secretFallbackPath("SESSION_SIGNING_KEY", env)).toBe(
      "/sst/lianxin/.fallback/Secret/SESSION_SIGNING_KEY/value",
    );
    const { SST_SSM_PREFIX: _, ...withoutPrefix } = env;
    expect(secretParameterPath("X", withoutPrefix)).toBe("/sst/lianxin/prod/Secret/X/value");
    expect(() => secretFallbackPath("X", {})).toThrow(/SST_APP/);
  });

  it("takes the stage's value, else the fallback, and names what is set nowhere", async () => {
    const { get, calls } = store({
      "/sst/lianxin/prod/Secret/SESSION_SIGNING_KEY/value": "stage-key",
      "/sst/lianxin/.fallback/Secret/LIANXIN_SITE_SECRET/value": "fallback-secret",
    });
    const values = await resolveSecrets(boundEnv(), get);
    expect(Object.fromEntries(values)).toEqual({
      SESSION_SIGNING_KEY: "stage-key",
      LIANXIN_SITE_SECRET: "fallback-secret",
    });
    expect(calls).toEqual([
      [
        "/sst/lianxin/prod/Secret/LIANXIN_SITE_SECRET/value",
        "/sst/lianxin/prod/Secret/SESSION_SIGNING_KEY/value",
      ],
      ["/sst/lianxin/.fallback/Secret/LIANXIN_SITE_SECRET/value"],
    ]);
    await expect(resolveSecrets(boundEnv(), store({}).get)).rejects.toThrow(
      /LIANXIN_SITE_SECRET, SESSION_SIGNING_KEY/,
    );
  });

  it("asks for at most 10 names a call", async () => {
    const env: Record<string, string> = { SST_APP: "a", SST_STAGE: "s" };
    const parameters: Record<string, string> = {};
    for (let i = 0; i < 23; i++) {
      env[`SST_Secret_value_K${i}`] = SSM_MARKER;
      parameters[`/sst/a/s/Secret/K${i}/value`] = `v${i}`;
    }
    const { get, calls } = store(parameters);
    expect((await resolveSecrets(env, get)).size).toBe(23);
    expect(calls.map((c) => c.length)).toEqual([10, 10, 3]);
  });

  it("fills the variables readConfig reads, keeping explicit ones; locally does nothing", async () => {
    const env: Record<string, string | undefined> = {
      ...boundEnv(),
      LIANXIN_SITE_SECRET: "explicit",
    };
    const { get } = store({
      "/sst/lianxin/prod/Secret/SESSION_SIGNING_KEY/value": "k".repeat(40),
      "/sst/lianxin/prod/Secret/LIANXIN_SITE_SECRET/value": "from-ssm",
    });
    await loadSecrets(env, get);
    expect(env.SESSION_SIGNING_KEY).toBe("k".repeat(40));
    expect(env.LIANXIN_SITE_SECRET).toBe("explicit");
    const local = { DYNAMODB_ENDPOINT: "http://127.0.0.1:8000" };
    expect(await loadSecrets(local, store({}).get)).toEqual([]);
  });
});
