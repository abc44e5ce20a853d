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
 * Patterns whose first words cannot be derived (see firstRuns) fall back to the full scan.
 */
import { countMatches } from './types.ts';

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

export interface PhraseScanner {
  /** Count per group for one lower-cased text. */
  count(lower: string): number[];
}

const LN = /[\p{L}\p{N}]/u;
const isLetterOrNumberAt = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
  return LN.test(s[i]);
};

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

export function buildPhraseScanner(groups: readonly { patterns?: readonly RegExp[]; phrases?: readonly string[] }[]): PhraseScanner {
  const byRun = new Map<string, Rule[]>();
  const rules: Rule[] = [];
  const fallbacks: [number, Fallback][] = [];
  const addRule = (run: string, rule: Rule) => {
    const list = byRun.get(run) ?? [];
    if (!list.includes(rule)) list.push(rule);
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
      for (const r of runs) addRule(r, rule);
    }
    for (const p of g.phrases ?? []) {
      const lead = /^[a-z]+/.exec(p)?.[0];
      if (!lead || lead.length === p.length || selfOverlaps(p)) {
        fallbacks.push([group, (t) => countPhrases(t, [p])]);
        continue;
      }
      const rule: Rule = { group, sticky: null, phrase: p, next: 0 };
      rules.push(rule);
      addRule(lead, rule);
    }
  });
  // Positions that start a maximal run of a–z letters equal to a known first word, not preceded
  // by a letter or digit: a superset of the start positions of every counted match. Found by
  // walking a trie of the first words along each run (one pass, no regex).
  const firstWords = buildTrie([...byRun.keys()]);
  const rulesAt = firstWords.terminal.map((word) => (word === null ? null : byRun.get(word)!));

  const tryRules = (lower: string, pos: number, at: readonly Rule[], counts: number[]) => {
    for (const r of at) {
      if (pos < r.next) continue;
      if (r.sticky) {
        r.sticky.lastIndex = pos;
        const hit = r.sticky.exec(lower);
        if (hit) {
          counts[r.group]++;
          r.next = pos + hit[0].length;
        }
      } else if (lower.startsWith(r.phrase, pos) && (pos === 0 || !isLetterOrNumberAt(lower, pos - 1))) {
        const end = pos + r.phrase.length;
        if (end >= lower.length || !isLetterOrNumberAt(lower, end)) counts[r.group]++;
        r.next = end;
      }
    }
  };

  return {
    count(lower) {
      const counts = groups.map(() => 0);
      for (const r of rules) r.next = 0;
      const { next } = firstWords;
      const n = lower.length;
      for (let i = 0; i < n; ) {
        if (!isAz(lower.charCodeAt(i))) {
          i++;
          continue;
        }
        const start = i;
        let node = 0;
        for (; i < n; i++) {
          const c = lower.charCodeAt(i);
          if (!isAz(c)) break;
          if (node >= 0) node = next[node * 26 + c - 0x61];
        }
        const at = node >= 0 ? rulesAt[node] : null;
        if (at && !(start > 0 && isDigit(lower.charCodeAt(start - 1)))) tryRules(lower, start, at, counts);
      }
      for (const [group, fb] of fallbacks) counts[group] += fb(lower);
      return counts;
    },
  };
}

const isAz = (c: number) => c >= 0x61 && c <= 0x7a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

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

// ---- First words of a regex -------------------------------------------------------------
// A tiny parser for the subset used by the lexicons: literals, escapes, (?:…|…) groups, [..]
// classes of letters or of non-letters, `?`. Anything else where a first word is being read
// (repetition, lookaround, \w, `.`) makes the pattern unsupported, and it is scanned in full.

type Node =
  | { t: 'ch'; c: string; opt: boolean }
  | { t: 'letters'; set: string[]; opt: boolean }
  | { t: 'stop'; opt: boolean } // a non-letter: ends the first word
  | { t: 'wb'; opt: boolean }
  | { t: 'grp'; alts: Node[][]; opt: boolean }
  | { t: 'other'; opt: boolean };

/** All maximal a–z runs a match can start with, or null if not derivable. Source must start with \b. */
export function firstRuns(source: string): Set<string> | null {
  if (!source.startsWith('\\b')) return null;
  let i = 0;
  const parseAlts = (): Node[][] => {
    const alts: Node[][] = [[]];
    while (i < source.length && source[i] !== ')') {
      const c = source[i];
      if (c === '|') {
        alts.push([]);
        i++;
        continue;
      }
      let node: Node;
      if (c === '(') {
        const plain = source.startsWith('(?:', i);
        const capture = !plain && source[i + 1] !== '?';
        i += plain ? 3 : capture ? 1 : source[i + 2] === '<' ? 4 : 3;
        const inner = parseAlts();
        i++; // ')'
        node = plain || capture ? { t: 'grp', alts: inner, opt: false } : { t: 'other', opt: false };
      } else if (c === '[') {
        const end = source.indexOf(']', i + 1);
        const body = source.slice(i + 1, end);
        i = end + 1;
        const members = body.includes('-') || body.includes('\\') || body.startsWith('^') ? null : [...body];
        if (!members) node = { t: 'other', opt: false };
        else if (members.every((m) => /[a-z]/.test(m))) node = { t: 'letters', set: members, opt: false };
        else if (members.every((m) => !/[a-zA-Z0-9_]/.test(m))) node = { t: 'stop', opt: false };
        else node = { t: 'other', opt: false };
      } else if (c === '\\') {
        const e = source[i + 1];
        i += 2;
        node = e === 'b' ? { t: 'wb', opt: false } : /[sdnt]/.test(e) ? { t: 'stop', opt: false } : /[a-zA-Z0-9]/.test(e) ? { t: 'other', opt: false } : { t: 'ch', c: e, opt: false };
      } else if ('.^$'.includes(c)) {
        i++;
        node = { t: 'other', opt: false };
      } else {
        i++;
        node = { t: 'ch', c, opt: false };
      }
      const q = source[i];
      if (q === '?') {
        node.opt = true;
        i++;
        if (source[i] === '?') i++;
      } else if (q === '*' || q === '+' || q === '{') {
        node = { t: 'other', opt: false };
        while (i < source.length && '*+?{},0123456789'.includes(source[i])) i++;
      }
      alts[alts.length - 1].push(node);
    }
    return alts;
  };
  const top = parseAlts();
  const out = new Set<string>();
  const walk = (nodes: readonly Node[], prefix: string): boolean => {
    if (nodes.length === 0) return false; // pattern ends inside the first word: the run may go on
    const [n, ...rest] = nodes;
    if (n.opt && !walk(rest, prefix)) return false;
    const stop = () => {
      if (!prefix) return false;
      out.add(prefix);
      return true;
    };
    switch (n.t) {
      case 'wb':
        return prefix ? stop() : walk(rest, prefix);
      case 'ch':
        return /[a-z]/.test(n.c) ? walk(rest, prefix + n.c) : stop();
      case 'letters':
        return n.set.every((l) => walk(rest, prefix + l));
      case 'stop':
        return stop();
      case 'grp':
        return n.alts.every((alt) => walk([...alt, ...rest], prefix));
      default:
        return false;
    }
  };
  return walk(top.length === 1 ? top[0] : [{ t: 'grp', alts: top, opt: false }], '') ? out : null;
}
