/**
 * Scores the possible-duplicate ranking (core search/duplicates.ts) on the corpus written for
 * it (core src/search/duplicates-corpus.txt): each concern ranked against its village's pool,
 * the precision and recall of the top-5 lists, the figures at other floors, then the misses.
 * Texts are masked first, as in production (the masking engine with the segmenter's person
 * tags; `--rules-only` leaves the tags out, as core's corpus test does). From the root:
 * `pnpm dup:score`.
 */
import { readFileSync } from "node:fs";
import {
  concernTerms,
  DUPLICATE_SCORE_FLOOR,
  indexDirectory,
  maskPersonalData,
  publicTextContext,
  scorePercent,
} from "@lianxin/core";
import { buildDemoDirectory } from "@lianxin/core/demo";
import {
  type CorpusConcern,
  DUPLICATES_CORPUS_URL,
  parseDuplicatesCorpus,
  scoreDuplicatesCorpus,
} from "@lianxin/core/duplicates-corpus";
import { personTagger } from "@lianxin/functions/person-tagger";

const args = process.argv.slice(2).filter((arg) => arg !== "--");
const unknownArg = args.find((arg) => arg !== "--rules-only");
if (unknownArg !== undefined) {
  console.error(`unknown ${unknownArg}; usage: pnpm dup:score [-- --rules-only]`);
  process.exit(2);
}
const rulesOnly = args.includes("--rules-only");

const items = parseDuplicatesCorpus(readFileSync(DUPLICATES_CORPUS_URL, "utf8"));
const context = publicTextContext({
  index: indexDirectory(buildDemoDirectory()),
  personTagger: rulesOnly ? undefined : personTagger(),
});
const mask = (text: string) => maskPersonalData(text, context).text;
const termsOf = (c: CorpusConcern) =>
  concernTerms({
    title: c.title === null ? null : mask(c.title),
    description: mask(c.description),
  });
const now = new Date("2026-12-06T00:00:00Z");

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const score = scoreDuplicatesCorpus(items, termsOf, now);
console.log(rulesOnly ? "masked by rules only" : "masked by rules and the segmenter's person tags");
console.log(
  `${score.concerns} concerns; labelled pairs: ${score.positivePairs} duplicates, ${score.negativePairs} hard negatives`,
);
console.log(
  `top-5 at floor ${scorePercent(DUPLICATE_SCORE_FLOOR)}%: recall ${percent(score.recall)} (${score.found}/${score.relevant}), precision ${percent(score.precision)} (${score.found}/${score.listed}), hard negatives listed ${score.hardNegativesListed}`,
);
console.log("\nfloor   recall  precision  listed");
for (const floor of [0, 0.02, 0.03, 0.04, 0.05, 0.1, 0.15, 0.2, 0.3]) {
  const s = scoreDuplicatesCorpus(items, termsOf, now, { floor });
  console.log(
    `${String(scorePercent(floor)).padStart(4)}%  ${percent(s.recall).padStart(7)}  ${percent(s.precision).padStart(9)}  ${String(s.listed).padStart(6)}`,
  );
}
console.log(`\nmisses (${score.misses.length}):`);
for (const m of score.misses) {
  const listed = m.listed
    .map((l) => `${l.concern.problem}@${l.concern.line} ${scorePercent(l.score)}%`)
    .join(", ");
  console.log(
    `  ${m.query.villageId} line ${m.query.line} (${m.query.problem}) missed line ${m.missed.line}; listed: ${listed || "none"}`,
  );
}
