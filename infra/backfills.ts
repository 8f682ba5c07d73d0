import type { Table } from "aws-cdk-lib/aws-dynamodb";
import { type Config, Script, Function as SstFunction, type Stack } from "sst/constructs";
import { BACKFILL_TABLE_ACTIONS, tableAccess } from "./permissions.js";

/** The "我的诉求" backfill's entry (packages/functions/src/resident-index-backfill.ts). */
export const RESIDENT_INDEX_BACKFILL_HANDLER =
  "packages/functions/src/resident-index-backfill.handler";

/**
 * Runs with every deployment (an SST Script: on create and on each update): lists the
 * concerns of the last two years under their phone's keyed hash, so "我的诉求" finds concerns
 * registered before the index existed. Idempotent; it binds the resident key (the index's
 * key) and may only read months of concerns and put index items. The same run lists older
 * concerns on the inspectors' watch lists (reading their histories: Query, the same grant).
 */
export function residentIndexBackfill(
  stack: Stack,
  args: { table: Table; residentKey: Config.Secret },
) {
  // One function for both events: the same code and grant however the stack changes.
  const fn = new SstFunction(stack, "ResidentIndexBackfillFn", {
    handler: RESIDENT_INDEX_BACKFILL_HANDLER,
    timeout: 900,
    environment: { TABLE_NAME: args.table.tableName },
    bind: [args.residentKey],
    // A Script's functions run during the deployment, never through Live Lambda.
    enableLiveDev: false,
  });
  fn.attachPermissions([tableAccess(args.table, BACKFILL_TABLE_ACTIONS)]);
  const script = new Script(stack, "ResidentIndexBackfill", { onCreate: fn, onUpdate: fn });
  return script;
}
