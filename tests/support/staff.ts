import type { StaffUser } from "@lianxin/core";
import { buildDemoDirectory } from "@lianxin/core/demo";
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

/** The roles the authorization tests sign in: the demo accounts, and a group holder. */
export type Who =
  | "admin"
  | "leader"
  | "park"
  | "head"
  | "cadre"
  | "cadre2"
  | "inspector"
  | "holder";
export const EVERYONE: Who[] = [
  "admin",
  "leader",
  "park",
  "head",
  "cadre",
  "cadre2",
  "inspector",
  "holder",
];

/** 陡门村's first villager group, held by the head of a department that does not handle 环保. */
export const doumenGroup = buildDemoDirectory().villages.find((v) => v.id === "doumen")?.groups[0];

/**
 * Everyone in `EVERYONE` signed in: the demo accounts, and (`holder`) an account for the
 * head who holds 陡门村's first group, which has no demo account of its own.
 */
export async function signInEveryone(api: TestApi): Promise<Record<Who, string>> {
  const holder = buildDemoDirectory().departments.find((d) => d.head.id === doumenGroup?.holderId);
  return {
    admin: await loginAs(api, "admin"),
    leader: await loginAs(api, "leader"),
    park: await loginAs(api, "park"),
    head: await loginAs(api, "head"),
    cadre: await loginAs(api, "cadre"),
    cadre2: await loginAs(api, "cadre2"),
    inspector: await loginAs(api, "inspector"),
    holder: await addAccount(api, {
      id: holder?.head.id ?? "?",
      username: "holder",
      name: holder?.head.name ?? "?",
      role: "dept_head",
      departmentId: holder?.id ?? null,
    }),
  };
}
