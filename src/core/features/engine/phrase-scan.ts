/**
 * Counting phrase patterns (lexicons/phrases.ts regexes, multi-word hedges) in one pass.
 *
 * Running ~35 global regexes and ~30 indexOf loops over every reply was the slowest part of
 * feature extraction. Every pattern here starts at a word boundary with one of a few first words
 * ("i", "you", "great", …), so one scan finds the positions where some pattern could start and
 * tries only those patterns there (sticky regex). Counts are exactly those of the full scans:
 * - regex /\b…/g counts non-overlapping leftmost matches; a match can only start where the first
 *   word of one of its alternatives starts, so trying the pattern at those positions, in order,
 *   skipping positions inside the previous match, finds the same matches;
 * - a hedge phrase is counted where it occurs with no letter/number on either side; phrases that
 *   cannot overlap themselves are checked at their first word's positions directly.
 * Patterns whose first words cannot be derived (phrase-prefix.ts firstRuns) fall back to the full scan.
 *
 * Most candidate positions are common words ("the", "and", "in", "i"), and a regex call costs far
 * more than reading a few characters: each (first word, pattern) pair also knows which three
 * characters can follow the first word in a match (followCodes), and the pattern is tried only
 * where they do. The tuples are a superset of those of real matches, so no match is skipped.
 *
 * Candidate positions ("runs": maximal a–z runs equal to a first word, not preceded by a digit)
 * come from walking the text (count), or from the words of a text already split into words
 * (startsIn gives, once per word type, the runs inside it; countRuns counts from them).
 */
import { ANY as ANY_CODE, firstRuns, FOLLOW_WIDTH as FOLLOW_TUPLE, followCodes, matchPrefixes, mayCrossLines, parsePattern } from './phrase-prefix.ts';
import { countMatches } from '../types.ts';

/** Full-text counters used when a pattern is not supported by the scan. */
type Fallback = (lower: string) => number;

interface Rule {
  group: number;
  /** Sticky copy of a pattern, or null for a hedge phrase. */
  sticky: RegExp | null;
  phrase: string;
  /** Position before which this rule must not match again (end of its last match). */
  next: number;
}

/** A rule to try where a given first word starts, if the next few characters may follow it. */
interface Candidate {
  rule: Rule;
  /** Allowed character codes after the first word, flat FOLLOW_WIDTH-tuples; ANY matches any. */
  follow: Int32Array;
}

/** Runs are passed as flat triples: start, end, trie node of the first word. */
export const RUN_STRIDE = 3;

export interface PhraseScanner {
  /** Count per group for one lower-cased text. */
  count(lower: string): number[];
  /** The runs inside one lower-cased word, as triples relative to the word's start; null when none. */
  startsIn(word: string): Int32Array | null;
  /**
   * Count per group from `runCount` runs of `text` in increasing order (from startsIn), with the
   * fully scanned patterns counted on `full` (the text the runs stand for; often `text` itself).
   */
  countRuns(text: string, runs: Int32Array, runCount: number, full: string): number[];
  /** No supported pattern can match across a line break (so each line's count is its own). */
  readonly lineLocal: boolean;
}

const LN = /[\p{L}\p{N}]/u;
const isLetterOrNumberAt = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
  return LN.test(s[i]);
};
const isAz = (c: number) => c >= 0x61 && c <= 0x7a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Occurrences of whole-word phrases in lower-cased text (the reference algorithm). */
export function countPhrases(lower: string, phrases: readonly string[]): number {
  let n = 0;
  for (const p of phrases) {
    let i = lower.indexOf(p);
    while (i !== -1) {
      const before = i === 0 ? ' ' : lower[i - 1];
      const after = lower[i + p.length] ?? ' ';
      if (!LN.test(before) && !LN.test(after)) n++;
      i = lower.indexOf(p, i + p.length);
    }
  }
  return n;
}

// Imported constants read in per-word loops, copied to module scope: where modules are compiled to
// CommonJS (tsx: the benchmarks) every read of an imported binding is a getter call.
const ANY = ANY_CODE;
const FOLLOW_WIDTH = FOLLOW_TUPLE;

/** Whether the characters c1 c2 c3 after a first word match one of the allowed tuples. */
function mayFollow(follow: Int32Array, c1: number, c2: number, c3: number): boolean {
  for (let j = 0; j < follow.length; j += FOLLOW_WIDTH) {
    const a = follow[j],
      b = follow[j + 1],
      c = follow[j + 2];
    if ((a === ANY || a === c1) && (b === ANY || b === c2) && (c === ANY || c === c3)) return true;
  }
  return false;
}

/** Trie over a–z words: next[node·26 + letter] = child or −1; terminal[node] = the word ending there. */
function buildTrie(words: readonly string[]): { next: Int32Array; terminal: (string | null)[] } {
  let next = new Int32Array(26).fill(-1);
  const terminal: (string | null)[] = [null];
  for (const w of words) {
    let node = 0;
    for (let i = 0; i < w.length; i++) {
      const k = node * 26 + w.charCodeAt(i) - 0x61;
      if (next[k] < 0) {
        const grown = new Int32Array(next.length + 26).fill(-1);
        grown.set(next);
        next = grown;
        next[k] = terminal.length;
        terminal.push(null);
      }
      node = next[k];
    }
    terminal[node] = w;
  }
  return { next, terminal };
}

function selfOverlaps(p: string): boolean {
  for (let k = 1; k < p.length; k++) if (p.slice(0, k) === p.slice(p.length - k)) return true;
  return false;
}

/** The rules, first-word trie and fallbacks of some phrase groups. */
interface Compiled {
  groups: number;
  rules: Rule[];
  fallbacks: [number, Fallback][];
  trie: { next: Int32Array; terminal: (string | null)[] };
  /** Per trie node: the candidates of the first word ending there (null: not a first word). */
  rulesAt: (Candidate[] | null)[];
  /** Per trie node: every follow tuple of its candidates (one check rules out all of them). */
  followAt: (Int32Array | null)[];
  lineLocal: boolean;
}

function compile(groups: readonly { patterns?: readonly RegExp[]; phrases?: readonly string[] }[]): Compiled {
  const byRun = new Map<string, Candidate[]>();
  const rules: Rule[] = [];
  const fallbacks: [number, Fallback][] = [];
  let lineLocal = true;
  const addRule = (run: string, rule: Rule, follow: Int32Array) => {
    const list = byRun.get(run) ?? [];
    if (!list.some((c) => c.rule === rule)) list.push({ rule, follow });
    byRun.set(run, list);
  };
  groups.forEach((g, group) => {
    for (const re of g.patterns ?? []) {
      const runs = re.flags.replace('g', '') === '' ? firstRuns(re.source) : null;
      if (!runs) {
        fallbacks.push([group, (t) => countMatches(t, [re])]);
        continue;
      }
      const rule: Rule = { group, sticky: new RegExp(re.source, 'y'), phrase: '', next: 0 };
      rules.push(rule);
      lineLocal &&= !mayCrossLines(re.source);
      const prefixes = matchPrefixes(parsePattern(re.source), Math.max(...[...runs].map((r) => r.length)) + FOLLOW_WIDTH);
      for (const r of runs) addRule(r, rule, followCodes(prefixes, r));
    }
    for (const p of g.phrases ?? []) {
      const lead = /^[a-z]+/.exec(p)?.[0];
      if (!lead || lead.length === p.length || selfOverlaps(p)) {
        fallbacks.push([group, (t) => countPhrases(t, [p])]);
        continue;
      }
      const rule: Rule = { group, sticky: null, phrase: p, next: 0 };
      rules.push(rule);
      lineLocal &&= !/[\n\r\u2028\u2029]/.test(p);
      addRule(lead, rule, followCodes(new Set([p]), lead));
    }
  });
  const trie = buildTrie([...byRun.keys()]);
  const rulesAt = trie.terminal.map((word) => (word === null ? null : byRun.get(word)!));
  const followAt = rulesAt.map((at) => (at === null ? null : Int32Array.from(at.flatMap((cand) => [...cand.follow]))));
  return { groups: groups.length, rules, fallbacks, trie, rulesAt, followAt, lineLocal };
}

/** Tries the candidates of the first word at pos (followed by c1 c2 c3) in order, counting matches per group. */
function tryRules(text: string, pos: number, c1: number, c2: number, c3: number, at: readonly Candidate[], counts: number[]): void {
  for (const { rule: r, follow } of at) {
    if (pos < r.next || !mayFollow(follow, c1, c2, c3)) continue;
    if (r.sticky) {
      r.sticky.lastIndex = pos;
      if (r.sticky.test(text)) {
        counts[r.group]++;
        r.next = r.sticky.lastIndex;
      }
    } else if (text.startsWith(r.phrase, pos) && (pos === 0 || !isLetterOrNumberAt(text, pos - 1))) {
      const end = pos + r.phrase.length;
      if (end >= text.length || !isLetterOrNumberAt(text, end)) counts[r.group]++;
      r.next = end;
    }
  }
}

/**
 * Appends to `out` (from `count` triples on; grown as needed) the runs of text[from, to): maximal
 * a–z runs spelling a first word and not preceded by a digit (position from − 1 is taken to be
 * neither a–z nor a digit). Returns the new triple count and array.
 */
function findRuns(c: Compiled, text: string, from: number, to: number, out: Int32Array, count: number): [number, Int32Array] {
  const { next, terminal } = c.trie;
  for (let i = from; i < to; ) {
    if (!isAz(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let node = 0;
    for (; i < to; i++) {
      const ch = text.charCodeAt(i);
      if (!isAz(ch)) break;
      if (node >= 0) node = next[node * 26 + ch - 0x61];
    }
    if (node < 0 || terminal[node] === null || (start > from && isDigit(text.charCodeAt(start - 1)))) continue;
    if ((count + 1) * RUN_STRIDE > out.length) {
      const more = new Int32Array(2 * out.length + RUN_STRIDE);
      more.set(out);
      out = more;
    }
    out[count * RUN_STRIDE] = start;
    out[count * RUN_STRIDE + 1] = i;
    out[count * RUN_STRIDE + 2] = node;
    count++;
  }
  return [count, out];
}

export function buildPhraseScanner(groups: readonly { patterns?: readonly RegExp[]; phrases?: readonly string[] }[]): PhraseScanner {
  const c = compile(groups);
  let walked: Int32Array = new Int32Array(64 * RUN_STRIDE); // reused by count()
  const countRuns = (text: string, runs: Int32Array, runCount: number, full: string): number[] => {
    const counts = new Array<number>(c.groups).fill(0);
    for (const r of c.rules) r.next = 0;
    for (let k = 0; k < runCount * RUN_STRIDE; k += RUN_STRIDE) {
      const end = runs[k + 1],
        node = runs[k + 2];
      const c1 = text.charCodeAt(end),
        c2 = text.charCodeAt(end + 1),
        c3 = text.charCodeAt(end + 2); // NaN past the end
      if (mayFollow(c.followAt[node]!, c1, c2, c3)) tryRules(text, runs[k], c1, c2, c3, c.rulesAt[node]!, counts);
    }
    for (const [group, fb] of c.fallbacks) counts[group] += fb(full);
    return counts;
  };
  return {
    lineLocal: c.lineLocal,
    count(lower) {
      let n: number;
      [n, walked] = findRuns(c, lower, 0, lower.length, walked, 0);
      return countRuns(lower, walked, n, lower);
    },
    startsIn(word) {
      const [n, runs] = findRuns(c, word, 0, word.length, new Int32Array(RUN_STRIDE), 0);
      return n ? runs.slice(0, n * RUN_STRIDE) : null;
    },
    countRuns,
  };
}
