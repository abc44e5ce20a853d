/** Read-only real export samples (see /work/shared/fixtures/exports/PROVENANCE.md). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const EXPORTS = fileURLToPath(new URL('../../../../../shared/fixtures/exports/', import.meta.url));

export function readExport(relativePath: string): string {
  return readFileSync(EXPORTS + relativePath, 'utf8');
}
