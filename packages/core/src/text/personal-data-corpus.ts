/**
 * The hand-annotated corpus of personal data in residents' and cadres' texts
 * (`personal-data-corpus.txt` beside this file) and how a masking engine is scored on it.
 *
 * The file: one item a line; blank lines and lines starting with `#` are ignored. An item may
 * start with `{known:张三,李四} `, the names the system already knows for it (the submitter,
 * the staff involved). Each personal-data span is marked inline as `[[kind:text]]`. A `[` just
 * before a span's `[[` is plain text (`[[[name:张三]]` is "[张三"); any other `[[` that does
 * not open a span, and any `]]` that closes none, is an error naming the line.
 *
 * Scoring (`scoreCorpus`): an annotated span is found when every character of it that is not
 * a separator (white space, zero-width and other format characters, punctuation, symbols)
 * lies inside some predicted span, of any kind (privacy does not care whether a phone number
 * was called a bank card); for a name, the first character (the surname, which masking keeps)
 * need not be. A predicted span is correct when it overlaps some annotated span.
 */

import { PERSONAL_DATA_KINDS, type PersonalDataKind } from "../vocabulary.js";

export { PERSONAL_DATA_KINDS, type PersonalDataKind };

/** The annotated corpus itself, beside this file. */
export const CORPUS_URL = new URL("./personal-data-corpus.txt", import.meta.url);

/**
 * A held-out corpus in the same format and conventions, written without reading the engine:
 * the engine was tuned on `CORPUS_URL`, so only its scores here measure it on unseen text.
 */
export const HOLDOUT_URL = new URL("./personal-data-holdout.txt", import.meta.url);

/** A marked span: UTF-16 offsets into the item's text with the markup removed, end exclusive. */
export interface CorpusSpan {
  start: number;
  end: number;
  kind: PersonalDataKind;
}

export interface CorpusItem {
  /** 1-based line number in the corpus file. */
  line: number;
  /** The text with the markup removed. */
  text: string;
  /** Names the system already knows for this item. */
  known: string[];
  spans: CorpusSpan[];
}

export class CorpusSyntaxError extends Error {
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`personal-data corpus, line ${line}: ${detail}`);
    this.name = "CorpusSyntaxError";
  }
}

const KNOWN_PREFIX = /^\{known:([^}]*)\}\s*/;
const SPAN_OPEN = /\[\[([A-Za-z_]*):/y;
/** What a span must hold besides separators. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isKind(value: string): value is PersonalDataKind {
  return (PERSONAL_DATA_KINDS as readonly string[]).includes(value);
}

/** Column of a UTF-16 offset, counted in characters (code points) from 1. */
function column(line: string, offset: number): number {
  return [...line.slice(0, offset)].length + 1;
}

function parseLine(raw: string, lineNo: number): CorpusItem {
  function fail(detail: string): never {
    throw new CorpusSyntaxError(lineNo, detail);
  }
  let known: string[] = [];
  let from = 0;
  if (raw.startsWith("{known")) {
    const prefix = KNOWN_PREFIX.exec(raw);
    if (!prefix) fail('a "{known:…}" prefix must be closed by "}"');
    known = (prefix[1] as string).split(/[,，]/).map((name) => name.trim());
    if (known.some((name) => name === "")) fail('an empty name in the "{known:…}" prefix');
    from = prefix[0].length;
  }

  let text = "";
  const spans: CorpusSpan[] = [];
  let i = from;
  while (i < raw.length) {
    if (raw.startsWith("[[", i)) {
      if (raw[i + 2] === "[") {
        text += "[";
        i += 1;
        continue;
      }
      SPAN_OPEN.lastIndex = i;
      const open = SPAN_OPEN.exec(raw);
      if (!open) fail(`"[[" at column ${column(raw, i)} does not open a [[kind:text]] span`);
      const kind = open[1] as string;
      if (!isKind(kind)) {
        fail(
          `unknown kind "${kind}" at column ${column(raw, i)} (${PERSONAL_DATA_KINDS.join(", ")})`,
        );
      }
      const inner = i + open[0].length;
      const close = raw.indexOf("]]", inner);
      if (close < 0) fail(`the span at column ${column(raw, i)} is not closed by "]]"`);
      const spanText = raw.slice(inner, close);
      if (spanText.includes("[[")) fail(`a span inside the span at column ${column(raw, i)}`);
      if (!LETTER_OR_DIGIT.test(spanText)) {
        fail(`the span at column ${column(raw, i)} holds no letter or digit`);
      }
      if (spanText.trim() !== spanText) {
        fail(`the span at column ${column(raw, i)} starts or ends with white space`);
      }
      if (kind === "name" && !LETTER_OR_DIGIT.test([...spanText].slice(1).join(""))) {
        fail(`the name at column ${column(raw, i)} is no more than a surname`);
      }
      spans.push({ start: text.length, end: text.length + spanText.length, kind });
      text += spanText;
      i = close + 2;
      continue;
    }
    if (raw.startsWith("]]", i)) fail(`"]]" at column ${column(raw, i)} closes no span`);
    text += raw[i];
    i += 1;
  }
  if (text.trim() === "") fail("an item with no text");
  return { line: lineNo, text, known, spans };
}

/** The items of a corpus file; throws `CorpusSyntaxError` (naming the line) on bad markup. */
export function parseCorpus(source: string): CorpusItem[] {
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  const items: CorpusItem[] = [];
  lines.forEach((line, index) => {
    const raw = line.trim();
    if (raw === "" || raw.startsWith("#")) return;
    items.push(parseLine(raw, index + 1));
  });
  return items;
}

// ---------------------------------------------------------------------------------------
// Scoring

/** A span an engine predicts (the engine's `PersonalDataSpan`). */
export interface PredictedSpan {
  start: number;
  end: number;
  kind: PersonalDataKind;
  certain: boolean;
}

export type CorpusFinder = (text: string, known: string[]) => readonly PredictedSpan[];

export interface KindScore {
  /** Annotated spans of this kind, and how many of them were found. */
  annotated: number;
  found: number;
  /** found / annotated; null when nothing of the kind is annotated. */
  recall: number | null;
  /** Predicted spans of this kind, and how many of them overlap an annotated span. */
  predicted: number;
  correct: number;
  /** correct / predicted; null when nothing of the kind was predicted. */
  precision: number | null;
}

export interface CorpusMiss {
  line: number;
  kind: PersonalDataKind;
  /** The annotated span's text. */
  text: string;
  /** The span in its context, marked ⟦…⟧, invisible characters shown as ⟨U+200B⟩. */
  snippet: string;
}

export interface CorpusFalseAlarm {
  line: number;
  kind: PersonalDataKind;
  certain: boolean;
  text: string;
  snippet: string;
}

export interface CorpusScore {
  items: number;
  byKind: Record<PersonalDataKind, KindScore>;
  overall: KindScore;
  misses: CorpusMiss[];
  falseAlarms: CorpusFalseAlarm[];
}

/** White space, zero-width and other format characters, punctuation and symbols. */
const SEPARATOR = /^[\s\p{Cf}\p{P}\p{S}]$/u;
const INVISIBLE = /[\p{Cf}\p{Cc}]/gu;
const CONTEXT = 12;

/** The code-unit ranges of the characters of an annotated span that a prediction must cover. */
function requiredCharacters(text: string, span: CorpusSpan): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let offset = span.start;
  let first = true;
  for (const ch of text.slice(span.start, span.end)) {
    const skip = SEPARATOR.test(ch) || (first && span.kind === "name");
    if (!skip) out.push([offset, offset + ch.length]);
    first = false;
    offset += ch.length;
  }
  return out;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The span [start, end) of `text` with some context, marked ⟦…⟧, invisible characters shown. */
export function snippet(text: string, start: number, end: number): string {
  let from = Math.max(0, start - CONTEXT);
  let to = Math.min(text.length, end + CONTEXT);
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from -= 1;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to += 1;
  const show = (s: string) =>
    s.replace(
      INVISIBLE,
      (c) => `⟨U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}⟩`,
    );
  return `${from > 0 ? "…" : ""}${show(text.slice(from, start))}⟦${show(text.slice(start, end))}⟧${show(text.slice(end, to))}${to < text.length ? "…" : ""}`;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function emptyScore(): KindScore {
  return { annotated: 0, found: 0, recall: null, predicted: 0, correct: 0, precision: null };
}

/**
 * Runs `find` on every item and scores it against the annotation: recall per annotated
 * kind, precision per predicted kind, both overall, and the misses and false alarms.
 */
export function scoreCorpus(items: readonly CorpusItem[], find: CorpusFinder): CorpusScore {
  const byKind = Object.fromEntries(PERSONAL_DATA_KINDS.map((k) => [k, emptyScore()])) as Record<
    PersonalDataKind,
    KindScore
  >;
  const kindScore = (kind: PersonalDataKind) => {
    byKind[kind] ??= emptyScore();
    return byKind[kind];
  };
  const misses: CorpusMiss[] = [];
  const falseAlarms: CorpusFalseAlarm[] = [];

  for (const item of items) {
    const predicted = find(item.text, [...item.known]);
    for (const p of predicted) {
      if (!Number.isInteger(p.start) || !Number.isInteger(p.end)) {
        throw new RangeError(`line ${item.line}: a predicted span's offsets are not integers`);
      }
      if (p.start < 0 || p.end <= p.start || p.end > item.text.length) {
        throw new RangeError(
          `line ${item.line}: predicted span [${p.start}, ${p.end}) is empty or outside the text`,
        );
      }
    }
    for (const span of item.spans) {
      const score = kindScore(span.kind);
      score.annotated += 1;
      const found = requiredCharacters(item.text, span).every(([s, e]) =>
        predicted.some((p) => p.start <= s && e <= p.end),
      );
      if (found) score.found += 1;
      else {
        misses.push({
          line: item.line,
          kind: span.kind,
          text: item.text.slice(span.start, span.end),
          snippet: snippet(item.text, span.start, span.end),
        });
      }
    }
    for (const p of predicted) {
      const score = kindScore(p.kind);
      score.predicted += 1;
      if (item.spans.some((a) => p.start < a.end && a.start < p.end)) score.correct += 1;
      else {
        falseAlarms.push({
          line: item.line,
          kind: p.kind,
          certain: p.certain,
          text: item.text.slice(p.start, p.end),
          snippet: snippet(item.text, p.start, p.end),
        });
      }
    }
  }

  const overall = emptyScore();
  for (const score of Object.values(byKind)) {
    score.recall = ratio(score.found, score.annotated);
    score.precision = ratio(score.correct, score.predicted);
    overall.annotated += score.annotated;
    overall.found += score.found;
    overall.predicted += score.predicted;
    overall.correct += score.correct;
  }
  overall.recall = ratio(overall.found, overall.annotated);
  overall.precision = ratio(overall.correct, overall.predicted);
  return { items: items.length, byKind, overall, misses, falseAlarms };
}
