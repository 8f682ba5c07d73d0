/**
 * SST v2 `Config.Secret` bindings, resolved at run time: the one loader of the API's
 * functions and both sites' server functions. A bound secret reaches a function as the
 * variable `SST_Secret_value_<NAME>=__FETCH_FROM_SSM__`; its value lives in SSM Parameter
 * Store at `<SST_SSM_PREFIX>Secret/<NAME>/value` (SST sets SST_SSM_PREFIX to
 * `/sst/<app>/<stage>/`), or, when the stage has none, at the app's fallback
 * `/sst/<app>/.fallback/Secret/<NAME>/value` (`sst secrets set --fallback`). Same names and
 * order as SST's own `sst/node/config`, which we do not use: it fetches with a top-level await
 * on import, and importing an entry should have no side effects.
 *
 * `loadSecrets()` copies each value into `process.env.<NAME>` (where each config reader looks),
 * once per process, before anything needs it. Without markers (locally, or when the variable
 * is set directly) it does nothing and loads no AWS SDK.
 */

/** The value SST puts in a bound secret's variable instead of the secret itself. */
export const SSM_MARKER = "__FETCH_FROM_SSM__";
const SECRET_VARIABLE_PREFIX = "SST_Secret_value_";
/** GetParameters takes at most 10 names a call. */
const NAMES_PER_CALL = 10;

type Env = Record<string, string | undefined>;

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

/** The stage's parameter: `<SST_SSM_PREFIX>Secret/<NAME>/value`. */
export function secretParameterPath(name: string, env: Env): string {
  const prefix =
    env.SST_SSM_PREFIX || `/sst/${required(env, "SST_APP")}/${required(env, "SST_STAGE")}/`;
  return `${prefix}Secret/${name}/value`;
}

/** The app-wide fallback: `/sst/<app>/.fallback/Secret/<NAME>/value`. */
export function secretFallbackPath(name: string, env: Env): string {
  return `/sst/${required(env, "SST_APP")}/.fallback/Secret/${name}/value`;
}

/** What a GetParameters call answers: values by parameter name, and the names not found. */
export interface ParameterBatch {
  values: Map<string, string>;
  invalid: string[];
}

/** One GetParameters call (WithDecryption) for at most 10 names. */
export type GetParameters = (names: string[]) => Promise<ParameterBatch>;

async function fetchAll(paths: string[], get: GetParameters): Promise<ParameterBatch> {
  const values = new Map<string, string>();
  const invalid: string[] = [];
  const chunks: string[][] = [];
  for (let i = 0; i < paths.length; i += NAMES_PER_CALL) {
    chunks.push(paths.slice(i, i + NAMES_PER_CALL));
  }
  for (const batch of await Promise.all(chunks.map(get))) {
    for (const [name, value] of batch.values) values.set(name, value);
    invalid.push(...batch.invalid);
  }
  return { values, invalid };
}

/**
 * The bound secrets' values by name: the stage's parameters first, then the fallback for the
 * ones the stage lacks. Throws naming every secret set in neither place.
 */
export async function resolveSecrets(env: Env, get: GetParameters): Promise<Map<string, string>> {
  const names = boundSecretNames(env);
  const resolved = new Map<string, string>();
  if (names.length === 0) return resolved;
  const stagePaths = new Map(names.map((name) => [secretParameterPath(name, env), name]));
  const first = await fetchAll([...stagePaths.keys()], get);
  const missing: string[] = [];
  for (const [path, name] of stagePaths) {
    const value = first.values.get(path);
    if (value === undefined) missing.push(name);
    else resolved.set(name, value);
  }
  if (missing.length === 0) return resolved;
  const fallbackPaths = new Map(missing.map((name) => [secretFallbackPath(name, env), name]));
  const second = await fetchAll([...fallbackPaths.keys()], get);
  const unset: string[] = [];
  for (const [path, name] of fallbackPaths) {
    const value = second.values.get(path);
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

/** The part of `@aws-sdk/client-ssm` the loader uses. */
type SsmSdk = Pick<typeof import("@aws-sdk/client-ssm"), "GetParametersCommand" | "SSMClient">;

/**
 * GetParameters through the SDK's SSM client. How the SDK is loaded is the caller's: the API
 * loads it with `require` for its cold start (functions/src/aws-sdk.ts), the sites import it.
 */
export function getParametersWith({ GetParametersCommand, SSMClient }: SsmSdk): GetParameters {
  // A stalled SSM answers within seconds (the page shows its error), never hangs the server.
  // `socketTimeout` is the idle time in every SDK version; `requestTimeout` the whole time in
  // recent ones, where it only warns unless told to throw.
  const client = new SSMClient({
    requestHandler: {
      connectionTimeout: 1_000,
      requestTimeout: 3_000,
      socketTimeout: 3_000,
      throwOnRequestTimeout: true,
    },
  });
  return async (names) => {
    const out = await client.send(new GetParametersCommand({ Names: names, WithDecryption: true }));
    const values = new Map<string, string>();
    for (const p of out.Parameters ?? []) {
      if (p.Name !== undefined && p.Value !== undefined) values.set(p.Name, p.Value);
    }
    return { values, invalid: out.InvalidParameters ?? [] };
  };
}

/**
 * Puts every bound secret's value into `env.<NAME>` (a value already there is kept: an
 * explicit variable wins). Does nothing, and loads no SDK, when no secret is bound.
 */
export async function loadSecrets(
  env: Env = process.env,
  get?: GetParameters,
  sdk: () => SsmSdk | Promise<SsmSdk> = () => import("@aws-sdk/client-ssm"),
): Promise<string[]> {
  if (boundSecretNames(env).length === 0) return [];
  const values = await resolveSecrets(env, get ?? getParametersWith(await sdk()));
  for (const [name, value] of values) env[name] ??= value;
  return [...values.keys()];
}

let loading: Promise<unknown> | null = null;

/** `loadSecrets()` once per site process (the middleware awaits it); retried after a failure. */
export function loadSecretsOnce(): Promise<unknown> {
  loading ??= loadSecrets().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
