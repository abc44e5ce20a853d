/** Small numeric helpers shared by the router analyses. Each is pure and documented. */
import type { EvidenceStrength } from './types.ts';

/** BIC = −2·logLik + params·ln(n). */
export function bic(logLik: number, params: number, n: number): number {
  return -2 * logLik + params * Math.log(Math.max(n, 2));
}

/** Normalised exp(−ΔBIC/2): approximate posterior weights of competing models. */
export function bicWeights(bics: readonly number[]): number[] {
  const best = Math.min(...bics);
  const raw = bics.map((b) => Math.exp(-(b - best) / 2));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((r) => r / total);
}

/** Kass & Raftery's reading of a BIC difference. */
export function evidenceStrength(deltaBic: number): EvidenceStrength {
  if (deltaBic < 2) return deltaBic > 0 ? 'weak' : 'none';
  if (deltaBic < 6) return 'positive';
  if (deltaBic <= 10) return 'strong';
  return 'very strong';
}

export function formatNumber(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1000 ? x.toFixed(0) : x.toFixed(digits);
}

export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}
