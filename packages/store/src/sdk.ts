import { createRequire } from "node:module";
import type * as DynamoDB from "@aws-sdk/client-dynamodb";
import type * as Document from "@aws-sdk/lib-dynamodb";

/**
 * The AWS SDK, loaded with `require`. It is CommonJS (and on Lambda it is the runtime's
 * copy, left out of our bundle); through the ESM loader every cold start would pay for
 * lexing its 1 MB index for named exports and wrapping it as a module: about a third of
 * the SDK's import time (`pnpm bench:lambda` shows both ways side by side). Every module
 * of this package takes the SDK from here, so the whole process holds one copy.
 */
const load = createRequire(import.meta.url);

const dynamodb = load("@aws-sdk/client-dynamodb") as typeof DynamoDB;
const document = load("@aws-sdk/lib-dynamodb") as typeof Document;

export const {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  TransactionCanceledException,
  TransactionConflictException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} = dynamodb;
export const waitUntilTableExists: typeof DynamoDB.waitUntilTableExists =
  dynamodb.waitUntilTableExists;

export const {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} = document;

// The same names as types, for code that names an instance's type.
export type DynamoDBDocumentClient = Document.DynamoDBDocumentClient;
export type {
  AttributeDefinition,
  GlobalSecondaryIndex,
  KeySchemaElement,
} from "@aws-sdk/client-dynamodb";
export type { QueryCommandInput, TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
