/**
 * The corpus of possible duplicates (`duplicates-corpus.txt` beside this file: its head
 * explains the format) and how the ranking is scored on it: each concern is ranked against
 * the rest of its village's pool (as the staff page ranks the village's recent concerns), and
 * its top-5 list is compared with the concerns labelled the same problem.
 *
 * Recall: of all (query, true duplicate) pairs, the share listed in the query's top 5.
 * Precision: of all concerns listed, the share that are true duplicates of the query.
 */
import { type DuplicateFacts, rankDuplicates, type Scored } from "./duplicates.js";

export const DUPLICATES_CORPUS_URL = new URL("./duplicates-corpus.txt", import.meta.url);

export interface CorpusConcern extends DuplicateFacts {
  /** Where it is in the file (for the misses listed). */
  line: number;
  problem: string;
  /** The problem it is a hard negative of (shares words, not the problem). */
  looksLike: string | null;
  title: string | null;
  description: string;
}

/** Parses the corpus; a malformed line is an error naming it. */
export function parseDuplicatesCorpus(source: string): CorpusConcern[] {
  const items: CorpusConcern[] = [];
  let village: string | null = null;
  source.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || (line.startsWith("#") && !line.startsWith("## "))) return;
    if (line.startsWith("## ")) {
      village = line.slice(3).trim();
      return;
    }
    const cells = line.split("|").map((c) => c.trim());
    const [key, category, title, description] = cells;
    if (!village || cells.length !== 4 || !key || !category || !title || !description) {
      throw new Error(
        `duplicates corpus line ${i + 1}: expected "problem | category | title | text" after a "## village"`,
      );
    }
    const [problem = "", looksLike = null] = key.split("~");
    items.push({
      line: i + 1,
      ledgerNo: `LS-2026-${String(i + 1).padStart(6, "0")}`,
      villageId: village,
      categoryCode: category,
      status: "assigned",
      closedAt: null,
      mergedInto: null,
      problem,
      looksLike,
      title: title === "-" ? null : title,
      description,
    });
  });
  return items;
}

export interface CorpusMissed {
  query: CorpusConcern;
  missed: CorpusConcern;
  /** What was listed instead, with scores. */
  listed: Scored<CorpusConcern>[];
}

export interface DuplicatesCorpusScore {
  concerns: number;
  /** Labelled pairs: (unordered) true duplicates, and hard negatives with their look-alikes. */
  positivePairs: number;
  negativePairs: number;
  /** Directed (query, true duplicate) pairs, and how many were listed in the top 5. */
  relevant: number;
  found: number;
  listed: number;
  /** Listed concerns that were a labelled hard negative of the query (or it of them). */
  hardNegativesListed: number;
  recall: number;
  precision: number;
  misses: CorpusMissed[];
}

const sameProblem = (a: CorpusConcern, b: CorpusConcern) =>
  a.villageId === b.villageId && a.problem === b.problem;
const lookAlike = (a: CorpusConcern, b: CorpusConcern) =>
  a.villageId === b.villageId && (a.looksLike === b.problem || b.looksLike === a.problem);

/** Ranks every concern against its pool with the terms given and scores the top-5 lists. */
export function scoreDuplicatesCorpus(
  items: readonly CorpusConcern[],
  termsOf: (item: CorpusConcern) => readonly string[],
  now: Date,
  options: { floor?: number; max?: number } = {},
): DuplicatesCorpusScore {
  const terms = new Map(items.map((item) => [item, termsOf(item)] as const));
  let positivePairs = 0;
  let negativePairs = 0;
  let relevant = 0;
  let found = 0;
  let listed = 0;
  let hardNegativesListed = 0;
  const misses: CorpusMissed[] = [];
  items.forEach((query, i) => {
    for (const other of items.slice(i + 1)) {
      if (sameProblem(query, other)) positivePairs++;
      else if (lookAlike(query, other)) negativePairs++;
    }
    const pool = items
      .filter((c) => c.villageId === query.villageId)
      .map((c) => ({ concern: c, terms: terms.get(c) ?? [] }));
    const ranked = rankDuplicates(
      { concern: query, terms: terms.get(query) ?? [] },
      pool,
      now,
      options,
    );
    listed += ranked.length;
    for (const r of ranked) if (lookAlike(query, r.concern)) hardNegativesListed++;
    for (const dup of items) {
      if (dup === query || !sameProblem(query, dup)) continue;
      relevant++;
      if (ranked.some((r) => r.concern === dup)) found++;
      else misses.push({ query, missed: dup, listed: ranked });
    }
  });
  return {
    concerns: items.length,
    positivePairs,
    negativePairs,
    relevant,
    found,
    listed,
    hardNegativesListed,
    recall: relevant === 0 ? 0 : found / relevant,
    precision: listed === 0 ? 0 : found / listed,
    misses,
  };
}
