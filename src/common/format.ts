/** Small display formatters shared by every view. Pure; no DOM. */
import { strengthOf } from '../core/vocabulary/judgements.ts';

/** A calibrated probability in words (strong / moderate / weak): never a bare "100%". */
export function formatConfidence(p: number): string {
  return strengthOf(p);
}

/** Feature values: up to 3 significant digits, "n/a" for not applicable. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'n/a';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1000) return Math.round(v).toLocaleString('en');
  return Number(v.toPrecision(3)).toString();
}

export function formatDate(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '—';
  const d = new Date(ms);
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '—';
  return new Date(ms).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** The shared capture check a "layout not recognized" detail names (src/sites/checks.ts), if any. */
export function failedCheckOf(detail: string | null | undefined): string | null {
  return /check "([a-z-]+)" failed/.exec(detail ?? '')?.[1] ?? null;
}
