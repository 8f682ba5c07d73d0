/**
 * Scores the masking engine (`findPersonalData`) on the hand-annotated corpus
 * (src/text/personal-data-corpus.txt): recall and precision per kind, then the misses and the
 * false alarms. From the repository root: `pnpm mask:score`.
 *
 * The engine was tuned on that corpus; `pnpm mask:score -- --holdout` (or MASK_CORPUS=holdout)
 * scores the held-out one (src/text/personal-data-holdout.txt) instead.
 */
import { readFileSync } from "node:fs";
import { directoryTerms, findPersonalData, indexDirectory } from "@lianxin/core";
import {
  CORPUS_URL,
  type CorpusFalseAlarm,
  type CorpusMiss,
  HOLDOUT_URL,
  type KindScore,
  parseCorpus,
  scoreCorpus,
} from "@lianxin/core/corpus";
import { buildDemoDirectory } from "@lianxin/core/demo";
import { personTagger } from "@lianxin/functions/person-tagger";

const SHOWN = Number(process.env.MASK_SCORE_SHOWN ?? 30);

const CORPORA = { corpus: CORPUS_URL, holdout: HOLDOUT_URL } as const;
const args = process.argv.slice(2).filter((arg) => arg !== "--");
const chosen = args.includes("--holdout") ? "holdout" : (process.env.MASK_CORPUS ?? "corpus");
const rulesOnly = args.includes("--rules-only");
const unknownArg = args.find((arg) => arg !== "--holdout" && arg !== "--rules-only");
if (unknownArg !== undefined || !Object.hasOwn(CORPORA, chosen)) {
  const what = unknownArg ?? `MASK_CORPUS=${chosen}`;
  console.error(
    `unknown ${what}; usage: pnpm mask:score [-- --holdout] [--rules-only], or MASK_CORPUS=holdout`,
  );
  process.exit(2);
}
const url = CORPORA[chosen as keyof typeof CORPORA];

const source = readFileSync(url, "utf8");
const items = parseCorpus(source);
// As in production, the segmenter's person tags are a further signal; --rules-only leaves them
// out (as core's corpus test does, core being pure).
const tagger = rulesOnly ? undefined : personTagger();
// The demo town's places, departments and categories are not personal, as in production.
const keep = directoryTerms(indexDirectory(buildDemoDirectory())).places;
const score = scoreCorpus(items, (text, known) =>
  findPersonalData(text, { knownNames: known, keep, personTagger: tagger }),
);
console.log(rulesOnly ? "rules only" : "rules and the segmenter's person tags");

const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)}%`);
const row = (cells: Array<string | number>) =>
  cells.map((c, i) => (i === 0 ? String(c).padEnd(13) : String(c).padStart(10))).join(" ");
const scoreRow = (label: string, s: KindScore) =>
  row([
    label,
    s.annotated,
    s.found,
    percent(s.recall),
    s.predicted,
    s.correct,
    percent(s.precision),
  ]);

const withNone = items.filter((item) => item.spans.length === 0).length;
const withKnown = items.filter((item) => item.known.length > 0).length;
console.log(url.pathname.split("/").pop());
console.log(
  `${items.length} items (${withNone} with no personal data, ${withKnown} with known names)\n`,
);
console.log(row(["kind", "annotated", "found", "recall", "predicted", "correct", "precision"]));
for (const [kind, s] of Object.entries(score.byKind)) console.log(scoreRow(kind, s));
console.log(scoreRow("overall", score.overall));

function list<T extends CorpusMiss | CorpusFalseAlarm>(
  title: string,
  entries: readonly T[],
  describe: (entry: T) => string,
) {
  console.log(`\n${title}: ${entries.length}${entries.length > SHOWN ? ` (first ${SHOWN})` : ""}`);
  for (const entry of entries.slice(0, SHOWN)) {
    console.log(`  line ${String(entry.line).padStart(4)}  ${describe(entry)}`);
  }
}
list("Misses", score.misses, (m) => `${m.kind.padEnd(12)} ${m.snippet}`);
list(
  "False alarms",
  score.falseAlarms,
  (f) => `${f.kind.padEnd(12)} ${f.certain ? "certain  " : "uncertain"} ${f.snippet}`,
);
