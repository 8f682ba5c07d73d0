// The site secret on AWS. SST v2 binds a Config.Secret to the server function as the variable
// SST_Secret_value_<NAME>=__FETCH_FROM_SSM__; the value lives in SSM Parameter Store at
// `<SST_SSM_PREFIX>Secret/<NAME>/value`, else at the app's fallback
// `/sst/<app>/.fallback/Secret/<NAME>/value`. The same lookup as the API's
// (packages/functions/src/secrets.ts). `loadSecretsOnce()` copies each value into
// process.env.<NAME>, where config.server.ts reads it, once per server process; without
// markers (locally, or when LIANXIN_SITE_SECRET is set directly) it does nothing and loads
// no AWS SDK. Kept identical in both sites.

export const SSM_MARKER = "__FETCH_FROM_SSM__";
const SECRET_VARIABLE_PREFIX = "SST_Secret_value_";
/** GetParameters takes at most 10 names a call; a site binds one or two secrets. */
const MAX_NAMES = 10;

type Env = Record<string, string | undefined>;

/** One GetParameters call (WithDecryption): the values found, by parameter name. */
export type GetParameters = (names: string[]) => Promise<Map<string, string>>;

/** The bound secrets whose values are still in SSM and not already set directly. */
export function boundSecretNames(env: Env): string[] {
  return Object.keys(env)
    .filter((key) => key.startsWith(SECRET_VARIABLE_PREFIX) && env[key] === SSM_MARKER)
    .map((key) => key.slice(SECRET_VARIABLE_PREFIX.length))
    .filter((name) => name.length > 0 && !env[name])
    .sort();
}

function required(env: Env, key: "SST_APP" | "SST_STAGE"): string {
  const value = env[key];
  if (!value) throw new Error(`${key} is not set: cannot locate the bound secrets`);
  return value;
}

/** The stage's parameter, then the app-wide fallback (`sst secrets set --fallback`). */
export function secretParameterPaths(name: string, env: Env): [string, string] {
  const app = required(env, "SST_APP");
  const prefix = env.SST_SSM_PREFIX || `/sst/${app}/${required(env, "SST_STAGE")}/`;
  return [`${prefix}Secret/${name}/value`, `/sst/${app}/.fallback/Secret/${name}/value`];
}

/** The bound secrets' values by name; throws naming every secret set in neither place. */
export async function resolveSecrets(env: Env, get: GetParameters): Promise<Map<string, string>> {
  const names = boundSecretNames(env);
  const resolved = new Map<string, string>();
  if (names.length === 0) return resolved;
  if (names.length > MAX_NAMES) throw new Error(`at most ${MAX_NAMES} bound secrets`);
  const paths = new Map(names.map((name) => [name, secretParameterPaths(name, env)]));
  const stage = await get(names.map((name) => paths.get(name)?.[0] as string));
  const missing = names.filter((name) => !stage.has(paths.get(name)?.[0] as string));
  for (const name of names) {
    const value = stage.get(paths.get(name)?.[0] as string);
    if (value !== undefined) resolved.set(name, value);
  }
  if (missing.length === 0) return resolved;
  const fallback = await get(missing.map((name) => paths.get(name)?.[1] as string));
  const unset: string[] = [];
  for (const name of missing) {
    const value = fallback.get(paths.get(name)?.[1] as string);
    if (value === undefined) unset.push(name);
    else resolved.set(name, value);
  }
  if (unset.length > 0) {
    throw new Error(
      `secrets not set for stage "${env.SST_STAGE}": ${unset.join(", ")} ` +
        `(pnpm sst secrets set <NAME> <value> --stage ${env.SST_STAGE})`,
    );
  }
  return resolved;
}

/** GetParameters through the AWS SDK's SSM client (the Lambda runtime provides the SDK). */
async function ssmGetParameters(): Promise<GetParameters> {
  const { GetParametersCommand, SSMClient } = await import("@aws-sdk/client-ssm");
  const client = new SSMClient({});
  return async (names) => {
    const out = await client.send(new GetParametersCommand({ Names: names, WithDecryption: true }));
    const values = new Map<string, string>();
    for (const p of out.Parameters ?? []) {
      if (p.Name !== undefined && p.Value !== undefined) values.set(p.Name, p.Value);
    }
    return values;
  };
}

/** Copies every bound secret's value into env.<NAME> (a value already there wins). */
export async function loadSecrets(env: Env = process.env, get?: GetParameters): Promise<string[]> {
  if (boundSecretNames(env).length === 0) return [];
  const values = await resolveSecrets(env, get ?? (await ssmGetParameters()));
  for (const [name, value] of values) env[name] ??= value;
  return [...values.keys()];
}

let loading: Promise<unknown> | null = null;

/** `loadSecrets()` once per process (the middleware awaits it); retried after a failure. */
export function loadSecretsOnce(): Promise<unknown> {
  loading ??= loadSecrets().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
