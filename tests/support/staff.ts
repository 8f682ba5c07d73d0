import type { StaffUser } from "@lianxin/core";
import { ensureStaffAccount } from "@lianxin/functions";
import type { TestApi } from "./api.js";

export const DEMO_PASSWORD = "demo-only-change-me";

/** Signs in through the API; returns the bearer token. */
export async function loginAs(
  api: TestApi,
  username: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const res = await api.app.request("/api/staff/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 201) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

/** A staff request with the bearer token. */
export function staff(
  api: TestApi,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
) {
  return api.app.request(path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Performs an action at the concern's current version; returns the response. */
export async function act(
  api: TestApi,
  token: string,
  ledgerNo: string,
  action: Record<string, unknown>,
) {
  const view = await (await staff(api, token, "GET", `/api/staff/concerns/${ledgerNo}`)).json();
  return staff(api, token, "POST", `/api/staff/concerns/${ledgerNo}/actions`, {
    expectedVersion: view.version,
    ...action,
  });
}

/** Adds an account (a cadre of a department the demo accounts do not cover). */
export async function addAccount(
  api: TestApi,
  user: Omit<StaffUser, "villageIds"> & { villageIds?: string[] },
) {
  await ensureStaffAccount(api.deps.store, { villageIds: [], ...user }, DEMO_PASSWORD, {
    mustChangePassword: false,
    now: new Date(),
  });
  return loginAs(api, user.username);
}
