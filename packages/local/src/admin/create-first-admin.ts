/**
 * The first admin account on a deployed stage (or on a local DynamoDB). It generates a strong
 * password, prints it ONCE on stdout, and marks the account `mustChangePassword`: the first
 * sign-in must set a new one. It refuses if the username already exists (use the admin
 * password reset of another admin instead). Nothing else is written.
 *
 *   pnpm admin:create --table <TableName from the deploy output>        # AWS: credentials and
 *                                                                        # AWS_REGION from the env
 *   pnpm admin:create --table lianxin --endpoint http://127.0.0.1:8000   # DynamoDB Local
 *
 * Options: --username (default admin), --name (default 党政办管理员), --department <id>
 * (default none), --region (default AWS_REGION / AWS_DEFAULT_REGION).
 */
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { StaffUser } from "@lianxin/core";
import { ensureStaffAccount } from "@lianxin/functions";
import { createDynamoClient, createStore } from "@lianxin/store";

/** 24 random bytes → 32 base64url characters (192 bits). */
export function generatePassword(): string {
  return randomBytes(24).toString("base64url");
}

export interface FirstAdminOptions {
  tableName: string;
  /** A local DynamoDB; absent for AWS (credentials and region from the environment). */
  endpoint?: string | undefined;
  region?: string | undefined;
  username?: string;
  name?: string;
  departmentId?: string | null;
  now?: Date;
}

export class AccountExistsError extends Error {
  constructor(readonly username: string) {
    super(`an account named "${username}" already exists: nothing was changed`);
  }
}

/** Creates the admin account; returns its username and the generated password. */
export async function createFirstAdmin(
  options: FirstAdminOptions,
): Promise<{ username: string; password: string; id: string }> {
  const username = options.username ?? "admin";
  const user: StaffUser = {
    id: `staff-${username}`,
    username,
    name: options.name ?? "党政办管理员",
    role: "admin",
    departmentId: options.departmentId ?? null,
    villageIds: [],
  };
  const client = createDynamoClient({ endpoint: options.endpoint, region: options.region });
  try {
    const password = generatePassword();
    const created = await ensureStaffAccount(
      createStore(client, options.tableName),
      user,
      password,
      {
        mustChangePassword: true,
        now: options.now ?? new Date(),
      },
    );
    if (!created) throw new AccountExistsError(username);
    return { username, password, id: user.id };
  } finally {
    client.destroy();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      table: { type: "string" },
      endpoint: { type: "string" },
      region: { type: "string" },
      username: { type: "string" },
      name: { type: "string" },
      department: { type: "string" },
    },
  });
  if (!values.table) {
    console.error("usage: pnpm admin:create --table <TableName> [--endpoint URL] [--region R]");
    process.exit(2);
  }
  const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!values.endpoint && !region) {
    console.error("set AWS_REGION (or pass --region) to the stage's region, e.g. ap-east-1");
    process.exit(2);
  }
  try {
    const result = await createFirstAdmin({
      tableName: values.table,
      endpoint: values.endpoint,
      region,
      ...(values.username ? { username: values.username } : {}),
      ...(values.name ? { name: values.name } : {}),
      ...(values.department ? { departmentId: values.department } : {}),
    });
    console.error(
      `created admin account "${result.username}" in ${values.table}. Its password, shown ` +
        "this once (store it now; the first sign-in must change it):",
    );
    console.log(result.password);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
