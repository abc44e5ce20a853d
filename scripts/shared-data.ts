/**
 * The one place that names the optional large data folder (`shared/data` beside the clone).
 * Benchmarks, training scripts and a few optional tests read it; `npm test` and `npm start`
 * never need it. Override with PO_SHARED_DATA=/path/to/data.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '..');

export const SHARED_DATA = resolve(REPO_ROOT, process.env.PO_SHARED_DATA ?? '../shared/data');

/** Absolute path of a file under the shared data folder. */
export function sharedDataPath(relative: string): string {
  return resolve(SHARED_DATA, relative);
}

/** Files (relative to the data folder) that are missing; empty when all are there. */
export function missingSharedData(relatives: readonly string[]): string[] {
  return relatives.filter((r) => !existsSync(sharedDataPath(r)));
}

/**
 * For benchmarks and training: when a needed file is absent, say which and where, and end the
 * process cleanly (exit 0) — the data is optional, its absence is not a failure.
 */
export function requireSharedData(what: string, relatives: readonly string[]): void {
  const missing = missingSharedData(relatives);
  if (missing.length === 0) return;
  console.log(`${what}: skipped, shared data missing under ${SHARED_DATA}:`);
  for (const m of missing) console.log(`  - ${m}`);
  console.log('Put the shared/ folder beside the clone, or set PO_SHARED_DATA to its data/ folder.');
  process.exit(0);
}
