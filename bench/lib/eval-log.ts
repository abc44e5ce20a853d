/**
 * The evaluation log (bench/eval-log.tsv, append-only, committed): every run of the benchmark on
 * the EVALUATION split writes which detector and parameter version it evaluated, when, at which
 * commit, and the headline numbers. Tuning must not look at evaluation numbers; the log makes it
 * visible when a parameter version was evaluated more than once.
 */
import { execSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const EVAL_LOG = resolve(import.meta.dirname, '../eval-log.tsv');
const HEADER = ['utc', 'detector_version', 'params_hash', 'commit', 'set', 'method', 'setting', 'recall', 'f1', 'false_per_100_points', 'ece'].join('\t');

function commit(): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { cwd: import.meta.dirname, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const dirty = execSync('git status --porcelain --untracked-files=no', { cwd: import.meta.dirname, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}

/** How many earlier runs evaluated this exact parameter set. */
export function timesEvaluated(paramsHash: string): number {
  if (!existsSync(EVAL_LOG)) return 0;
  const runs = new Set(
    readFileSync(EVAL_LOG, 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'))
      .filter((c) => c[2] === paramsHash)
      .map((c) => c[0]),
  );
  return runs.size;
}

export interface EvalLogRow {
  set: string;
  method: string;
  setting: string;
  recall: number | null;
  f1: number | null;
  falsePer100: number;
  ece?: number;
}

export function appendEvalLog(detectorVersion: string, paramsHash: string, rows: readonly EvalLogRow[]): void {
  const utc = new Date().toISOString();
  const c = commit();
  const lines = rows.map((r) =>
    [
      utc,
      detectorVersion,
      paramsHash,
      c,
      r.set,
      r.method,
      r.setting,
      r.recall?.toFixed(3) ?? '',
      r.f1?.toFixed(3) ?? '',
      r.falsePer100.toFixed(2),
      r.ece?.toFixed(3) ?? '',
    ].join('\t'),
  );
  if (!existsSync(EVAL_LOG)) appendFileSync(EVAL_LOG, HEADER + '\n');
  appendFileSync(EVAL_LOG, lines.join('\n') + '\n');
}
