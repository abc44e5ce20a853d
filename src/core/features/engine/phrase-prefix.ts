/**
 * What a phrase pattern's matches can start with, read from the regex source (for phrase-scan.ts):
 * the first words (maximal a–z runs) a match can begin with, and which few characters can
 * follow such a first word. A tiny parser for the subset used by the lexicons: literals,
 * escapes, (?:…|…) groups, [..] classes of letters or of non-letters, `?`. Anything else where a
 * first word is being read (repetition, lookaround, \w, `.`) makes the pattern unsupported, and
 * it is scanned in full; after the first word, anything unknown only widens the allowed tuples.
 */

/** Character code standing for "any character" in follow tuples. */
export const ANY = -1;

const isAz = (c: number) => c >= 0x61 && c <= 0x7a;

export type Node =
  | { t: 'ch'; c: string; opt: boolean }
  | { t: 'letters'; set: string[]; opt: boolean }
  | { t: 'stop'; opt: boolean } // a non-letter: ends the first word
  | { t: 'wb'; opt: boolean }
  | { t: 'grp'; alts: Node[][]; opt: boolean }
  | { t: 'other'; opt: boolean };

/** The pattern as alternatives of node sequences (the subset above; the rest is 'other'). */
export function parsePattern(source: string): Node[][] {
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
        node =
          e === 'b'
            ? { t: 'wb', opt: false }
            : /[sdnt]/.test(e)
              ? { t: 'stop', opt: false }
              : /[a-zA-Z0-9]/.test(e)
                ? { t: 'other', opt: false }
                : { t: 'ch', c: e, opt: false };
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
  return parseAlts();
}

/** All maximal a–z runs a match can start with, or null if not derivable. Source must start with \b. */
export function firstRuns(source: string): Set<string> | null {
  if (!source.startsWith('\\b')) return null;
  const top = parsePattern(source);
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

/** Stands, in a match prefix, for a character the prefix does not pin down. */
const WILD = '\0';

/**
 * Every string of `length` characters (or shorter, ending in WILD: anything may follow) that a
 * match of the pattern can start with; WILD stands for a character not tracked (\s, a class of
 * non-letters, a lookaround, repetition). Zero-width \b is skipped, which can only add strings.
 */
export function matchPrefixes(top: readonly Node[][], length: number): Set<string> {
  const out = new Set<string>();
  const walk = (nodes: readonly Node[], prefix: string): void => {
    if (prefix.length >= length) return void out.add(prefix.slice(0, length));
    if (nodes.length === 0) return void out.add(prefix + WILD);
    const [n, ...rest] = nodes;
    if (n.opt) walk(rest, prefix);
    switch (n.t) {
      case 'wb':
        return walk(rest, prefix);
      case 'ch':
        return walk(rest, prefix + n.c);
      case 'letters':
        return n.set.forEach((l) => walk(rest, prefix + l));
      case 'stop':
        return walk(rest, prefix + WILD);
      case 'grp':
        return n.alts.forEach((alt) => walk([...alt, ...rest], prefix));
      default:
        return void out.add(prefix + WILD);
    }
  };
  walk([{ t: 'grp', alts: [...top], opt: false }], '');
  return out;
}

/** How many characters after a first word the follow tuples pin down. */
export const FOLLOW_WIDTH = 3;

/**
 * The FOLLOW_WIDTH characters after first word `run` in the match prefixes (of at least
 * run.length + FOLLOW_WIDTH characters, or ending in WILD) that start with it, as flat code tuples
 * (ANY for WILD or beyond the prefix).
 */
export function followCodes(prefixes: ReadonlySet<string>, run: string): Int32Array {
  const codes: number[] = [];
  const code = (p: string, i: number) => (i >= p.length || p[i] === WILD ? ANY : p.charCodeAt(i));
  for (const p of prefixes) {
    // The first word is a maximal a–z run: a prefix that goes on with a letter starts with another word.
    if (!p.startsWith(run) || isAz(p.charCodeAt(run.length))) continue;
    for (let j = 0; j < FOLLOW_WIDTH; j++) codes.push(code(p, run.length + j));
  }
  return Int32Array.from(codes);
}

/**
 * Whether a match of the pattern might read a line break (\s, \S, \W, \D, escapes such as \n or
 * \u2028, negated classes, `.`, or a line terminator written in the source). Patterns that cannot
 * are answered the same on each line whatever the lines around.
 */
export function mayCrossLines(source: string): boolean {
  return /\\[sSWDnrux]|\[\^|(^|[^\\])\.|[\n\r\u2028\u2029]/.test(source);
}
