/**
 * Rebuilds the sealed months' category fields and period index from the events (issue 17;
 * packages/store/README.md, "Rebuilding sealed months"). `npm start` runs it after seeding;
 * a deployment runs it once after the release that adds the category fields (and raises
 * `SEALED_CACHE_SCHEMA` in counter-reads.ts), then monthly or with each deployment: a
 * marker makes a run with nothing newly sealed one GetItem.
 *
 *   pnpm rebuild:months --table <TableName> [--region R]                  # AWS
 *   pnpm rebuild:months --table lianxin --endpoint http://127.0.0.1:8000  # DynamoDB Local
 *   … --force                                                            # every sealed month again
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { rebuildSealedMonths } from "@lianxin/functions";
import { createDynamoClient, createStore } from "@lianxin/store";

async function main() {
  const { values } = parseArgs({
    options: {
      table: { type: "string" },
      endpoint: { type: "string" },
      region: { type: "string" },
      force: { type: "boolean", default: false },
    },
  });
  if (!values.table) {
    console.error(
      "usage: pnpm rebuild:months --table <TableName> [--endpoint URL] [--region R] [--force]",
    );
    process.exitCode = 2;
    return;
  }
  const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  const client = createDynamoClient({ endpoint: values.endpoint, region });
  const store = createStore(client, values.table);
  const started = Date.now();
  const summary = await rebuildSealedMonths(store, {
    now: new Date(),
    force: values.force,
    log: (line) => console.log(line),
  });
  console.log(
    summary.months.length
      ? `rebuilt ${summary.months.length} sealed months (${summary.months[0]} … ${summary.months.at(-1)}): ${summary.concerns} concerns read, ${summary.counterItems} counter items set, ${summary.periodItems} period-index items, ${Date.now() - started} ms`
      : "nothing to rebuild: every sealed month is done",
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
