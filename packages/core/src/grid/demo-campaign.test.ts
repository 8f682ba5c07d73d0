import { describe, expect, it } from "vitest";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { indexDirectory } from "../directory/lookup.js";
import { sumCounters } from "../metrics/counters.js";
import { createWorkingCalendar, officialArrangement } from "../time/index.js";
import { complianceMatrix, monthsFrom } from "./compliance.js";
import {
  buildDemoCampaign,
  demoCampaignTotals,
  playDemoConcern,
  SEED_TOTALS,
  seededRandom,
} from "./demo-campaign.js";
import { fieldWorkDeltas, presenceOf } from "./field-work-figures.js";
import { FieldLog } from "./schema.js";

const directory = buildDemoDirectory();
let n = 0;
const campaign = buildDemoCampaign(directory, {
  random: seededRandom(7),
  newId: () => `id${++n}`,
  from: "2026-03-01",
  to: "2026-08-15",
});

describe("the demo campaign", () => {
  it("reproduces the seed's town totals exactly", () => {
    const totals = demoCampaignTotals(campaign, directory);
    expect(totals).toMatchObject(SEED_TOTALS);
    expect(totals.people).toBeGreaterThan(300);
  });

  it("sums the same through the field-work counters", () => {
    const authors = new Map(campaign.authors.map((a) => [a.id, a]));
    const deltas = campaign.logs.flatMap((log) =>
      fieldWorkDeltas(log, { departmentId: authors.get(log.authorId)?.departmentId ?? null }),
    );
    const villageTotals = deltas.filter(
      (d) => d.scope.kind === "fieldwork_village" && !d.scope.member,
    );
    const sum = (field: string) =>
      villageTotals.filter((d) => d.field === field).reduce((a, d) => a + d.amount, 0);
    expect(sum("visits")).toBe(5163);
    expect(sum("talks")).toBe(972);
    expect(sum("symposia")).toBe(169);
    expect(sum("enterprises")).toBe(120);
    expect(sum("consulted")).toBe(2914);
  });

  it("writes valid logs within the range, each concern on its log", () => {
    for (const log of campaign.logs) {
      expect(FieldLog.safeParse(log).success).toBe(true);
      expect(log.date >= "2026-03-01" && log.date <= "2026-08-15").toBe(true);
    }
    const ledgerNos = campaign.logs.flatMap((l) => l.concernLedgerNos);
    expect(new Set(ledgerNos).size).toBe(campaign.concerns.length);
    expect(ledgerNos.sort()).toEqual(campaign.concerns.map((c) => c.ledgerNo).sort());
  });

  it("plays every concern to a strike-off before the campaign ends, 606 of them solved", () => {
    const index = indexDirectory(directory);
    const calendar = createWorkingCalendar(officialArrangement);
    const counters = [];
    let solved = 0;
    for (const spec of campaign.concerns) {
      const life = playDemoConcern(spec, { index, calendar, newId: () => `e${++n}` });
      expect(life.concern.status).toBe("struck_off");
      expect(life.concern.channel).toBe(spec.channel);
      expect(life.concern.closedAt && life.concern.closedAt < "2026-08-16").toBeTruthy();
      expect(life.events.map((e) => e.seq)).toEqual(life.events.map((_, i) => i + 1));
      if (life.concern.outcome === "resolved" || life.concern.outcome === "assisted") solved++;
      counters.push(
        ...life.deltas
          .filter((d) => d.scope.kind === "village")
          .map((d) => ({ [d.field]: d.amount })),
      );
    }
    expect(solved).toBe(606);
    const town = sumCounters(counters);
    expect((town.closedResolved ?? 0) + (town.closedAssisted ?? 0)).toBe(606);
  });

  it("leaves a few compliance gaps, and mostly compliance", () => {
    const index = indexDirectory(directory);
    const rows = complianceMatrix({
      index,
      months: monthsFrom("2026-03", "2026-08"),
      presence: campaign.logs.map(presenceOf),
      currentMonth: "2026-09",
    });
    const cells = rows.flatMap((r) => r.cells);
    const gaps = cells.filter((c) => c.state === "gap").length;
    expect(gaps).toBeGreaterThan(0);
    expect(gaps).toBeLessThan(cells.length / 10);
  });
});
