import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  ACTION_TYPES,
  CHANNELS,
  CONCERN_STATUSES,
  LIMIT_UNITS,
  OUTCOMES,
  PERSONAL_DATA_KINDS,
  RATINGS,
  ROLES,
} from "@lianxin/core/vocabulary";
import { describe, expect, it } from "vitest";

/**
 * The sites import the API's word lists from the contract; none writes one out again. A
 * union (`"a" | "b"`) or an array (`["a", "b"]`) made only of the words of one list, two or
 * more of them, is a copy the compiler cannot hold to the API.
 */
const LISTS: Record<string, readonly string[]> = {
  "action types": ACTION_TYPES,
  statuses: CONCERN_STATUSES,
  channels: CHANNELS,
  outcomes: OUTCOMES,
  ratings: RATINGS,
  roles: ROLES,
  "limit units": LIMIT_UNITS,
  "personal data kinds": PERSONAL_DATA_KINDS,
};

/** Runs of string literals joined by `|` or `,`: the members of a union or an array. */
function literalRuns(text: string): string[][] {
  const runs: string[][] = [];
  const run = /"([\w.-]+)"(?:\s*[|,]\s*"([\w.-]+)")+/g;
  for (const match of text.matchAll(run)) {
    runs.push([...match[0].matchAll(/"([\w.-]+)"/g)].map((m) => m[1] as string));
  }
  return runs;
}

/** "file: the statuses in …" for every run made only of one list's words. */
export function restatedLists(name: string, text: string): string[] {
  const found: string[] = [];
  for (const words of literalRuns(text)) {
    for (const [list, values] of Object.entries(LISTS)) {
      if (words.length >= 2 && words.every((w) => values.includes(w))) {
        found.push(`${name}: the ${list} ${words.join(", ")}`);
      }
    }
  }
  return found;
}

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const siteSources = ["sites/public/src", "sites/staff/src"].flatMap((dir) =>
  readdirSync(join(repoRoot, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|tsx|astro)$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => ({ name: `${dir}/${f}`, text: readFileSync(join(repoRoot, dir, f), "utf8") })),
);

describe("no site restates the API's word lists", () => {
  it("finds the site sources", () => {
    expect(siteSources.length).toBeGreaterThan(50);
  });

  it("every union or array of the API's words is imported, not written out", () => {
    expect(siteSources.flatMap(({ name, text }) => restatedLists(name, text))).toEqual([]);
  });

  it("would catch a copy (the check can fail)", () => {
    expect(restatedLists("x.ts", 'type Unit = "hours" | "working_days" | "days";')).toEqual([
      "x.ts: the limit units hours, working_days, days",
    ]);
    expect(restatedLists("x.ts", 'const o = [\n  "resolved",\n  "assisted",\n];')).toHaveLength(1);
    // Event types that include non-status words are not a status list; one word alone is a use.
    expect(restatedLists("x.ts", '["submitted", "accepted", "answered"]')).toEqual([]);
    expect(restatedLists("x.ts", 'if (s === "answered") return;')).toEqual([]);
  });
});
