import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import type { PersonTagger } from "@lianxin/core";

export type { PersonTagger };

/**
 * The tags of jieba's dictionary that name people: `nr` (张建华, 李四, 陈女士, 老李, but also
 * 阿姨, 师傅 and a lone surname such as 倪) and `nrfg` (full names of public figures). Not
 * `nrt` (transliterations): beside 约翰 and 娜娜 it tags 二人, 令人, 崇拜, 保姆 and 二十大.
 */
export const PERSON_TAGS: ReadonlySet<string> = new Set(["nr", "nrfg"]);

/** What this module uses of `@node-rs/jieba`'s `Jieba`. */
export interface Segmenter {
  tag(sentence: string, hmm?: boolean): Array<{ word: string; tag: string }>;
}

/** The packages the tagger loads at run time; a function that masks must carry them. */
export const JIEBA_PACKAGE = "@node-rs/jieba";
/** jieba's dictionary (words, frequencies, tags), a file of its package: 5 MB, read once. */
export const JIEBA_DICTIONARY_FILE = "dict.txt";
export const JIEBA_DICTIONARY = `${JIEBA_PACKAGE}/${JIEBA_DICTIONARY_FILE}`;

/**
 * Loaded with `require` from a `createRequire` of its own (as aws-sdk.ts loads the SDK), so
 * esbuild leaves jieba out of every bundle and nothing of it is read at a function's init:
 * only the first tagging of Chinese text pays (about 150 ms for the dictionary, 12 ms for the
 * binary, about 50 MB of memory). A deployed function finds it in the package's own
 * `node_modules` (infra/person-tagger.ts copies it there), locally in the workspace's.
 */
const requireHere = createRequire(import.meta.url);

/**
 * jieba with its dictionary. Only `dict.txt`: `@node-rs/jieba/dict` would also read the 6 MB
 * of `idf.txt`, used only for keyword extraction.
 */
export function loadJieba(): Segmenter {
  const { Jieba } = requireHere(JIEBA_PACKAGE) as typeof import("@node-rs/jieba");
  return Jieba.withDict(readFileSync(requireHere.resolve(JIEBA_DICTIONARY)));
}

/**
 * The spans of the words whose tag is in `tags`. jieba gives the words in order and in full,
 * so each is found at or after the end of the one before; a word that is not in the text as
 * given (a lone surrogate comes back from the binding as U+FFFD) is skipped, not guessed at.
 */
export function spansOf(
  text: string,
  words: readonly { word: string; tag: string }[],
  tags: ReadonlySet<string> = PERSON_TAGS,
): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let cursor = 0;
  for (const { word, tag } of words) {
    if (word.length === 0) continue;
    const start = text.startsWith(word, cursor) ? cursor : text.indexOf(word, cursor);
    if (start < 0) continue;
    cursor = start + word.length;
    if (tags.has(tag)) spans.push({ start, end: cursor });
  }
  return spans;
}

const HAN = /\p{Script=Han}/u;

type Loaded = { segmenter: Segmenter } | { failed: true };

function warnUnavailable(error: unknown) {
  console.warn(
    JSON.stringify({
      level: "warn",
      msg: "person tagger unavailable: masking relies on its rules alone",
      error: String(error),
    }),
  );
}

export interface PersonTaggerOptions {
  /**
   * jieba's HMM for words missing from its dictionary (default on). With it, runs of unknown
   * characters become one word tagged `x`, so the lone surnames that the dictionary tags `nr`
   * inside place names (the 倪 of 倪巷浜, the 梅 of 梅泾村, the 王 and 庄 of 王庄) are no
   * longer tagged; without it they are. It finds no new names either way: jieba tags no word
   * of its HMM as a name (钱志刚 comes back `x` with it, 钱/志/刚 without).
   */
  hmm?: boolean;
  /** How a failed load is reported, once. */
  warn?: (error: unknown) => void;
}

/**
 * A tagger over a segmenter loaded on its first call with Han text, then kept. If loading
 * fails (the binary or the dictionary missing from the package), the failure is reported
 * once and the tagger answers [] from then on, without trying again: masking then relies on
 * its rules alone.
 */
export function createPersonTagger(
  load: () => Segmenter,
  { hmm = true, warn = warnUnavailable }: PersonTaggerOptions = {},
): PersonTagger {
  let loaded: Loaded | undefined;
  return (text) => {
    if (!HAN.test(text)) return [];
    if (!loaded) {
      try {
        loaded = { segmenter: load() };
      } catch (error) {
        loaded = { failed: true };
        warn(error);
      }
    }
    return "segmenter" in loaded ? spansOf(text, loaded.segmenter.tag(text, hmm)) : [];
  };
}

let shared: PersonTagger | undefined;

/**
 * The process's person tagger: jieba, loaded (once per process, whoever asks) on the first
 * call with Chinese text. Creating it loads nothing, so a function may build it at init.
 */
export function personTagger(): PersonTagger {
  shared ??= createPersonTagger(loadJieba);
  return shared;
}
