/**
 * What the user wrote, as a few numbers, so the analysis can ask "did the reply change more than
 * the user's message explains?". Short messages get short replies and code gets code: without
 * this, a user who goes terse looks like a persona switch (issue 17). The reply dimensions are
 * residualised on these covariates before any model is fitted, and the trigger test is
 * stratified by the user's message length.
 */

/** Names of the covariates, in the order of `promptCovariates` (intercept not included). */
export const PROMPT_COVARIATES = ['log length (characters)', 'question', 'code or pasted text', 'short (≤ 3 words)', 'no user text'] as const;

const CODE = /```|^\s{4,}\S|[;{}]\s*$|\b(?:def|function|import|class|return|const|SELECT)\b/m;
const QUESTION_START = /^\s*(?:what|why|how|who|when|where|which|can|could|is|are|do|does|should|would)\b/i;
/** Longer messages count as pasted material anyway; the code pattern only reads this much. */
const CODE_SCAN_CHARS = 1500;

/** Words = runs of non-whitespace, counted in one pass without allocating (pasted texts can be long). */
export function wordCount(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0x2028 || c === 0x2029 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** Last non-whitespace character is '?'. */
function endsWithQuestion(text: string): boolean {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    return c === 63;
  }
  return false;
}

/** What the analysis reads from one prompt (the user turn(s) before a reply), computed once. */
export interface PromptInfo {
  covariates: number[];
  words: number;
}

export function describePrompt(prompt: string): PromptInfo {
  const t = prompt.trim();
  const words = wordCount(t);
  const covariates = [
    Math.log1p(t.length),
    endsWithQuestion(t) || QUESTION_START.test(t.slice(0, 40)) ? 1 : 0,
    t.length > CODE_SCAN_CHARS || CODE.test(t.slice(0, CODE_SCAN_CHARS)) ? 1 : 0,
    words > 0 && words <= 3 ? 1 : 0,
    words === 0 ? 1 : 0,
  ];
  return { covariates, words };
}

/** Covariates of one prompt: see PROMPT_COVARIATES. */
export function promptCovariates(prompt: string): number[] {
  return describePrompt(prompt).covariates;
}

/** Length stratum of a user message for the trigger test: 0 = ≤ 3 words, 1 = 4–30, 2 = longer. */
export const LENGTH_STRATA = 3;
export function lengthStratumOfWords(words: number): number {
  return words <= 3 ? 0 : words <= 30 ? 1 : 2;
}
export function lengthStratum(prompt: string): number {
  return lengthStratumOfWords(wordCount(prompt));
}

export interface Residualized {
  /** Rows with the covariates' fitted part removed (the pooled mean added back). */
  y: number[][];
  /** Share of each dimension's variance the covariates explain (in-sample R²). */
  r2: number[];
  applied: boolean;
}

/** Fewer rows than this per covariate column: residualising would overfit, rows are left as they are. */
const MIN_ROWS_PER_COLUMN = 8;

/**
 * Ordinary least squares of every column of `y` on [1, x] (a tiny ridge keeps constant columns,
 * e.g. "no question anywhere", from making the system singular), returning the residuals plus
 * the column mean. Pure and deterministic.
 */
export function residualize(y: readonly (readonly number[])[], x: readonly (readonly number[])[]): Residualized {
  const n = y.length;
  const d = y[0]?.length ?? 0;
  const p = (x[0]?.length ?? 0) + 1;
  if (n < MIN_ROWS_PER_COLUMN * p || d === 0) return { y: y.map((r) => [...r]), r2: new Array<number>(d).fill(0), applied: false };
  // Design row i is [1, ...x[i]], read in place (no copy per row; ×1 is exact, so the sums are the same).
  const at = (i: number, j: number) => (j === 0 ? 1 : x[i][j - 1]);
  const xtx = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j && i > 0 ? 1e-6 * n : 0)));
  for (let r = 0; r < n; r++) for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) xtx[i][j] += at(r, i) * at(r, j);
  const out = y.map((r) => [...r]);
  const r2: number[] = [];
  for (let k = 0; k < d; k++) {
    const xty = new Array<number>(p).fill(0);
    let mean = 0;
    for (let i = 0; i < n; i++) {
      mean += y[i][k] / n;
      for (let j = 0; j < p; j++) xty[j] += at(i, j) * y[i][k];
    }
    const beta = solve(xtx, xty);
    let rss = 0;
    let tss = 0;
    for (let i = 0; i < n; i++) {
      let fit = 0;
      for (let j = 0; j < p; j++) fit += at(i, j) * beta[j];
      const e = y[i][k] - fit;
      out[i][k] = e + mean;
      rss += e * e;
      tss += (y[i][k] - mean) ** 2;
    }
    r2.push(tss > 0 ? Math.max(0, 1 - rss / tss) : 0);
  }
  return { y: out, r2, applied: true };
}

/** Gaussian elimination with partial pivoting; a (near-)singular pivot contributes 0. */
export function solve(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
    [m[c], m[piv]] = [m[piv], m[c]];
    if (Math.abs(m[c][c]) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => (Math.abs(row[i]) < 1e-12 ? 0 : row[n] / row[i]));
}
