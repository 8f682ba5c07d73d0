import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { type ConcernEvent, indexDirectory, shanghaiMonth } from "@lianxin/core";
import { createDynamoClient, keys } from "@lianxin/store";
import { expect } from "vitest";
import type { TestApi } from "./api.js";

/**
 * Counters against a recount. The stored counters (every shard of every village's and
 * department's month, summed) must equal what the stored concerns and their events say, per
 * village or department, month (Asia/Shanghai, core's `shanghaiMonth`) and field:
 *
 * - `received`: every concern, in its village and in the department it was first routed to,
 *   in the month of its `createdAt`;
 * - `dueForResponse`: once per concern, when the response limit passed without a response
 *   (the escalation job's `overdue` event for the sign-for or respond stage) or else at its
 *   first response (`responded`, `deferred` or `answered`), in the department of that moment;
 * - `respondedInTime`: at the first response, if it came by the response limit of that
 *   moment. The limit is the concern's own unless a dispatch restarted the clocks after the
 *   first response; then it cannot be told from what is stored, and that cell is left out.
 *
 * Read with a plain client of its own (a Scan, consistent), never through the app's store or
 * the conflict simulator. A lost ADD, a doubled one or a shard the reads miss all show.
 */
export const RECOUNTED_FIELDS = ["received", "dueForResponse", "respondedInTime"] as const;
export type RecountedField = (typeof RECOUNTED_FIELDS)[number];

/** `<kind>|<id>|<month>|<field>`, kind `village` or `department`. */
type Cell = string;
const cell = (kind: string, id: string, month: string, field: RecountedField): Cell =>
  `${kind}|${id}|${month}|${field}`;

export interface Recount {
  /** Counts from the concerns and their events. */
  recounted: Map<Cell, number>;
  /** The counters as stored, each summed over its shards. */
  stored: Map<Cell, number>;
  /** Cells the events cannot settle (left out of the comparison). */
  unknown: Set<Cell>;
  /** Shard items stored per counter (`<kind>|<id>|<month>`): how the ADDs spread. */
  shardsPerCounter: Map<string, number>;
  concerns: number;
}

async function scanAll(api: TestApi): Promise<Record<string, unknown>[]> {
  const client = createDynamoClient({ endpoint: api.endpoint, region: "local" });
  try {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({ TableName: api.tableName, ConsistentRead: true, ExclusiveStartKey }),
      );
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  } finally {
    client.destroy();
  }
}

const bump = (map: Map<Cell, number>, at: Cell, amount = 1) =>
  map.set(at, (map.get(at) ?? 0) + amount);

export async function recountCounters(api: TestApi): Promise<Recount> {
  const items = await scanAll(api);
  const triageOffice = indexDirectory(await api.deps.store.loadDirectory()).triageOffice().id;
  const pk = (i: Record<string, unknown>) => String(i.pk);
  const sk = (i: Record<string, unknown>) => String(i.sk);

  const eventsOf = new Map<string, ConcernEvent[]>();
  for (const item of items) {
    if (item.entity === "event") {
      const event = item as unknown as ConcernEvent;
      eventsOf.set(event.ledgerNo, [...(eventsOf.get(event.ledgerNo) ?? []), event]);
    }
  }
  const concerns = items.filter((i) => i.entity === "concern");

  const recounted = new Map<Cell, number>();
  const unknown = new Set<Cell>();
  for (const concern of concerns) {
    const villageId = String(concern.villageId);
    const deadlines = concern.deadlines as { respondBy: string };
    const events = (eventsOf.get(String(concern.ledgerNo)) ?? []).sort((a, b) => a.seq - b.seq);
    const count = (departmentId: string, at: string, field: RecountedField) => {
      const month = shanghaiMonth(new Date(at));
      bump(recounted, cell("village", villageId, month, field));
      bump(recounted, cell("department", departmentId, month, field));
    };
    const routed = events.find((e) => e.type === "routed" || e.type === "triaged");
    if (!routed) throw new Error(`${concern.ledgerNo}: no routing event`);
    let department = String(routed.data.departmentId);
    count(department, String(concern.createdAt), "received");

    let responded = false;
    let dueCounted = false;
    for (const [i, e] of events.entries()) {
      if (e.type === "dispatched") department = String(e.data.departmentId);
      if (e.type === "returned") department = triageOffice;
      const stage = String(e.data.stage ?? "");
      if (e.type === "overdue" && !responded && !dueCounted && /^(sign_for|respond)$/.test(stage)) {
        dueCounted = true;
        count(department, e.at, "dueForResponse");
      }
      if (!responded && ["responded", "deferred", "answered"].includes(e.type)) {
        responded = true;
        if (e.at !== concern.firstResponseAt) {
          throw new Error(
            `${concern.ledgerNo}: first response ${e.at}, concern says ${concern.firstResponseAt}`,
          );
        }
        if (!dueCounted) count(department, e.at, "dueForResponse");
        dueCounted = true;
        const month = shanghaiMonth(new Date(e.at));
        if (events.slice(i + 1).some((later) => later.type === "dispatched")) {
          unknown.add(cell("village", villageId, month, "respondedInTime"));
          unknown.add(cell("department", department, month, "respondedInTime"));
        } else if (e.at <= deadlines.respondBy) {
          count(department, e.at, "respondedInTime");
        }
      }
    }
  }

  const stored = new Map<Cell, number>();
  const shardsPerCounter = new Map<string, number>();
  for (const item of items) {
    if (!pk(item).startsWith(keys.metricsPrefix)) continue;
    const [kind, ...rest] = pk(item).slice(keys.metricsPrefix.length).split("#");
    if (kind !== "village" && kind !== "department") continue;
    const id = rest.join("#");
    const { month, member } = keys.metricsSort(sk(item));
    if (member !== null) continue;
    const counter = `${kind}|${id}|${month}`;
    shardsPerCounter.set(counter, (shardsPerCounter.get(counter) ?? 0) + 1);
    for (const field of RECOUNTED_FIELDS) {
      const value = item[field];
      if (typeof value === "number") bump(stored, cell(kind, id, month, field), value);
    }
  }
  return { recounted, stored, unknown, shardsPerCounter, concerns: concerns.length };
}

/** The cells of one field that can be compared, as an object (zeros left out on both sides). */
function comparable(map: Map<Cell, number>, unknown: Set<Cell>, field: RecountedField) {
  return Object.fromEntries(
    [...map]
      .filter(([at, n]) => at.endsWith(`|${field}`) && !unknown.has(at) && n !== 0)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/**
 * Asserts that the stored counters, summed over their shards, equal the recount for every
 * village's and department's month and each of `fields`. Returns the recount for further
 * checks (how many concerns, how the shards were hit).
 */
export async function expectCountersMatchRecount(
  api: TestApi,
  fields: readonly RecountedField[] = RECOUNTED_FIELDS,
): Promise<Recount> {
  const recount = await recountCounters(api);
  for (const field of fields) {
    expect(comparable(recount.stored, recount.unknown, field), field).toEqual(
      comparable(recount.recounted, recount.unknown, field),
    );
  }
  return recount;
}
