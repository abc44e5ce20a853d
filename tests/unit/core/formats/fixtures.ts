/** Read-only real export samples (see tests/fixtures/shared/exports/PROVENANCE.md). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_SAMPLES } from '../../../fixtures/paths.ts';

export function readExport(relativePath: string): string {
  return readFileSync(join(EXPORT_SAMPLES, relativePath), 'utf8');
}
