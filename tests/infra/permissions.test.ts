import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  API_ATTACHMENT_FILE_ACTIONS,
  API_FILE_ACTIONS,
  API_TABLE_ACTIONS,
  JOB_FILE_ACTIONS,
  JOB_TABLE_ACTIONS,
  UPLOAD_PROCESSOR_FILE_ACTIONS,
  UPLOAD_PROCESSOR_TABLE_ACTIONS,
} from "../../infra/permissions.js";

/**
 * The grants in infra/permissions.ts against what the code sends. An action the code uses but
 * the role lacks is an outage on AWS that no local run shows (DynamoDB Local checks no IAM); one
 * granted but never used is excess. The store is the only code that talks to DynamoDB, and
 * files/s3-file-store.ts the only code that talks to S3, so their sources are the inventory.
 */
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
/** The non-test TypeScript sources under `dir`, recursively; `name` is relative to it. */
const sourcesIn = (dir: string) =>
  readdirSync(join(repoRoot, dir), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))
    .map((name) => ({ name, text: readFileSync(join(repoRoot, dir, name), "utf8") }));

/** The IAM action each document-client / client command needs. */
const DYNAMODB_ACTION: Record<string, string> = {
  GetCommand: "dynamodb:GetItem",
  BatchGetCommand: "dynamodb:BatchGetItem",
  QueryCommand: "dynamodb:Query",
  PutCommand: "dynamodb:PutItem",
  UpdateCommand: "dynamodb:UpdateItem",
  DeleteCommand: "dynamodb:DeleteItem",
  ScanCommand: "dynamodb:Scan",
  BatchWriteCommand: "dynamodb:BatchWriteItem",
  TransactGetCommand: "dynamodb:GetItem",
  CreateTableCommand: "dynamodb:CreateTable",
  DescribeTableCommand: "dynamodb:DescribeTable",
  UpdateTableCommand: "dynamodb:UpdateTable",
  UpdateTimeToLiveCommand: "dynamodb:UpdateTimeToLive",
};
/** TransactWriteItems has no IAM action of its own: each item needs its operation's. */
const TRANSACT_ITEM_ACTION: Record<string, string> = {
  Put: "dynamodb:PutItem",
  Update: "dynamodb:UpdateItem",
  Delete: "dynamodb:DeleteItem",
  ConditionCheck: "dynamodb:ConditionCheckItem",
};
/**
 * Store modules that no Lambda runs: the table's creation (`ensureTable`, local and tests) and
 * BatchWriteItem seeding (the local demo data and benchmarks). Commands found only here need no
 * grant; the test below fails if such a command shows up anywhere else.
 */
const NOT_ON_AWS: Record<string, string[]> = {
  "table.ts": [
    "dynamodb:CreateTable",
    "dynamodb:DescribeTable",
    "dynamodb:UpdateTable",
    "dynamodb:UpdateTimeToLive",
  ],
  "seed.ts": ["dynamodb:BatchWriteItem"],
};

function dynamodbActionsOf(text: string): Set<string> {
  const actions = new Set<string>();
  for (const [, command] of text.matchAll(/new (\w+Command)\(/g)) {
    if (command === "TransactWriteCommand") continue; // its items are counted below
    const action = DYNAMODB_ACTION[command as string];
    if (!action) throw new Error(`no IAM action known for ${command}: add it to this test`);
    actions.add(action);
  }
  // Transaction items, wherever they are built (metrics.ts builds counter Updates for others).
  for (const [, kind] of text.matchAll(/\b(Put|Update|Delete|ConditionCheck):\s*\{/g)) {
    actions.add(TRANSACT_ITEM_ACTION[kind as string] as string);
  }
  return actions;
}

describe("least privilege, from the code", () => {
  const store = sourcesIn("packages/store/src");
  const onRequestPaths = new Set<string>();
  for (const { name, text } of store) {
    const offAws = NOT_ON_AWS[name] ?? [];
    for (const action of dynamodbActionsOf(text)) {
      if (!offAws.includes(action)) onRequestPaths.add(action);
    }
  }

  it("grants the API exactly the DynamoDB actions the store sends", () => {
    // The API serves every store access pattern (the job's are a subset of them).
    expect([...onRequestPaths].sort()).toEqual([...API_TABLE_ACTIONS].sort());
  });

  it("keeps table management and batch seeding out of the request paths", () => {
    for (const action of Object.values(NOT_ON_AWS).flat()) {
      expect(onRequestPaths.has(action), action).toBe(false);
    }
  });

  it("grants the job a subset of the API's actions, and the word index's batch puts", () => {
    // Which of them the job sends: infra/README.md, "Least privilege". The word index (store
    // term-index.ts, AP-TI1) puts through seed.ts's BatchWriteItem, which no request path sends.
    for (const action of JOB_TABLE_ACTIONS) {
      if (action === "dynamodb:BatchWriteItem") continue;
      expect(API_TABLE_ACTIONS).toContain(action);
    }
    const index = sourcesIn("packages/store/src").find((f) => f.name === "term-index.ts");
    expect(index?.text).toContain("seedItems(");
    expect(JOB_TABLE_ACTIONS as readonly string[]).toContain("dynamodb:BatchWriteItem");
  });

  it("grants the job what its ledger audit sends", () => {
    const audit = sourcesIn("packages/store/src").find((f) => f.name === "ledger-numbers.ts");
    expect(audit).toBeDefined();
    for (const action of dynamodbActionsOf(audit?.text ?? "")) {
      expect(JOB_TABLE_ACTIONS as readonly string[], action).toContain(action);
    }
  });

  it("grants the API every S3 action the file store sends or presigns", () => {
    // A presigned GET or POST acts with the signer's rights: it needs the action like a sent
    // request. A copy reads its source and writes its target.
    const files = sourcesIn("packages/functions/src/files");
    const s3 = new Set<string>();
    for (const { text } of files) {
      for (const [, operation] of text.matchAll(/new s3\.(\w+)Command\(/g)) {
        if (operation === "CopyObject") s3.add("s3:GetObject").add("s3:PutObject");
        else s3.add(`s3:${operation}`);
      }
      if (text.includes("createPresignedPost(")) s3.add("s3:PutObject");
    }
    const granted = new Set<string>([
      ...API_FILE_ACTIONS,
      ...Object.values(API_ATTACHMENT_FILE_ACTIONS).flat(),
    ]);
    for (const action of s3) expect([...granted], action).toContain(action);
    // Objects only: read, write, delete; no listing, no bucket settings.
    expect([...granted].sort()).toEqual(["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]);
    // The processor and the job run the same file store on their prefixes.
    for (const action of [
      ...Object.values(UPLOAD_PROCESSOR_FILE_ACTIONS).flat(),
      ...Object.values(JOB_FILE_ACTIONS).flat(),
    ]) {
      expect([...granted], action).toContain(action);
    }
    // Nothing else talks to S3.
    const elsewhere = ["packages/functions/src", "packages/store/src", "packages/core/src"]
      .flatMap((dir) => sourcesIn(dir).map(({ name, text }) => ({ name: `${dir}/${name}`, text })))
      .filter(({ name, text }) => !name.includes("/files/") && text.includes("client-s3"))
      .map(({ name }) => name);
    expect(elsewhere).toEqual([]);
  });
});

describe("the upload processor's table actions", () => {
  it("are among what the store sends (TransactWriteItems aside: it names the transactions)", () => {
    for (const action of UPLOAD_PROCESSOR_TABLE_ACTIONS) {
      if (action === "dynamodb:TransactWriteItems") continue;
      expect(API_TABLE_ACTIONS as readonly string[], action).toContain(action);
    }
  });
});

describe("the files bucket's CORS origins", () => {
  it("are the two sites' https origins from the deploy's environment, or none; never *", async () => {
    const { filesCorsOrigins } = await import("../../infra/storage.js");
    expect(filesCorsOrigins({})).toEqual([]);
    expect(
      filesCorsOrigins({
        LIANXIN_PUBLIC_SITE_URL: " https://lianxin.example.gov.cn/ ",
        LIANXIN_STAFF_SITE_URL: "https://d111111abcdef8.cloudfront.net",
      }),
    ).toEqual(["https://lianxin.example.gov.cn", "https://d111111abcdef8.cloudfront.net"]);
    expect(filesCorsOrigins({ LIANXIN_STAFF_SITE_URL: "https://staff.example.cn/login" })).toEqual([
      "https://staff.example.cn",
    ]);
    expect(() => filesCorsOrigins({ LIANXIN_PUBLIC_SITE_URL: "*" })).toThrow(
      "LIANXIN_PUBLIC_SITE_URL",
    );
    expect(() => filesCorsOrigins({ LIANXIN_STAFF_SITE_URL: "http://staff.example.cn" })).toThrow(
      "https",
    );
  });
});

describe("the API's town area", () => {
  it("passes LIANXIN_TOWN_AREA on as TOWN_AREA, and refuses a mistyped one at deploy", async () => {
    const { townAreaEnvironment } = await import("../../infra/api.js");
    expect(townAreaEnvironment({})).toEqual({});
    expect(townAreaEnvironment({ LIANXIN_TOWN_AREA: " 31.5,120.1,31.8,120.3 " })).toEqual({
      TOWN_AREA: "31.5,120.1,31.8,120.3",
    });
    expect(() => townAreaEnvironment({ LIANXIN_TOWN_AREA: "Wuxi" })).toThrow("TOWN_AREA");
    expect(() => townAreaEnvironment({ LIANXIN_TOWN_AREA: "31.8,120.1,31.5,120.3" })).toThrow(
      "south < north",
    );
  });
});
