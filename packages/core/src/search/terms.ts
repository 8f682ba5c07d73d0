import { createHmac } from "node:crypto";

/**
 * Search terms (检索词) of a concern's text, for the word index and duplicate suggestions.
 *
 * Character bigrams, not a segmenter's words: jieba segments one street's name two ways
 * (洛杨路 whole, 枫杨 + 路 split by its HMM), so words would miss what a resident typed
 * differently, while every bigram of 洛杨路 is found in both. Bigrams need no dictionary,
 * so nothing is loaded at a cold start or in the indexer, and a query is cut exactly as the
 * text was. A run of Latin letters and digits is one term (a road's "G320", "5g").
 *
 * The text given must already be masked (core's masking engine): a name or a number never
 * becomes a term, and the masking's `*` or `某` placeholders break runs like punctuation.
 */

/** At most this many distinct terms of one concern are indexed (title first, then text). */
export const TERMS_PER_CONCERN_MAX = 96;
/** At most this many terms of a query are looked up (its first ones). */
export const TERMS_PER_QUERY_MAX = 8;

/**
 * Characters too common to tell concerns apart (particles, pronouns, measure words, the
 * mask's 某): a bigram holding one is not a term. 不 and 没 stay: 不亮 and 没水 matter.
 */
const STOP_CHARACTERS = new Set([
  ..."的了是在我你他她它们有和就都也很这那吗呢啊吧呀哦么与及或等被把给对从向往到于之其而且但并则着过个些每各请您该已还又再才只某",
]);

const HAN = /\p{Script=Han}/u;
/** Runs of Han characters, or of Latin letters and digits; anything else separates. */
const RUNS = /\p{Script=Han}+|[a-z0-9]+/gu;
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff]/gu;

function normalize(text: string): string {
  return text.normalize("NFKC").replace(INVISIBLE, "").toLowerCase();
}

/** The terms of one piece of text, each once, in the order they first occur. */
export function textTerms(text: string, max = Number.POSITIVE_INFINITY): string[] {
  const terms = new Set<string>();
  for (const [run] of normalize(text).matchAll(RUNS)) {
    if (terms.size >= max) break;
    if (!HAN.test(run)) {
      // A run of digits alone (a count, a date) says nothing about the problem.
      if (run.length >= 2 && !/^\d+$/.test(run)) terms.add(run);
      continue;
    }
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length && terms.size < max; i++) {
      const a = chars[i] as string;
      const b = chars[i + 1] as string;
      if (!STOP_CHARACTERS.has(a) && !STOP_CHARACTERS.has(b)) terms.add(a + b);
    }
  }
  return [...terms];
}

/** The terms indexed for a concern: its masked title's, then its masked description's. */
export function concernTerms(masked: { title?: string | null; description: string }): string[] {
  return textTerms(`${masked.title ?? ""}\n${masked.description}`, TERMS_PER_CONCERN_MAX);
}

/** A query's terms, cut as the index was (so a query is never segmented differently). */
export function queryTerms(query: string): string[] {
  return textTerms(query, TERMS_PER_QUERY_MAX);
}

/**
 * The key a term is stored under: HMAC-SHA256 under a secret (the resident key, with its own
 * label), 128 bits in base64url. A leaked table shows which concerns share a term, never
 * the term, and a guessed term cannot be looked up without the secret.
 */
export function termKey(term: string, secret: string): string {
  return createHmac("sha256", secret).update(`term:${term}`).digest("base64url").slice(0, 22);
}
