/** Read-only inputs for browser tests: real saved pages (../shared) and our own e2e pages. */
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** ../shared next to the project root (CI lays a copy of shared/ beside the clone). */
export const SHARED = resolve(process.env.PO_SHARED ?? '../shared');

export function readFixture(relativeToSites: string): string {
  const path = resolve(SHARED, 'fixtures/sites', relativeToSites);
  if (!existsSync(path)) throw new Error(`fixture missing: ${path} (set PO_SHARED to the shared/ folder)`);
  return readFileSync(path, 'utf8');
}

export function readE2eFixture(name: string): string {
  return readFileSync(resolve('tests/fixtures/e2e', name), 'utf8');
}

/** Pages built from the reference's documented markup, for sites with no real saved page. */
export function readReferenceSite(name: string): string {
  return readFileSync(resolve('tests/fixtures/sites', name), 'utf8');
}

/** Issue 16 class pages (tests/fixtures/sites-v2, built from documented markup; see its PROVENANCE). */
export function readCaptureV2Site(name: string): string {
  return readFileSync(resolve('tests/fixtures/sites-v2', name), 'utf8');
}
