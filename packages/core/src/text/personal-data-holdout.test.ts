import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CORPUS_URL,
  HOLDOUT_URL,
  PERSONAL_DATA_KINDS,
  parseCorpus,
} from "./personal-data-corpus.js";

/**
 * The held-out corpus is only parsed here: scoring the engine on it in a test would invite
 * tuning the engine to it. `pnpm mask:score -- --holdout` prints the engine's figures.
 */
describe("the held-out corpus", () => {
  const items = parseCorpus(readFileSync(HOLDOUT_URL, "utf8"));

  it("parses, with at least 200 items and every kind annotated", () => {
    expect(items.length).toBeGreaterThanOrEqual(200);
    for (const kind of PERSONAL_DATA_KINDS) {
      expect(
        items.some((i) => i.spans.some((s) => s.kind === kind)),
        kind,
      ).toBe(true);
    }
  });

  it("holds no item of the tuning corpus", () => {
    const tuning = new Set(parseCorpus(readFileSync(CORPUS_URL, "utf8")).map((i) => i.text));
    expect(items.filter((i) => tuning.has(i.text)).map((i) => i.line)).toEqual([]);
  });
});
