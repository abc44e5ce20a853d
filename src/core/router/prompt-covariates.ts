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
    // Printable ASCII and most other characters are decided by the first comparison (same set as before).
    const space =
      c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c >= 160 && (c === 160 || c === 0x2028 || c === 0x2029 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a));
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
  // Two passes over the rows, every column at once; each sum still adds its terms in row order
  // (the numbers are the same as one pass per column). Design row i is [1, ...x[i]].
  const row = new Float64Array(p);
  row[0] = 1;
  const xtx = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j && i > 0 ? 1e-6 * n : 0)));
  const xty = Array.from({ length: d }, () => new Array<number>(p).fill(0));
  const mean = new Array<number>(d).fill(0);
  for (let r = 0; r < n; r++) {
    const xr = x[r];
    for (let j = 1; j < p; j++) row[j] = xr[j - 1];
    for (let i = 0; i < p; i++) {
      const xi = xtx[i];
      for (let j = 0; j < p; j++) xi[j] += row[i] * row[j];
    }
    const yr = y[r];
    for (let k = 0; k < d; k++) {
      mean[k] += yr[k] / n;
      const b = xty[k];
      for (let j = 0; j < p; j++) b[j] += row[j] * yr[k];
    }
  }
  const betas = xty.map((b) => solve(xtx, b));
  const rss = new Array<number>(d).fill(0);
  const tss = new Array<number>(d).fill(0);
  const out: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const xr = x[i];
    for (let j = 1; j < p; j++) row[j] = xr[j - 1];
    const yr = y[i];
    const o = new Array<number>(d);
    for (let k = 0; k < d; k++) {
      const beta = betas[k];
      let fit = 0;
      for (let j = 0; j < p; j++) fit += row[j] * beta[j];
      const e = yr[k] - fit;
      o[k] = e + mean[k];
      rss[k] += e * e;
      tss[k] += (yr[k] - mean[k]) ** 2;
    }
    out[i] = o;
  }
  const r2 = rss.map((v, k) => (tss[k] > 0 ? Math.max(0, 1 - v / tss[k]) : 0));
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
