import type { Concern, ConcernEvent } from "../concern/concern.js";
import { shanghaiMonth } from "../time/shanghai.js";
import {
  type CategoryField,
  categoryField,
  type PeriodFact,
  type PeriodIndexEntry,
} from "./counters.js";

type Unit = { kind: "village" | "department"; id: string };

/** One category field of one unit and month, as the rebuild recounts it. */
export interface CategoryCount {
  scope: Unit;
  month: string;
  field: CategoryField;
  amount: number;
}

/**
 * What live writes (core `metricDeltas`, AP-PI0) counted for one concern, recounted from its
 * events alone, for the months they could not count (before the category fields and the
 * period index existed). The department at each event is followed through the events
 * (`routed`/`triaged`/`dispatched` name it; a `returned` sends it to the triage office),
 * because a change counts on the department the concern had after it (a return: before it).
 * Each change's events share its `at`, which is the change's `updatedAt`.
 */
export function recountConcern(
  concern: Pick<Concern, "ledgerNo" | "villageId" | "categoryCode" | "routing">,
  events: readonly Pick<ConcernEvent, "type" | "at" | "data" | "seq">[],
  triageOfficeId: string,
): { counts: CategoryCount[]; entries: PeriodIndexEntry[] } {
  const counts: CategoryCount[] = [];
  const entries: PeriodIndexEntry[] = [];
  const village: Unit = { kind: "village", id: concern.villageId };
  let department = concern.routing.department.id;
  const units = (dept: string): Unit[] => [village, { kind: "department", id: dept }];
  const count = (fact: "received" | "closed", at: string) => {
    for (const scope of units(department)) {
      counts.push({
        scope,
        month: shanghaiMonth(new Date(at)),
        field: categoryField(fact, concern.categoryCode),
        amount: 1,
      });
    }
  };
  // Keyed as live writes key them: at the event recording the fact (core PERIOD_FACT_EVENTS).
  const index = (fact: PeriodFact, { at, seq }: { at: string; seq: number }, dept = department) => {
    for (const scope of units(dept)) {
      entries.push({
        scope,
        month: shanghaiMonth(new Date(at)),
        fact,
        ledgerNo: concern.ledgerNo,
        at,
        seq,
        n: 0,
      });
    }
  };
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  // The department at registration: the routing event of the same change names it.
  const routed = ordered.find((e) => e.type === "routed" || e.type === "triaged");
  if (typeof routed?.data?.departmentId === "string") department = routed.data.departmentId;
  for (const e of ordered) {
    const named = e.data?.departmentId;
    switch (e.type) {
      case "submitted":
        count("received", e.at);
        break;
      case "dispatched":
        if (typeof named === "string") department = named;
        break;
      case "returned": {
        const from = e.data?.fromDepartmentId;
        index("returned", e, typeof from === "string" ? from : department);
        department = triageOfficeId;
        break;
      }
      case "struck_off":
        count("closed", e.at);
        index("closed", e);
        break;
      case "rated":
        if (e.data?.rating === "dissatisfied") index("ratedDissatisfied", e);
        break;
      case "reopened":
      case "redo_ordered":
        index("reopened", e);
        break;
    }
  }
  return { counts, entries };
}
