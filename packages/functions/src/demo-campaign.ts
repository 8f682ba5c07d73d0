import { randomUUID } from "node:crypto";
import {
  createWorkingCalendar,
  type Directory,
  type FieldWorkDelta,
  fieldWorkDeltas,
  indexDirectory,
  type MetricDelta,
  officialArrangement,
  presenceOf,
  shanghaiDate,
  shanghaiYear,
  TOWN_PREFIX,
} from "@lianxin/core";
import { buildDemoCampaign, playDemoConcern, SEED_TOTALS, seededRandom } from "@lianxin/core/demo";
import {
  concernItem,
  counterItems,
  fieldLogItem,
  keys,
  ledgerCounterItem,
  presenceItem,
  type Store,
} from "@lianxin/store";

const DAY = 86_400_000;

/**
 * Seeds the demo campaign (扎根行动) into an empty table: core's `buildDemoCampaign` field logs
 * over the last five and a half months, whose town totals are the seed's, and the concerns
 * raised on those visits, each played to its strike-off with core's own functions
 * (`playDemoConcern`). Counters are summed in memory and everything is written with
 * BatchWriteItem, so seeding takes seconds, not 1,700 API transactions. Local demo only.
 */
export async function seedDemoCampaign(
  store: Store,
  directory: Directory,
  options: { now: Date; log?: (line: string) => void },
) {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const to = shanghaiDate(new Date(options.now.getTime() - DAY));
  const from = shanghaiDate(new Date(options.now.getTime() - 165 * DAY));
  const campaign = buildDemoCampaign(directory, {
    random: seededRandom(2014),
    newId: randomUUID,
    from,
    to,
  });
  const index = indexDirectory(directory);
  const calendar = createWorkingCalendar(officialArrangement);
  const departmentOf = new Map(campaign.authors.map((a) => [a.id, a.departmentId]));
  const items: Record<string, unknown>[] = [];
  const deltas: Array<MetricDelta | FieldWorkDelta> = [];
  const presence = new Map<string, Record<string, unknown>>();
  for (const fieldLog of campaign.logs) {
    const author = { departmentId: departmentOf.get(fieldLog.authorId) ?? null };
    items.push(fieldLogItem(fieldLog, author));
    const day = presenceItem(presenceOf(fieldLog));
    presence.set(`${day.pk}|${day.sk}`, day);
    deltas.push(...fieldWorkDeltas(fieldLog, author));
  }
  items.push(...presence.values());
  const sequences = new Map<number, number>();
  for (const spec of campaign.concerns) {
    const life = playDemoConcern(spec, { index, calendar, newId: randomUUID });
    items.push(concernItem(life.concern));
    for (const e of life.events) {
      items.push({ ...keys.concernEvent(e.ledgerNo, e.seq), entity: "event", ...e });
    }
    deltas.push(...life.deltas);
    const year = shanghaiYear(new Date(spec.at));
    const seq = Number(spec.ledgerNo.slice(-6));
    sequences.set(year, Math.max(sequences.get(year) ?? 0, seq));
  }
  items.push(...counterItems(deltas));
  for (const [year, last] of sequences) {
    items.push(ledgerCounterItem(TOWN_PREFIX, year, last, options.now.toISOString()));
  }
  log(
    `▸ seeding the demo campaign ${from} → ${to}: ${campaign.logs.length} field logs, ${campaign.concerns.length} concerns (${items.length} items)…`,
  );
  let shown = 0;
  await store.seedItems(items, {
    onProgress: (written, total) => {
      const pct = Math.floor((written / total) * 10) * 10;
      if (pct > shown) {
        shown = pct;
        log(`  ${pct}% (${written.toLocaleString("en-US")} / ${total.toLocaleString("en-US")})`);
      }
    },
  });
  log(
    `  demo campaign seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${SEED_TOTALS.visits} visits, ${SEED_TOTALS.symposia} symposia, ${SEED_TOTALS.solved} problems solved`,
  );
  return { from, to, logs: campaign.logs.length, concerns: campaign.concerns.length };
}
